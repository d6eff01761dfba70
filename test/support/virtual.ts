/**
 * A virtual cluster for tests, assembled the way `vcluster create` + `vcluster start` assemble it:
 * a virtual API server on loopback, its controller manager, the host namespace `vcluster-<name>`
 * with the vcluster Service (owner of every synced object), and the syncer between the two (the
 * virtual side in-process, the host through its kubeconfig, like a real host).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Service } from 'kubernetes-types/core/v1.js';
import { isAlreadyExists } from '../../src/api/status.js';
import { clientFromKubeconfig, inProcessClient, resources, type KubeClient, type Logger } from '../../src/client/index.js';
import { parseConfig, type Config } from '../../src/config/index.js';
import { startControllerManager, type RunningControllerManager } from '../../src/controllers/index.js';
import { HOST_CLIENT_DEFAULTS, startSyncer, type RunningSyncer } from '../../src/syncer/index.js';
import { waitFor } from './wait.js';
import { kubectl, startTestApiServer, type KubectlResult, type StorageKind, type TestApiServer } from './apiserver.js';

/** What a host harness must offer: the embedded host, or a bare API server. */
export interface HostHarness {
  readonly kubeconfigPath: string;
}

export interface VirtualClusterOptions {
  readonly host: HostHarness;
  readonly name: string;
  /** The host namespace (default `vcluster-<name>`), as `vcluster create -n`. */
  readonly hostNamespace?: string;
  /** vcluster.yaml or values.yaml text (default: empty, i.e. all defaults). */
  readonly config?: string;
  /** The syncer's `--sync` flag. */
  readonly syncFlag?: string;
  /** Run the virtual controller manager (default true). */
  readonly controllers?: boolean;
  readonly storage?: StorageKind;
  /** Syncer workers per resource. */
  readonly workers?: number;
  readonly logger?: Logger;
}

export interface VirtualCluster {
  readonly name: string;
  /** Where the synced objects live on the host (`vcluster-<name>` by default). */
  readonly hostNamespace: string;
  readonly api: TestApiServer;
  /** Admin client of the virtual cluster (in-process). */
  readonly virtual: KubeClient;
  /** Client of the host cluster (from the host's kubeconfig). */
  readonly host: KubeClient;
  readonly virtualKubeconfigPath: string;
  readonly hostKubeconfigPath: string;
  readonly config: Config;
  /** The vcluster Service on the host. */
  readonly hostService: Service;
  /** The syncer running now (changes across `restartSyncer`). */
  syncer(): RunningSyncer | undefined;
  stopSyncer(): Promise<void>;
  startSyncer(): Promise<void>;
  stop(): Promise<void>;
}

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The address the host's endpoints give for the control plane: this machine's first external IPv4
 * address (Endpoints refuse loopback), or a documentation address when there is none.
 */
function controlPlaneAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return '192.0.2.1';
}

/** The host namespace, Service account and Service `vcluster create` makes for a vcluster. */
async function prepareHost(host: KubeClient, name: string, namespace: string, apiPort: number): Promise<Service> {
  const ignoreExists = (e: unknown): undefined => {
    if (isAlreadyExists(e)) return undefined;
    throw e;
  };
  await host.create(resources.namespaces, { metadata: { name: namespace } }).catch(ignoreExists);
  await host.create(resources.serviceAccounts, { metadata: { name: `vc-workload-${name}`, namespace } }).catch(ignoreExists);
  const labels = { app: 'vcluster', release: name };
  await host
    .create(resources.services, {
      metadata: { name, namespace, labels },
      spec: {
        type: 'ClusterIP',
        ports: [
          { name: 'https', port: 443, targetPort: apiPort, protocol: 'TCP' },
          { name: 'kubelet', port: 10250, targetPort: apiPort, protocol: 'TCP' },
        ],
      },
    })
    .catch(ignoreExists);
  await host
    .create(resources.endpoints, {
      metadata: { name, namespace, labels },
      subsets: [{ addresses: [{ ip: controlPlaneAddress() }], ports: [{ name: 'https', port: apiPort, protocol: 'TCP' }, { name: 'kubelet', port: apiPort, protocol: 'TCP' }] }],
    })
    .catch(ignoreExists);
  const service = await host.get(resources.services, name, { namespace });
  if (service === undefined) throw new Error(`the vcluster service ${namespace}/${name} is missing on the host`);
  return service;
}

export async function startVirtualCluster(options: VirtualClusterOptions): Promise<VirtualCluster> {
  const logger = options.logger ?? quiet;
  const hostNamespace = options.hostNamespace ?? `vcluster-${options.name}`;
  const { config } = parseConfig(options.config ?? '', options.syncFlag === undefined ? {} : { syncFlag: options.syncFlag });
  const api = await startTestApiServer({ storage: options.storage ?? 'memory' });
  const virtual = inProcessClient(api.handler, { user: { name: 'admin', groups: ['system:masters'] } });
  const host = await clientFromKubeconfig(options.host.kubeconfigPath, { ...HOST_CLIENT_DEFAULTS, logger });
  const hostService = await prepareHost(host, options.name, hostNamespace, api.port);
  const lifetime = new AbortController();

  let controllers: RunningControllerManager | undefined;
  if (options.controllers !== false) {
    controllers = startControllerManager({ client: virtual, rootCaPem: api.caPem, leaderElection: false, logger }, lifetime.signal);
  }

  let running: { syncer: RunningSyncer; abort: AbortController } | undefined;
  const startOne = async (): Promise<void> => {
    if (running !== undefined) throw new Error('the syncer is already running');
    const abort = new AbortController();
    const syncer = startSyncer(
      {
        virtual,
        host,
        config,
        vclusterName: options.name,
        hostNamespace,
        hostService: { name: options.name, uid: hostService.metadata?.uid ?? '' },
        virtualApiServer: { port: api.port },
        logger,
        ...(options.workers === undefined ? {} : { workers: options.workers }),
      },
      abort.signal,
    );
    running = { syncer, abort };
    await syncer.ready;
  };
  const stopOne = async (): Promise<void> => {
    const current = running;
    running = undefined;
    if (current === undefined) return;
    current.abort.abort();
    await current.syncer.stop();
  };

  try {
    await startOne();
  } catch (e) {
    await stopOne();
    lifetime.abort();
    await controllers?.done.catch(() => undefined);
    await api.stop();
    throw e;
  }

  return {
    name: options.name,
    hostNamespace,
    api,
    virtual,
    host,
    virtualKubeconfigPath: api.kubeconfigPath,
    hostKubeconfigPath: options.host.kubeconfigPath,
    config,
    hostService,
    syncer: () => running?.syncer,
    stopSyncer: stopOne,
    startSyncer: startOne,
    async stop() {
      await stopOne();
      lifetime.abort();
      await controllers?.done.catch(() => undefined);
      await host.close();
      await virtual.close();
      await api.stop();
    },
  };
}

export interface Kubectl {
  run(args: readonly string[], input?: string): Promise<KubectlResult>;
  /** Runs and asserts success; returns stdout. */
  ok(args: readonly string[], input?: string): Promise<string>;
  /** `kubectl get … -o json`, parsed; `undefined` when not found. */
  getJson(args: readonly string[]): Promise<Record<string, any> | undefined>;
}

/** The real kubectl against a kubeconfig, with its own discovery cache. */
export function kubectlFor(kubeconfig: string): Kubectl {
  const cacheDir = mkdtempSync(join(tmpdir(), 'vcluster-kubectl-'));
  const run = (args: readonly string[], input?: string): Promise<KubectlResult> =>
    kubectl(args, { kubeconfig, cacheDir, ...(input === undefined ? {} : { input }) });
  return {
    run,
    async ok(args, input) {
      const result = await run(args, input);
      assert.equal(result.code, 0, `kubectl ${args.join(' ')} failed: ${result.stderr}`);
      return result.stdout;
    },
    async getJson(args) {
      const result = await run(['get', ...args, '-o', 'json']);
      if (result.code !== 0) {
        if (/NotFound|not found/.test(result.stderr)) return undefined;
        assert.fail(`kubectl get ${args.join(' ')} failed: ${result.stderr}`);
      }
      return JSON.parse(result.stdout) as Record<string, any>;
    },
  };
}

/** Polls until `read` gives a value and returns it (generous deadline, never a timing assertion). */
export async function eventually<T>(read: () => Promise<T | undefined>, options: { timeoutMs?: number; what?: string } = {}): Promise<T> {
  let value: T | undefined;
  await waitFor(async () => (value = await read()) !== undefined, { timeoutMs: options.timeoutMs ?? 60_000, ...(options.what === undefined ? {} : { what: options.what }) });
  return value as T;
}
