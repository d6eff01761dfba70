// Composition root of one virtual cluster's control plane: API server, controllers and syncer.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildKubeconfig } from '../api/kubeconfig.js';
import type { KubeObject } from '../api/object.js';
import { podLogQuery, type PodLogRequest } from '../api/pod-logs.js';
import { errors } from '../api/status.js';
import { createApiServer, loadOrCreatePkiAsync, type ApiServer, type PodLogProvider } from '../apiserver/index.js';
import { clientFromKubeconfig, inProcessClient, resources, type KubeClient } from '../client/index.js';
import { ConfigError, parseConfig } from '../config/index.js';
import { startControllerManager } from '../controllers/index.js';
import { startSyncer, HOST_CLIENT_DEFAULTS, type PodLogs } from '../syncer/index.js';
import { createLogger, type AppLogger } from './logging.js';
import { openStorage, type StorageChoice } from './storage.js';

export interface ControlPlaneOptions {
  readonly name: string;
  readonly config?: string;
  readonly hostKubeconfig: string;
  readonly hostContext?: string;
  readonly hostNamespace: string;
  readonly dataDir: string;
  readonly port?: number;
  readonly storage: string;
  readonly etcdEndpoints?: string;
  readonly sync?: string;
  readonly debug: boolean;
  readonly stopped: Promise<void>;
}

export interface RunningControlPlane {
  readonly api: ApiServer;
  readonly url: string;
  readonly kubeconfigPath: string;
  stop(): Promise<void>;
}

/** The identity the control plane's own components use against their API server. */
const SYSTEM_USER = { name: 'system:vcluster-control-plane', groups: ['system:masters'] };

/** Serves `kubectl logs` in the virtual cluster from the host pod, through the syncer. */
export function podLogsFrom(logs: () => PodLogs | undefined): PodLogProvider {
  return async (pod: KubeObject, options: PodLogRequest) => {
    const source = logs();
    const name = pod.metadata?.name ?? '';
    const namespace = pod.metadata?.namespace ?? '';
    if (!source) throw errors.badRequest(`container "${options.container}" in pod "${name}" is not running on a host`);
    const res = await source.open({ namespace, name }, podLogQuery(options));
    if (!res) throw errors.badRequest(`container "${options.container}" in pod "${name}" is waiting to start: ContainerCreating`);
    return res.body;
  };
}

/** Starts everything; returns once the virtual API answers and the syncer runs. */
export async function startControlPlane(o: Omit<ControlPlaneOptions, 'stopped'>, logger: AppLogger): Promise<RunningControlPlane> {
  const dataDir = resolve(o.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let parsed;
  try {
    parsed = parseConfig(o.config ? readFileSync(o.config, 'utf8') : '{}', o.sync ? { syncFlag: o.sync } : {});
  } catch (e) {
    if (e instanceof ConfigError) throw new Error(`invalid configuration ${o.config ?? ''}:\n${e.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`, { cause: e });
    throw e;
  }
  for (const w of parsed.warnings) logger.warn({}, w);
  const storage = await openStorage({ kind: o.storage as StorageChoice, dataDir, ...(o.etcdEndpoints ? { etcdEndpoints: o.etcdEndpoints } : {}) });
  const pki = await loadOrCreatePkiAsync(dataDir, { hosts: [o.name, `${o.name}.${o.hostNamespace}`, `${o.name}.${o.hostNamespace}.svc`] });
  let syncerLogs: PodLogs | undefined;
  const api = createApiServer({
    storage,
    pki,
    staticTokens: new Map([[pki.adminToken, { name: 'kubernetes-admin', groups: ['system:masters'] }]]),
    podLogs: podLogsFrom(() => syncerLogs),
    onError: (e, req) => {
      logger.error({ err: e instanceof Error ? e.message : String(e), ...req }, 'request failed');
    },
  });
  const address = await api.listen(o.port ?? 0, '127.0.0.1');
  await api.start({ advertiseAddress: '127.0.0.1', advertisePort: address.port });
  const url = `https://127.0.0.1:${address.port}`;
  const abort = new AbortController();
  const virtual = inProcessClient(api.handle, { user: SYSTEM_USER });
  const controllers = startControllerManager({ client: virtual, rootCaPem: pki.ca.cert, leaderElection: false, logger }, abort.signal);
  let host: KubeClient | undefined;
  try {
    host = await clientFromKubeconfig(o.hostKubeconfig, { ...(o.hostContext ? { context: o.hostContext } : {}), qps: HOST_CLIENT_DEFAULTS.qps, burst: HOST_CLIENT_DEFAULTS.burst });
    const service = await host.get(resources.services, o.name, { namespace: o.hostNamespace });
    const syncer = startSyncer(
      {
        virtual,
        host,
        config: parsed.config,
        vclusterName: o.name,
        hostNamespace: o.hostNamespace,
        hostService: { name: o.name, uid: service?.metadata?.uid ?? '' },
        virtualApiServer: { ...(service?.spec?.clusterIP ? { clusterIp: service.spec.clusterIP } : {}), port: 443 },
        logger,
      },
      abort.signal,
    );
    syncerLogs = syncer.podLogs;
    await syncer.ready;
  } catch (e) {
    abort.abort();
    await host?.close();
    await api.close();
    await storage.close();
    throw e;
  }
  // The kubeconfig appears last: the CLI takes its existence plus /readyz as "up".
  const kubeconfigPath = join(dataDir, 'kubeconfig.yaml');
  writeFileSync(
    kubeconfigPath,
    buildKubeconfig({ name: `vcluster_${o.name}`, server: url, caPem: pki.ca.cert, user: { clientCertPem: pki.admin.cert, clientKeyPem: pki.admin.key }, userName: `vcluster_${o.name}` }),
    { mode: 0o600 },
  );
  logger.info({ url, name: o.name, hostNamespace: o.hostNamespace }, 'virtual cluster control plane is running');
  return {
    api,
    url,
    kubeconfigPath,
    stop: async () => {
      abort.abort();
      await controllers.done.catch(() => undefined);
      await virtual.close();
      await host.close();
      await api.close();
      await storage.close();
    },
  };
}

/** `vcluster start`: runs in the foreground until SIGINT/SIGTERM. */
export async function runControlPlane(o: ControlPlaneOptions): Promise<void> {
  const logger = createLogger(o.debug ? 'debug' : 'info');
  const plane = await startControlPlane(o, logger);
  await o.stopped;
  logger.info({}, 'stopping');
  await plane.stop();
}
