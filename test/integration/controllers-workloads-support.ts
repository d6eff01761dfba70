// Shared by the workload controller integration tests: a real API server on loopback, the
// workload controllers running in-process against it, and a stand-in kubelet (none exists yet)
// that binds pods to nodes and reports them Running and Ready, or finished, through pods/status.
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import { isConflict, isNotFound } from '../../src/api/status.js';
import { inProcessClient, resources, RestMapper, type Clock, type KubeClient } from '../../src/client/index.js';
import { createControllerContext, defaultTuning, type ControllerContext } from '../../src/controllers/shared/context.js';
import { Manager, type Controller } from '../../src/runtime/index.js';
import { kubectl, startTestApiServer, type KubectlResult, type TestApiServer } from '../support/apiserver.js';

export interface Cluster {
  readonly api: TestApiServer;
  readonly client: KubeClient;
  readonly ctx: ControllerContext;
  /** Runs kubectl against the server; throws with stderr on a non-zero exit unless `allowFail`. */
  kubectl(args: readonly string[], options?: { input?: string; allowFail?: boolean; timeoutMs?: number }): Promise<KubectlResult>;
  stop(): Promise<void>;
}

/**
 * A server, a manager running the controllers `make` builds from the context, and a kubelet
 * stand-in (unless `kubelet: false`).
 */
export async function startCluster(options: {
  controllers: (ctx: ControllerContext) => Controller[];
  clock?: Clock;
  kubelet?: KubeletOptions | false;
}): Promise<Cluster> {
  const api = await startTestApiServer({ storage: 'memory' });
  const client = inProcessClient(api.handler, { user: { name: 'system:kube-controller-manager', groups: ['system:masters'] } });
  const manager = new Manager({ client, ...(options.clock ? { clock: options.clock } : {}) });
  const { realClock } = await import('../../src/client/index.js');
  const ctx = createControllerContext({
    client,
    manager,
    mapper: new RestMapper(client),
    rootCaPem: api.caPem,
    tuning: defaultTuning,
    clock: options.clock ?? realClock,
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  for (const c of options.controllers(ctx)) manager.add(c);
  const stop = new AbortController();
  // Every informer and controller listens on this signal.
  setMaxListeners(0, stop.signal);
  const running = manager.start(stop.signal);
  const kubelet = options.kubelet === false ? undefined : new FakeKubelet(inProcessClient(api.handler, { user: { name: 'kubelet', groups: ['system:masters'] } }), options.kubelet ?? {});
  const kubeletRun = kubelet?.run(stop.signal);
  const work = mkdtempSync(join(tmpdir(), 'workloads-kubectl-'));
  let n = 0;
  return {
    api,
    client,
    ctx,
    async kubectl(args, opts = {}) {
      const r = await kubectl(args, { kubeconfig: api.kubeconfigPath, cacheDir: join(work, `cache-${n++}`), ...(opts.input !== undefined ? { input: opts.input } : {}), ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}) });
      if (r.code !== 0 && opts.allowFail !== true) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
      return r;
    },
    async stop() {
      stop.abort();
      await Promise.all([running, kubeletRun]);
      await api.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export interface KubeletOptions {
  /** What a running pod becomes next: stays Running (undefined), or finishes. Default: pods of Jobs and restartPolicy Never/OnFailure pods succeed. */
  readonly finish?: (pod: Pod) => 'Succeeded' | 'Failed' | undefined;
  /** Pods this returns true for are left Pending (not scheduled, not started). */
  readonly hold?: (pod: Pod) => boolean;
  /** Node for pods without one (default: none, pods stay unbound). */
  readonly defaultNode?: string;
}

const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Plays kubelet (and scheduler) for every pod: binds it (to the node its DaemonSet affinity names,
 * or `defaultNode`), makes it Running and Ready, then maybe finishes it; pods being deleted are
 * removed at once, as a kubelet does once containers stopped.
 */
export class FakeKubelet {
  /** What went wrong on the way (a test may assert it is empty). */
  readonly errors: unknown[] = [];

  constructor(
    private readonly client: KubeClient,
    private readonly options: KubeletOptions,
  ) {}

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const pods = await this.client.list(resources.pods, { signal });
        await Promise.all(pods.items.map((pod) => this.step(pod, signal)));
      } catch (e) {
        if (!isAborted(signal)) this.errors.push(e);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  private async step(pod: Pod, signal: AbortSignal): Promise<void> {
    const name = pod.metadata?.name ?? '';
    const namespace = pod.metadata?.namespace ?? '';
    try {
      if (pod.metadata?.deletionTimestamp) {
        await this.client.delete(resources.pods, name, { namespace, gracePeriodSeconds: 0, signal });
        return;
      }
      if (this.options.hold?.(pod)) return;
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      if (!pod.spec?.nodeName) {
        const node = affinityNode(pod) ?? this.options.defaultNode;
        if (node === undefined) return;
        await this.client.createSubresource(resources.pods, name, 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace }, target: { apiVersion: 'v1', kind: 'Node', name: node } }, { namespace, signal });
        return;
      }
      if (phase !== 'Running') {
        await this.client.updateStatus(resources.pods, { ...pod, status: runningStatus(pod, Date.now()) }, { signal });
        return;
      }
      const finish = (this.options.finish ?? defaultFinish)(pod);
      if (finish) await this.client.updateStatus(resources.pods, { ...pod, status: finishedStatus(pod, finish, Date.now()) }, { signal });
    } catch (e) {
      if (isConflict(e) || isNotFound(e) || signal.aborted) return;
      this.errors.push(e);
    }
  }
}

/** Not narrowed by a loop condition: the signal may fire during an await. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}

function defaultFinish(pod: Pod): 'Succeeded' | undefined {
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
  if (owner?.kind === 'Job') return 'Succeeded';
  return undefined;
}

function affinityNode(pod: Pod): string | undefined {
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.[0]) return f.values[0];
  }
  return undefined;
}

function conditions(status: 'True' | 'False', at: string): PodCondition[] {
  return ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
    type,
    status: type === 'PodScheduled' || type === 'Initialized' ? 'True' : status,
    lastProbeTime: null as unknown as undefined,
    lastTransitionTime: at,
  }));
}

export function runningStatus(pod: Pod, now: number): Pod['status'] {
  const at = rfc3339(now);
  return {
    ...pod.status,
    phase: 'Running',
    conditions: conditions('True', at),
    hostIP: '10.0.0.1',
    podIP: `10.244.0.${Math.floor(Math.random() * 250) + 2}`,
    startTime: at,
    containerStatuses: (pod.spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '', imageID: '', ready: true, restartCount: 0, started: true, state: { running: { startedAt: at } } })),
  };
}

export function finishedStatus(pod: Pod, phase: 'Succeeded' | 'Failed', now: number): Pod['status'] {
  const at = rfc3339(now);
  const exitCode = phase === 'Succeeded' ? 0 : 1;
  return {
    ...pod.status,
    phase,
    conditions: conditions('False', at),
    containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      ready: false,
      restartCount: 0,
      started: false,
      state: { terminated: { exitCode, reason: phase === 'Succeeded' ? 'Completed' : 'Error', finishedAt: at, startedAt: at } },
    })),
  };
}

export async function createNode(client: KubeClient, name: string, extra: Partial<Node> = {}): Promise<Node> {
  return client.create(resources.nodes, {
    apiVersion: 'v1',
    kind: 'Node',
    ...extra,
    metadata: { name, ...extra.metadata, labels: { 'kubernetes.io/hostname': name, ...extra.metadata?.labels } },
  });
}

export async function ensureNamespace(client: KubeClient, name: string): Promise<void> {
  await client.create(resources.namespaces, { metadata: { name } });
}
