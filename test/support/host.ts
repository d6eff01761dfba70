// The embedded host for tests: our API server on loopback, the controller manager and hostsim
// (simulated nodes, scheduler, kubelets, provisioner), with `kubectl logs` served by hostsim.
import { errors } from '../../src/api/status.js';
import { inProcessClient, type KubeClient } from '../../src/client/index.js';
import { CONTROLLERS, startControllerManager, type ControllerManagerOptions } from '../../src/controllers/index.js';
import { startHostSim, type HostSim, type HostSimOptions, type PodLogs } from '../../src/hostsim/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectl, startTestApiServer, type KubectlResult, type TestApiServer, type TestApiServerOptions } from './apiserver.js';

export interface EmbeddedHostOptions extends Omit<TestApiServerOptions, 'podLogs'> {
  /** hostsim's nodes (default: 3). */
  readonly nodes?: HostSimOptions['nodes'];
  /** Run the controller manager (default true). */
  readonly controllers?: boolean;
  readonly controllerManager?: Partial<Omit<ControllerManagerOptions, 'client' | 'rootCaPem'>>;
  readonly hostsim?: Partial<Omit<HostSimOptions, 'client' | 'nodes'>>;
}

export interface EmbeddedHost extends TestApiServer {
  /** An in-process admin client. */
  readonly client: KubeClient;
  readonly hostsim: HostSim;
  /** The controllers that run (none without the controller manager). */
  readonly controllers: readonly string[];
  /** The real kubectl against this host. */
  kubectl(args: readonly string[], input?: string): Promise<KubectlResult>;
  /** kubectl that must succeed; its stdout. */
  kubectlOk(args: readonly string[], input?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Whether the controller manager can run a controller (some are still being written). */
export function hasController(name: string): boolean {
  return CONTROLLERS.some((c) => c.name === name || c.aliases.includes(name));
}

export async function startEmbeddedHost(options: EmbeddedHostOptions = {}): Promise<EmbeddedHost> {
  // The server takes its log provider at construction; hostsim exists only once the server runs.
  const late: { logs?: PodLogs } = {};
  const api = await startTestApiServer({
    ...options,
    podLogs: (pod, request) => (late.logs ? late.logs(pod, request) : Promise.reject(errors.serviceUnavailable('the simulated kubelets are not running'))),
  });
  const admin = (name: string): KubeClient => inProcessClient(api.handler, { user: { name, groups: ['system:masters'] } });
  const client = admin('kubernetes-admin');
  const controllerClient = admin('system:kube-controller-manager');
  const hostClient = admin('system:hostsim');
  const stop = new AbortController();
  const manager =
    options.controllers === false
      ? undefined
      : startControllerManager({ client: controllerClient, rootCaPem: api.caPem, tuning: { namespaceDeletionDelayMs: 0 }, ...options.controllerManager }, stop.signal);
  let hostsim: HostSim;
  try {
    hostsim = await startHostSim({ client: hostClient, ...(options.nodes !== undefined ? { nodes: options.nodes } : {}), ...options.hostsim }, stop.signal);
  } catch (e) {
    stop.abort();
    await manager?.done;
    await api.stop();
    throw e;
  }
  late.logs = hostsim.podLogs;
  const cacheDir = mkdtempSync(join(tmpdir(), 'vcluster-kubectl-'));
  const run = (args: readonly string[], input?: string): Promise<KubectlResult> => kubectl(args, { kubeconfig: api.kubeconfigPath, cacheDir, ...(input !== undefined ? { input } : {}), timeoutMs: 120_000 });
  return {
    ...api,
    client,
    hostsim,
    controllers: manager?.controllers ?? [],
    kubectl: run,
    kubectlOk: async (args, input) => {
      const result = await run(args, input);
      if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
      return result.stdout;
    },
    stop: async () => {
      stop.abort();
      await hostsim.done;
      await manager?.done;
      await Promise.all([client.close(), controllerClient.close(), hostClient.close()]);
      await api.stop();
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}
