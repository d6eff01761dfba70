// Composition root of the embedded host: our API server, the controllers and the simulated nodes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildKubeconfig } from '../api/kubeconfig.js';
import { createApiServer, loadOrCreatePkiAsync, type ApiServer, type PodLogProvider } from '../apiserver/index.js';
import { inProcessClient } from '../client/index.js';
import { startControllerManager } from '../controllers/index.js';
import { startHostSim } from '../hostsim/index.js';
import { createLogger, type AppLogger } from './logging.js';
import { openStorage, type StorageChoice } from './storage.js';

export interface HostClusterOptions {
  readonly dataDir: string;
  /** Preferred port; a busy port falls back to a free one. */
  readonly port?: number;
  readonly nodes?: number;
  readonly nodesFile?: string;
  readonly storage: string;
  readonly etcdEndpoints?: string;
  /** Record this process in host.pid/host.json (as `vcluster host start` and `up` do). */
  readonly pidFile?: boolean;
}

export interface RunningHost {
  readonly api: ApiServer;
  readonly url: string;
  readonly kubeconfigPath: string;
  stop(): Promise<void>;
}

export const DEFAULT_HOST_PORT = 16443;
export const HOST_CONTEXT = 'vcluster-ts-host';
const SYSTEM_USER = { name: 'system:vcluster-ts-host', groups: ['system:masters'] };

export async function startHostCluster(o: HostClusterOptions, logger: AppLogger): Promise<RunningHost> {
  const dataDir = resolve(o.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const storage = await openStorage({ kind: o.storage as StorageChoice, dataDir, ...(o.etcdEndpoints ? { etcdEndpoints: o.etcdEndpoints } : {}) });
  const pki = await loadOrCreatePkiAsync(dataDir);
  // Bound once the simulated kubelets run; the API server needs the provider at construction.
  const sim = { logs: undefined as PodLogProvider | undefined };
  const api = createApiServer({
    storage,
    pki,
    staticTokens: new Map([[pki.adminToken, { name: 'kubernetes-admin', groups: ['system:masters'] }]]),
    podLogs: (pod, options) => {
      if (!sim.logs) throw new Error('the simulated kubelets are not running yet');
      return sim.logs(pod, options);
    },
    onError: (e, req) => {
      logger.error({ err: e instanceof Error ? e.message : String(e), ...req }, 'request failed');
    },
  });
  let address;
  try {
    address = await api.listen(o.port ?? DEFAULT_HOST_PORT, '127.0.0.1');
  } catch {
    address = await api.listen(0, '127.0.0.1');
  }
  await api.start({ advertiseAddress: '127.0.0.1', advertisePort: address.port });
  const url = `https://127.0.0.1:${address.port}`;
  const abort = new AbortController();
  const client = inProcessClient(api.handle, { user: SYSTEM_USER });
  const controllers = startControllerManager({ client, rootCaPem: pki.ca.cert, leaderElection: false, logger }, abort.signal);
  const hostsim = await startHostSim(
    {
      client,
      logger,
      ...(o.nodesFile ? { nodes: o.nodesFile } : o.nodes !== undefined ? { nodes: { count: o.nodes } } : {}),
    },
    abort.signal,
  );
  sim.logs = hostsim.podLogs;
  const kubeconfigPath = join(dataDir, 'kubeconfig.yaml');
  writeFileSync(
    kubeconfigPath,
    buildKubeconfig({ name: HOST_CONTEXT, server: url, caPem: pki.ca.cert, user: { clientCertPem: pki.admin.cert, clientKeyPem: pki.admin.key } }),
    { mode: 0o600 },
  );
  if (o.pidFile) {
    writeFileSync(join(dataDir, 'host.pid'), `${process.pid}\n`);
    writeFileSync(join(dataDir, 'host.json'), `${JSON.stringify({ url, pid: process.pid })}\n`);
  }
  logger.info({ url }, 'embedded host is running');
  return {
    api,
    url,
    kubeconfigPath,
    stop: async () => {
      abort.abort();
      await hostsim.stop();
      await controllers.done.catch(() => undefined);
      await client.close();
      await api.close();
      await storage.close();
      if (o.pidFile) rmSync(join(dataDir, 'host.pid'), { force: true });
    },
  };
}

/** `vcluster host run`: the embedded host in the foreground until SIGINT/SIGTERM. */
export async function runHostCluster(o: HostClusterOptions & { debug: boolean; stopped: Promise<void> }): Promise<void> {
  const logger = createLogger(o.debug ? 'debug' : 'info');
  const host = await startHostCluster({ ...o, pidFile: true }, logger);
  await o.stopped;
  logger.info({}, 'stopping');
  await host.stop();
}
