/**
 * The simulated kubelets of every simulated node, as one controller over the shared pod cache:
 * a pod bound to one of them gets a pod IP from the node's subnet and a status that follows its
 * timeline (written only when it changes, re-checked when the timeline says something will), the
 * events a kubelet records, and, once it is being deleted and its containers have stopped, its
 * final status and the delete with grace period 0 that lets the API server remove it.
 */
import { setMaxListeners } from 'node:events';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isConflict, isNotFound } from '../../api/status.js';
import { describeError, keyOf, noopLogger, realClock, resources, splitKey, type Clock, type KubeClient, type Logger } from '../../client/index.js';
import { Controller, ItemExponentialRateLimiter, type Informer, type ReconcileResult, type Runnable } from '../../runtime/index.js';
import { behaviourOf, DEFAULT_BEHAVIOUR, type BehaviourDefaults } from '../annotations.js';
import { podReference } from '../events.js';
import type { SimulatedNode } from '../nodes/simulated-node.js';
import { parseTime, wholeSeconds } from '../time.js';
import { containerEvents } from './events-diff.js';
import { buildPodStatus, sameStatus } from './status.js';
import { podTimeline, type Deletion } from './timeline.js';

export interface KubeletOptions {
  readonly client: KubeClient;
  readonly pods: Informer<Pod>;
  readonly nodes: readonly SimulatedNode[];
  readonly behaviour?: BehaviourDefaults;
  readonly workers?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** How long after its own status write a kubelet waits for the watch before looking again by itself. */
const STALE_CACHE_GRACE_MS = 1000;

const isTerminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export class Kubelets implements Runnable {
  readonly name = 'kubelets';
  private readonly controller: Controller;
  private readonly byName: ReadonlyMap<string, SimulatedNode>;
  private readonly clock: Clock;
  private readonly logger: Logger;
  /** Pods whose deletion the containers have been told of (Killing recorded). */
  private readonly killing = new Set<string>();

  constructor(private readonly o: KubeletOptions) {
    this.clock = o.clock ?? realClock;
    this.logger = o.logger ?? noopLogger;
    this.byName = new Map(o.nodes.map((n) => [n.name, n]));
    this.controller = new Controller({
      name: 'kubelet',
      reconcile: (key, signal) => this.reconcile(key, signal),
      workers: o.workers ?? 16,
      // A conflict is retried soon: it only means the cache had not seen the latest write. No
      // overall retry budget, which would hold back thousands of pods after a burst of conflicts.
      rateLimiter: () => new ItemExponentialRateLimiter<string>(5, 10_000),
      // Stopping the host stops its kubelets at once.
      drainMs: 0,
      clock: this.clock,
      logger: this.logger,
    });
    // Addresses already on pods (a restart) are taken before any new one is handed out.
    o.pods.addHandler({
      onAdd: (p) => {
        this.claimAddress(p);
      },
      onDelete: (p) => {
        this.forget(p);
      },
    });
    this.controller.watch(o.pods, { predicate: (e) => this.byName.has(e.obj.spec?.nodeName ?? '') });
  }

  run(signal: AbortSignal): Promise<void> {
    return this.controller.run(signal);
  }

  private nodeOf(p: Pod): SimulatedNode | undefined {
    return this.byName.get(p.spec?.nodeName ?? '');
  }

  private claimAddress(p: Pod): void {
    const node = this.nodeOf(p);
    const ip = p.status?.podIP;
    if (!node || ip === undefined || p.spec?.hostNetwork === true || isTerminal(p)) return;
    if (!node.pool.claim(p.metadata?.uid ?? '', ip)) this.logger.warn({ pod: keyOf(p.metadata?.namespace, p.metadata?.name ?? ''), ip }, 'pod address is outside the node subnet or taken');
  }

  private forget(p: Pod): void {
    const uid = p.metadata?.uid ?? '';
    this.nodeOf(p)?.pool.release(uid);
    this.killing.delete(uid);
  }

  private async reconcile(key: string, signal: AbortSignal): Promise<ReconcileResult | undefined> {
    // All workers' requests listen to this one signal.
    setMaxListeners(0, signal);
    const pod = this.o.pods.getByKey(key);
    if (!pod) return undefined;
    const node = this.nodeOf(pod);
    if (!node) return undefined;
    const uid = pod.metadata?.uid ?? '';
    const deleting = pod.metadata?.deletionTimestamp !== undefined;
    if (isTerminal(pod)) {
      // Finished pods keep their status; their address goes back to the pool.
      node.pool.release(uid);
      if (deleting) await this.remove(pod, signal);
      return undefined;
    }
    const now = this.clock.now();
    const startTime = parseTime(pod.status?.startTime) ?? wholeSeconds(now);
    const behaviour = behaviourOf(pod, this.o.behaviour ?? DEFAULT_BEHAVIOUR);
    const deletion = deletionOf(pod);
    const timeline = podTimeline({ spec: pod.spec ?? { containers: [] }, behaviour, startedAt: startTime, now, deletion });

    let podIP: string | undefined;
    if (pod.spec?.hostNetwork === true) podIP = node.hostIP;
    else if (pod.status?.podIP !== undefined && pod.status.podIP !== '') podIP = pod.status.podIP;
    else if (timeline.sandboxReady) {
      podIP = node.pool.allocate(uid);
      if (podIP === undefined) {
        node.recorder.event(podReference(pod), 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: failed to allocate an IP address: no addresses left in ${node.podCIDR}`);
        return { requeueAfterMs: 10_000 };
      }
    }

    if (deletion && now >= deletion.requestedAt && !this.killing.has(uid)) {
      this.killing.add(uid);
      for (const c of pod.status?.containerStatuses ?? []) {
        if (c.state?.running) node.recorder.event(podReference(pod, `spec.containers{${c.name}}`), 'Normal', 'Killing', `Stopping container ${c.name}`);
      }
    }

    const status = buildPodStatus({ pod, timeline, now, startTime, hostIP: node.hostIP, podIP });
    const wrote = !sameStatus(pod.status, status);
    if (wrote) {
      try {
        await this.o.client.updateStatus(resources.pods, { ...pod, status }, { signal });
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
      for (const ev of containerEvents(pod, pod.status, status, node)) node.recorder.event(podReference(pod, ev.fieldPath), ev.type, ev.reason, ev.message);
    }
    if (timeline.phase === 'Succeeded' || timeline.phase === 'Failed') node.pool.release(uid);
    if (timeline.stopped) {
      await this.remove(pod, signal);
      return undefined;
    }
    if (timeline.nextChangeAt === undefined) return undefined;
    // After a write, the watch event of that write brings the pod back at once; a sooner requeue
    // would work from the cached, now stale, pod and fail with a conflict.
    return { requeueAfterMs: Math.max(wrote ? STALE_CACHE_GRACE_MS : 1, timeline.nextChangeAt - now) };
  }

  /** What kubelet's status manager does for a terminated pod being deleted: the final delete. */
  private async remove(pod: Pod, signal: AbortSignal): Promise<void> {
    const { namespace, name } = splitKey(keyOf(pod.metadata?.namespace, pod.metadata?.name ?? ''));
    try {
      await this.o.client.delete(resources.pods, name, { namespace, gracePeriodSeconds: 0, preconditions: { uid: pod.metadata?.uid ?? '' }, signal });
    } catch (e) {
      if (isNotFound(e) || isConflict(e)) return;
      this.logger.warn({ pod: `${namespace}/${name}`, err: describeError(e) }, 'could not delete a terminated pod');
      throw e;
    }
  }
}

/** When the kubelet was asked to stop the pod, from its deletionTimestamp and grace period. */
export function deletionOf(pod: Pod): Deletion | undefined {
  const at = parseTime(pod.metadata?.deletionTimestamp);
  if (at === undefined) return undefined;
  const graceMs = Math.max(0, (pod.metadata?.deletionGracePeriodSeconds ?? 0) * 1000);
  return { requestedAt: at - graceMs, gracePeriodMs: graceMs };
}
