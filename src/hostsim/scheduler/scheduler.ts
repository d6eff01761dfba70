/**
 * A kube-scheduler for the embedded host: pending pods of `default-scheduler` are taken one at a
 * time from the scheduling queue, filtered and scored against an in-memory snapshot of the nodes,
 * assumed onto the chosen node at once (so the next decision already counts them) and bound through
 * pods/binding in the background. Pods that fit nowhere get PodScheduled=False and a
 * FailedScheduling event, and are retried when nodes, pods or volumes change.
 */
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Node, NodeSelectorTerm, PersistentVolume, PersistentVolumeClaim, Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { isConflict, isNotFound } from '../../api/status.js';
import { describeError, noopLogger, realClock, resources, type Clock, type KubeClient, type Logger } from '../../client/index.js';
import type { Informer, Runnable } from '../../runtime/index.js';
import { podReference, type EventRecorder } from '../events.js';
import { TaskPool } from '../pool.js';
import { rfc3339 } from '../time.js';
import { fitErrorMessage } from './fit-error.js';
import { runFilters, type FilterFailure } from './filters.js';
import { NodeInfo, podInfo, podKey, type PodInfo } from './model.js';
import { SchedulingQueue, type Popped } from './queue.js';
import { scoreNodes, selectHost } from './scoring.js';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export interface SchedulerOptions {
  readonly client: KubeClient;
  readonly pods: Informer<Pod>;
  readonly nodes: Informer<Node>;
  readonly claims: Informer<PersistentVolumeClaim>;
  readonly volumes: Informer<PersistentVolume>;
  readonly classes: Informer<StorageClass>;
  readonly recorder: EventRecorder;
  readonly schedulerName?: string;
  /** Bindings in flight at once. */
  readonly bindConcurrency?: number;
  readonly random?: () => number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

interface Placement {
  readonly node: string;
  readonly info: PodInfo;
  assumed: boolean;
}

const isTerminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const isAssigned = (p: Pod): boolean => (p.spec?.nodeName ?? '') !== '';

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class Scheduler implements Runnable {
  readonly name = 'scheduler';
  private readonly queue: SchedulingQueue;
  private readonly nodeInfos = new Map<string, NodeInfo>();
  private readonly placements = new Map<string, Placement>();
  private readonly writes: TaskPool;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly schedulerName: string;
  private readonly random: () => number;

  constructor(private readonly o: SchedulerOptions) {
    this.clock = o.clock ?? realClock;
    this.logger = o.logger ?? noopLogger;
    this.schedulerName = o.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.random = o.random ?? Math.random;
    this.queue = new SchedulingQueue({ clock: this.clock });
    this.writes = new TaskPool(o.bindConcurrency ?? 32);
    o.nodes.addHandler({
      onAdd: (n) => {
        this.nodeAdded(n);
      },
      onUpdate: (old, n) => {
        this.nodeUpdated(old, n);
      },
      onDelete: (n) => {
        this.nodeInfos.delete(n.metadata?.name ?? '');
      },
    });
    o.pods.addHandler({
      onAdd: (p) => {
        this.podAdded(p);
      },
      onUpdate: (old, p) => {
        this.podUpdated(old, p);
      },
      onDelete: (p) => {
        this.podDeleted(p);
      },
    });
    const changed = (): void => {
      this.queue.moveAllToActiveOrBackoff();
    };
    const storageChanged = { onAdd: changed, onUpdate: changed, onDelete: changed };
    o.claims.addHandler(storageChanged);
    o.volumes.addHandler(storageChanged);
    o.classes.addHandler(storageChanged);
  }

  async run(signal: AbortSignal): Promise<void> {
    const synced = await Promise.all([this.o.pods, this.o.nodes, this.o.claims, this.o.volumes, this.o.classes].map((i) => i.waitForSync(signal)));
    if (signal.aborted || !synced.every(Boolean)) return;
    const stop = (): void => {
      this.queue.close();
    };
    signal.addEventListener('abort', stop, { once: true });
    this.logger.info({ scheduler: this.schedulerName, nodes: this.nodeInfos.size }, 'scheduler started');
    let sinceYield = 0;
    try {
      for (;;) {
        const popped = await this.queue.pop();
        if (!popped || isAborted(signal)) return;
        try {
          await this.scheduleOne(popped, signal);
        } catch (e) {
          this.logger.error({ pod: popped.key, err: describeError(e) }, 'scheduling failed');
          this.queue.retry(popped.key);
        }
        // Let watch events in: a long queue must not starve the informers.
        if (++sinceYield >= 32) {
          sinceYield = 0;
          await yieldToEvents();
        }
      }
    } finally {
      signal.removeEventListener('abort', stop);
      this.queue.close();
      await this.writes.drain();
    }
  }

  // --- cache maintenance ----------------------------------------------------------------------

  private responsible(p: Pod): boolean {
    return (p.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === this.schedulerName;
  }

  private wantsScheduling(p: Pod): boolean {
    return !isAssigned(p) && !isTerminal(p) && p.metadata?.deletionTimestamp === undefined && this.responsible(p);
  }

  private nodeAdded(n: Node): void {
    const name = n.metadata?.name ?? '';
    const info = new NodeInfo(n);
    this.nodeInfos.set(name, info);
    for (const placement of this.placements.values()) if (placement.node === name) info.addPod(placement.info);
    this.queue.moveAllToActiveOrBackoff();
  }

  private nodeUpdated(old: Node, n: Node): void {
    const info = this.nodeInfos.get(n.metadata?.name ?? '');
    if (!info) {
      this.nodeAdded(n);
      return;
    }
    info.setNode(n);
    const relevant =
      !sameJson(old.metadata?.labels, n.metadata?.labels) ||
      !sameJson(old.spec?.taints, n.spec?.taints) ||
      old.spec?.unschedulable !== n.spec?.unschedulable ||
      !sameJson(old.status?.allocatable, n.status?.allocatable);
    if (relevant) this.queue.moveAllToActiveOrBackoff();
  }

  private place(p: Pod): void {
    const uid = p.metadata?.uid ?? '';
    const node = p.spec?.nodeName ?? '';
    const current = this.placements.get(uid);
    if (current && current.node === node) {
      current.assumed = false;
      return;
    }
    if (current) this.nodeInfos.get(current.node)?.removePod(uid);
    const info = current?.info ?? podInfo(p);
    this.placements.set(uid, { node, info, assumed: false });
    this.nodeInfos.get(node)?.addPod(info);
  }

  private unplace(p: Pod): boolean {
    const uid = p.metadata?.uid ?? '';
    const current = this.placements.get(uid);
    if (!current) return false;
    this.placements.delete(uid);
    this.nodeInfos.get(current.node)?.removePod(uid);
    return true;
  }

  private podAdded(p: Pod): void {
    if (isAssigned(p)) {
      if (!isTerminal(p)) this.place(p);
      return;
    }
    if (this.wantsScheduling(p)) this.queue.add(podKey(p), p.spec?.priority ?? 0);
  }

  private podUpdated(old: Pod, p: Pod): void {
    const key = podKey(p);
    if (isAssigned(p)) {
      if (!isAssigned(old)) this.queue.delete(key);
      if (isTerminal(p)) {
        if (this.unplace(p)) this.queue.moveAllToActiveOrBackoff();
      } else this.place(p);
      return;
    }
    if (!this.wantsScheduling(p)) {
      this.queue.delete(key);
      return;
    }
    // Status writes (ours included) change nothing the scheduler looks at.
    const changed = !sameJson(old.spec, p.spec) || !sameJson(old.metadata?.labels, p.metadata?.labels);
    if (changed || this.queue.where(key) === undefined) this.queue.add(key, p.spec?.priority ?? 0);
  }

  private podDeleted(p: Pod): void {
    this.queue.delete(podKey(p));
    if (this.unplace(p)) this.queue.moveAllToActiveOrBackoff();
  }

  // --- one scheduling cycle -------------------------------------------------------------------

  private async scheduleOne(popped: Popped, signal: AbortSignal): Promise<void> {
    const pod = this.o.pods.getByKey(popped.key);
    if (!pod || !this.wantsScheduling(pod) || this.placements.has(pod.metadata?.uid ?? '')) {
      this.queue.done(popped.key);
      return;
    }
    const info = podInfo(pod);
    if (info.gated) {
      this.queue.done(popped.key);
      this.setCondition(pod, 'SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates', signal);
      return;
    }
    const nodes = [...this.nodeInfos.values()];
    const volumes = this.volumePreFilter(info);
    if (volumes.message !== undefined) {
      this.fail(pod, popped, fitErrorMessage({ numAllNodes: nodes.length, preFilterMessage: volumes.message, nodeFailures: new Map(), preemptNever: info.preemptNever }), signal);
      return;
    }
    const failures = new Map<string, FilterFailure>();
    const feasible: NodeInfo[] = [];
    for (const node of nodes) {
      const failure = runFilters(info, node, { volumeNodeAffinity: volumes.nodeAffinity });
      if (failure) failures.set(node.name, failure);
      else feasible.push(node);
    }
    const host = feasible.length > 0 ? selectHost(feasible, scoreNodes(info, feasible, nodes), this.random) : undefined;
    if (!host) {
      this.fail(pod, popped, fitErrorMessage({ numAllNodes: nodes.length, nodeFailures: failures, preemptNever: info.preemptNever }), signal);
      return;
    }
    host.addPod(info);
    this.placements.set(info.uid, { node: host.name, info, assumed: true });
    await this.writes.run(() => this.bind(pod, info, host.name, signal));
  }

  /** VolumeBinding's PreFilter: every claim exists and, unless its class waits for a consumer, is bound. */
  private volumePreFilter(info: PodInfo): { message?: string; nodeAffinity: NodeSelectorTerm[][] } {
    const nodeAffinity: NodeSelectorTerm[][] = [];
    let unbound = false;
    for (const name of info.claims) {
      const claim = this.o.claims.get(info.namespace, name);
      if (!claim) return { message: `persistentvolumeclaim "${name}" not found`, nodeAffinity };
      if (claim.metadata?.deletionTimestamp !== undefined) return { message: `persistentvolumeclaim "${name}" is being deleted`, nodeAffinity };
      const volumeName = claim.spec?.volumeName ?? '';
      if (volumeName === '') {
        const className = claim.spec?.storageClassName ?? '';
        const sc = className === '' ? undefined : this.o.classes.get('', className);
        if (sc?.volumeBindingMode !== 'WaitForFirstConsumer') unbound = true;
        continue;
      }
      const terms = this.o.volumes.get('', volumeName)?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
      if (terms && terms.length > 0) nodeAffinity.push(terms);
    }
    return unbound ? { message: 'pod has unbound immediate PersistentVolumeClaims', nodeAffinity } : { nodeAffinity };
  }

  private async bind(pod: Pod, info: PodInfo, node: string, signal: AbortSignal): Promise<void> {
    const { namespace, name, key, uid } = info;
    try {
      await this.o.client.createSubresource(
        resources.pods,
        name,
        'binding',
        { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace, uid }, target: { apiVersion: 'v1', kind: 'Node', name: node } },
        { namespace, signal },
      );
      this.o.recorder.event(podReference(pod), 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${node}`);
      this.queue.done(key);
    } catch (e) {
      const placement = this.placements.get(uid);
      if (placement?.assumed === true) {
        this.placements.delete(uid);
        this.nodeInfos.get(placement.node)?.removePod(uid);
      }
      if (signal.aborted) return;
      if (isNotFound(e) || isConflict(e)) {
        // Gone, already bound or being deleted: nothing left to do.
        this.queue.done(key);
        return;
      }
      this.logger.warn({ pod: key, node, err: describeError(e) }, 'binding failed; will retry');
      this.queue.retry(key);
    }
  }

  private fail(pod: Pod, popped: Popped, message: string, signal: AbortSignal): void {
    this.o.recorder.event(podReference(pod), 'Warning', 'FailedScheduling', message);
    this.queue.unschedulable(popped);
    this.setCondition(pod, 'Unschedulable', message, signal);
  }

  /** PodScheduled=False with this reason and message, written only when it changes. */
  private setCondition(pod: Pod, reason: string, message: string, signal: AbortSignal): void {
    const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (old && old.status === 'False' && old.reason === reason && old.message === message) return;
    const condition: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      reason,
      message,
      lastProbeTime: null as unknown as string,
      lastTransitionTime: old?.status === 'False' && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(this.clock.now()),
    };
    const { namespace, name } = pod.metadata ?? {};
    void this.writes.run(async () => {
      try {
        await this.o.client.patch(resources.pods, name ?? '', { metadata: { uid: pod.metadata?.uid }, status: { conditions: [condition] } }, { type: 'strategic', subresource: 'status', namespace, signal });
      } catch (e) {
        if (!signal.aborted && !isNotFound(e)) this.logger.debug({ pod: podKey(pod), err: describeError(e) }, 'could not update the PodScheduled condition');
      }
    });
  }
}

/** Not narrowed by earlier checks: the signal may have fired during an await. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}
