import type { ControllerRevision, DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { isAlreadyExists } from '../api/status.js';
import { describeError, resources } from '../client/index.js';
import {
  allowsSurge,
  byCreationAndPhase,
  daemonPodTemplate,
  isPodUpdated,
  nodeNameAffinity,
  nodeShouldRunDaemonPod,
  rollingCounts,
  targetNodeName,
  templateGeneration,
} from './daemonset-util.js';
import type { ControllerContext } from './shared/context.js';
import { labelSelectorMatches } from './shared/labels.js';
import type { EventRecorder } from './workloads/events.js';
import type { Expectations } from './workloads/expectations.js';
import { computePodTemplateHash } from './workloads/hash.js';
import { deleteRevision, POD_REVISION_LABEL, revisionRaw, templatePatch, updateRevisionNumber } from './workloads/history.js';
import { controllerRef, createPod, deletePod, podFromTemplate, type Owner } from './workloads/pod-control.js';
import { isPodAvailable, isPodReady, isTerminating, nextAvailability, podKey } from './workloads/pods.js';
import { claimObjects } from './workloads/ref-manager.js';
import { writeStatus, compactStatus } from './workloads/status.js';
import { BURST_REPLICAS } from './replicaset.js';
import { asError } from './workloads/errors.js';

/** kube's failedPodsBackoff: 1 s doubling to 15 min per DaemonSet and node. */
const FAILED_POD_BACKOFF_MS = 1000;
const FAILED_POD_BACKOFF_MAX_MS = 15 * 60_000;

export interface Cached {
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
  readonly revisions: readonly ControllerRevision[];
}

/** One pass of kube's syncDaemonSet over one DaemonSet. */
export class DaemonSetSync {
  private readonly owner: Owner;
  private readonly namespace: string;
  private requeueAfterMs: number | undefined;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly events: EventRecorder,
    private readonly expectations: Expectations,
    private readonly backoff: Map<string, { delayMs: number; at: number }>,
    private readonly ds: DaemonSet,
    private readonly key: string,
    private readonly signal: AbortSignal,
    private readonly cached: Cached,
  ) {
    this.owner = { apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata?.name ?? '', uid: ds.metadata?.uid ?? '' };
    this.namespace = ds.metadata?.namespace ?? '';
  }

  private get now(): number {
    return this.ctx.clock.now();
  }

  private requeue(ms: number): void {
    this.requeueAfterMs = this.requeueAfterMs === undefined ? ms : Math.min(this.requeueAfterMs, ms);
  }

  async run(): Promise<{ requeueAfterMs: number } | undefined> {
    const { current, old } = await this.constructHistory();
    const hash = current.metadata?.labels?.[POD_REVISION_LABEL] ?? '';
    const pods = await claimObjects(this.cached.pods, {
      client: this.ctx.client,
      ref: resources.pods,
      owner: this.ds,
      ownerRef: this.owner,
      ownerResource: resources.daemonSets,
      match: (pod) => labelSelectorMatches(this.ds.spec?.selector, pod.metadata?.labels),
      signal: this.signal,
    });
    const nodeToPods = this.nodeToDaemonPods(pods);
    if (!this.expectations.satisfied(this.key)) {
      await this.updateStatus(nodeToPods, hash, false);
      return this.result(pods);
    }
    let failure: unknown;
    try {
      await this.manage(nodeToPods, hash);
      if (this.expectations.satisfied(this.key) && (this.ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
        await this.rollingUpdate(nodeToPods, hash);
      }
      await this.cleanupHistory(pods, old);
    } catch (e) {
      if (this.signal.aborted) throw e;
      failure = e;
    }
    await this.updateStatus(nodeToPods, hash, true);
    if (failure !== undefined) throw asError(failure);
    return this.result(pods);
  }

  private result(pods: readonly Pod[]): { requeueAfterMs: number } | undefined {
    const minReady = this.ds.spec?.minReadySeconds ?? 0;
    const available = minReady > 0 ? nextAvailability(pods, minReady, this.now) : undefined;
    if (available) this.requeue(available.requeueAfterMs);
    return this.requeueAfterMs === undefined ? undefined : { requeueAfterMs: this.requeueAfterMs };
  }

  /** getNodesToDaemonPods: the live pods of the set by the node they are (or will be) on. */
  private nodeToDaemonPods(pods: readonly Pod[]): Map<string, Pod[]> {
    const map = new Map<string, Pod[]>();
    for (const pod of pods) {
      if (isTerminating(pod)) continue;
      const node = targetNodeName(pod);
      if (node === undefined) continue;
      const list = map.get(node) ?? [];
      list.push(pod);
      map.set(node, list);
    }
    return map;
  }

  // --- history ------------------------------------------------------------------------------------

  private matches(revision: ControllerRevision): boolean {
    return revisionRaw(revision.data) === revisionRaw(templatePatch(this.ds.spec?.template));
  }

  /** constructHistory: the revision of the current template (made if missing) and the others. */
  private async constructHistory(): Promise<{ current: ControllerRevision; old: ControllerRevision[] }> {
    const client = this.ctx.client;
    const histories = await claimObjects(this.cached.revisions, {
      client,
      ref: resources.controllerRevisions,
      owner: this.ds,
      ownerRef: this.owner,
      ownerResource: resources.daemonSets,
      match: (rev) => labelSelectorMatches(this.ds.spec?.selector, rev.metadata?.labels),
      signal: this.signal,
    });
    const current: ControllerRevision[] = [];
    const old: ControllerRevision[] = [];
    for (let history of histories) {
      if (history.metadata?.labels?.[POD_REVISION_LABEL] === undefined) {
        history = await client.update(resources.controllerRevisions, { ...history, metadata: { ...history.metadata, labels: { ...history.metadata?.labels, [POD_REVISION_LABEL]: history.metadata?.name ?? '' } } }, { signal: this.signal });
      }
      (this.matches(history) ? current : old).push(history);
    }
    const next = old.reduce((max, h) => Math.max(max, h.revision), 0) + 1;
    let cur = current.length === 0 ? await this.snapshot(next) : await this.dedup(current);
    if (cur.revision < next) cur = await updateRevisionNumber(client, cur, next, this.signal);
    return { current: cur, old };
  }

  private async snapshot(revision: number): Promise<ControllerRevision> {
    const ds = this.ds;
    const hash = computePodTemplateHash(ds.spec?.template, ds.status?.collisionCount);
    const history: ControllerRevision = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `${ds.metadata?.name ?? ''}-${hash}`,
        namespace: this.namespace,
        labels: { ...(ds.spec?.template.metadata?.labels ?? {}), [POD_REVISION_LABEL]: hash },
        ...(ds.metadata?.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
        ownerReferences: [controllerRef(this.owner)],
      },
      data: templatePatch(ds.spec?.template),
      revision,
    };
    try {
      return await this.ctx.client.create(resources.controllerRevisions, history, { signal: this.signal });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      const existing = await this.ctx.client.get(resources.controllerRevisions, history.metadata?.name ?? '', { namespace: this.namespace, signal: this.signal });
      if (existing && this.matches(existing)) return existing;
      // A hash collision: a new collision count gives the next try another name.
      await writeStatus(this.ctx.client, resources.daemonSets, ds, { ...ds.status, collisionCount: (ds.status?.collisionCount ?? 0) + 1 } as DaemonSetStatus, this.signal);
      throw new Error(`found a stale or colliding controller revision ${history.metadata?.name ?? ''} for daemon set ${this.key}`);
    }
  }

  /** dedupCurHistories: keeps the newest of several revisions of the current template. */
  private async dedup(current: ControllerRevision[]): Promise<ControllerRevision> {
    const keep = current.reduce((a, b) => (b.revision >= a.revision ? b : a));
    const keepHash = keep.metadata?.labels?.[POD_REVISION_LABEL] ?? '';
    for (const dup of current) {
      if (dup === keep) continue;
      const dupHash = dup.metadata?.labels?.[POD_REVISION_LABEL];
      for (const pod of this.cached.pods) {
        if (pod.metadata?.labels?.[POD_REVISION_LABEL] !== dupHash || !pod.metadata?.ownerReferences?.some((r) => r.uid === this.owner.uid)) continue;
        await this.ctx.client.patch(resources.pods, pod.metadata.name ?? '', { metadata: { labels: { [POD_REVISION_LABEL]: keepHash } } }, { type: 'strategic', namespace: this.namespace, signal: this.signal });
      }
      await deleteRevision(this.ctx.client, dup, this.signal);
    }
    return keep;
  }

  /** cleanupHistory: the oldest revisions no pod runs beyond revisionHistoryLimit. */
  private async cleanupHistory(pods: readonly Pod[], old: ControllerRevision[]): Promise<void> {
    let toKill = old.length - (this.ds.spec?.revisionHistoryLimit ?? 10);
    if (toKill <= 0) return;
    const live = new Set(pods.filter((p) => !isTerminating(p)).map((p) => p.metadata?.labels?.[POD_REVISION_LABEL]).filter((h) => h !== undefined));
    for (const history of [...old].sort((a, b) => a.revision - b.revision)) {
      if (toKill <= 0) break;
      if (live.has(history.metadata?.labels?.[POD_REVISION_LABEL] ?? '')) continue;
      await deleteRevision(this.ctx.client, history, this.signal);
      toKill--;
    }
  }

  // --- pods ---------------------------------------------------------------------------------------

  /** manage: a pod for every node that should run one, none elsewhere, failed ones replaced. */
  private async manage(nodeToPods: Map<string, Pod[]>, hash: string): Promise<void> {
    const create: string[] = [];
    const remove: Pod[] = [];
    for (const node of this.cached.nodes) {
      const r = this.podsShouldBeOnNode(node, nodeToPods, hash);
      create.push(...r.create);
      remove.push(...r.remove);
    }
    const running = new Set(this.cached.nodes.map((n) => n.metadata?.name));
    for (const [node, pods] of nodeToPods) {
      if (running.has(node)) continue;
      // Never scheduled onto a node that is gone: nothing else would remove them.
      remove.push(...pods.filter((p) => (p.spec?.nodeName ?? '') === ''));
    }
    await this.syncNodes(remove, create, hash);
  }

  private podsShouldBeOnNode(node: Node, nodeToPods: Map<string, Pod[]>, hash: string): { create: string[]; remove: Pod[] } {
    const name = node.metadata?.name ?? '';
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, this.ds);
    const pods = nodeToPods.get(name);
    const create: string[] = [];
    const remove: Pod[] = [];
    if (shouldRun && !pods) {
      create.push(name);
    } else if (shouldContinueRunning) {
      const running: Pod[] = [];
      for (const pod of pods ?? []) {
        if (isTerminating(pod)) continue;
        if (pod.status?.phase === 'Failed') {
          const key = `${this.owner.uid}/${name}`;
          const entry = this.backoff.get(key);
          const now = this.now;
          if (entry && now - entry.at < entry.delayMs) {
            this.requeue(entry.at + entry.delayMs - now);
            continue;
          }
          const expired = !entry || now - entry.at > 2 * FAILED_POD_BACKOFF_MAX_MS;
          this.backoff.set(key, { delayMs: expired ? FAILED_POD_BACKOFF_MS : Math.min(entry.delayMs * 2, FAILED_POD_BACKOFF_MAX_MS), at: now });
          this.events.event(this.ds, 'DaemonSet', 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${this.namespace}/${pod.metadata?.name ?? ''} on node ${name}, will try to kill it`);
          remove.push(pod);
        } else if (pod.status?.phase === 'Succeeded') {
          remove.push(pod);
        } else {
          running.push(pod);
        }
      }
      running.sort(byCreationAndPhase);
      if (!allowsSurge(this.ds)) {
        // One pod per node: the oldest stays.
        remove.push(...running.slice(1));
      } else if (running.length === 0) {
        if (shouldRun) create.push(name);
      } else if (running.length > 1) {
        // Surging: keep the oldest new pod, and the oldest old pod while the new one is not available.
        let oldestNew: Pod | undefined;
        let oldestOld: Pod | undefined;
        for (const pod of running) {
          if (pod.metadata?.labels?.[POD_REVISION_LABEL] === hash) {
            if (!oldestNew) {
              oldestNew = pod;
              continue;
            }
          } else if (!oldestOld) {
            oldestOld = pod;
            continue;
          }
          remove.push(pod);
        }
        if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, this.ds.spec?.minReadySeconds ?? 0, this.now))) remove.push(oldestOld);
      }
    } else if (pods) {
      remove.push(...pods.filter((p) => !isTerminating(p)));
    }
    return { create, remove };
  }

  /** syncNodes: creates pods pinned to nodes (slow start) and deletes pods, under expectations. */
  private async syncNodes(remove: readonly Pod[], createOn: readonly string[], hash: string): Promise<void> {
    const creates = createOn.slice(0, BURST_REPLICAS);
    const deletes = remove.slice(0, BURST_REPLICAS);
    if (creates.length === 0 && deletes.length === 0) return;
    this.expectations.expect(this.key, creates.length, deletes.map(podKey));
    const template = daemonPodTemplate(this.ds, hash);
    const failures: unknown[] = [];
    let batch = Math.min(1, creates.length);
    for (let pos = 0; pos < creates.length; pos += batch, batch = Math.min(2 * batch, creates.length - pos)) {
      const before = failures.length;
      await Promise.all(
        creates.slice(pos, pos + batch).map(async (node) => {
          const pod = podFromTemplate(template, this.owner, this.namespace);
          pod.spec = { ...(pod.spec ?? { containers: [] }), affinity: nodeNameAffinity(pod.spec?.affinity, node) };
          try {
            const result = await createPod(this.ctx.client, pod, this.signal);
            if (result.outcome === 'created') this.events.event(this.ds, 'DaemonSet', 'Normal', 'SuccessfulCreate', `Created pod: ${result.pod?.metadata?.name ?? ''}`);
            else this.expectations.creationObserved(this.key);
          } catch (e) {
            this.expectations.creationObserved(this.key);
            this.events.event(this.ds, 'DaemonSet', 'Warning', 'FailedCreate', `Error creating: ${describeError(e)}`);
            failures.push(e);
          }
        }),
      );
      const skipped = creates.length - (pos + batch);
      if (failures.length > before && skipped > 0) {
        for (let i = 0; i < skipped; i++) this.expectations.creationObserved(this.key);
        break;
      }
    }
    await Promise.all(
      deletes.map(async (pod) => {
        try {
          if (await deletePod(this.ctx.client, this.namespace, pod.metadata?.name ?? '', this.signal)) {
            this.events.event(this.ds, 'DaemonSet', 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name ?? ''}`);
          } else {
            this.expectations.deletionObserved(this.key, podKey(pod));
          }
        } catch (e) {
          this.expectations.deletionObserved(this.key, podKey(pod));
          this.events.event(this.ds, 'DaemonSet', 'Warning', 'FailedDelete', `Error deleting: ${describeError(e)}`);
          failures.push(e);
        }
      }),
    );
    if (failures.length > 0) throw failures[0];
  }

  /** findUpdatedPodsOnNode: the node's new and old pod, or ok=false with more than one of either. */
  private updatedPodsOnNode(pods: readonly Pod[], hash: string): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
    let newPod: Pod | undefined;
    let oldPod: Pod | undefined;
    const generation = templateGeneration(this.ds);
    for (const pod of pods) {
      if (isTerminating(pod)) continue;
      if (isPodUpdated(pod, hash, generation)) {
        if (newPod) return { ok: false };
        newPod = pod;
      } else {
        if (oldPod) return { ok: false };
        oldPod = pod;
      }
    }
    return { ...(newPod ? { newPod } : {}), ...(oldPod ? { oldPod } : {}), ok: true };
  }

  /** rollingUpdate: replaces old pods within maxUnavailable, or surges new ones within maxSurge. */
  private async rollingUpdate(nodeToPods: Map<string, Pod[]>, hash: string): Promise<void> {
    const ds = this.ds;
    const now = this.now;
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const byNode = new Map(nodeToPods);
    let desired = 0;
    for (const node of this.cached.nodes) {
      if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
      desired++;
      const name = node.metadata?.name ?? '';
      if (!byNode.has(name)) byNode.set(name, []);
    }
    const { maxSurge, maxUnavailable } = rollingCounts(ds, desired);
    const available = (pod: Pod): boolean => isPodAvailable(pod, minReady, now);

    if (maxSurge === 0) {
      let unavailable = 0;
      const replacements: Pod[] = [];
      const candidates: Pod[] = [];
      for (const pods of byNode.values()) {
        const { newPod, oldPod, ok } = this.updatedPodsOnNode(pods, hash);
        if (!ok) {
          unavailable++;
          continue;
        }
        if ((!oldPod && !newPod) || (oldPod && newPod)) unavailable++;
        else if (newPod) {
          if (!available(newPod)) unavailable++;
        } else if (oldPod) {
          if (!available(oldPod)) {
            replacements.push(oldPod);
            unavailable++;
          } else if (unavailable < maxUnavailable) {
            candidates.push(oldPod);
          }
        }
      }
      const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
      await this.syncNodes([...replacements, ...candidates.slice(0, remaining)], [], hash);
      return;
    }

    const nodesByName = new Map(this.cached.nodes.map((n) => [n.metadata?.name ?? '', n]));
    const oldToDelete: Pod[] = [];
    const shouldNotRun: Pod[] = [];
    const allowedNew: string[] = [];
    const candidateNew: string[] = [];
    let surge = 0;
    let numAvailable = 0;
    for (const [nodeName, pods] of byNode) {
      const { newPod, oldPod, ok } = this.updatedPodsOnNode(pods, hash);
      if (!ok) {
        surge++;
        continue;
      }
      if ((oldPod && available(oldPod)) || (newPod && available(newPod))) numAvailable++;
      if (!oldPod) continue;
      if (!newPod) {
        if (!available(oldPod)) {
          const node = nodesByName.get(nodeName);
          if (!node || !nodeShouldRunDaemonPod(node, ds).shouldRun) {
            shouldNotRun.push(oldPod);
            continue;
          }
          allowedNew.push(nodeName);
        } else if (surge < maxSurge) {
          candidateNew.push(nodeName);
        }
      } else if (!available(newPod)) {
        surge++;
      } else {
        oldToDelete.push(oldPod);
      }
    }
    const remaining = Math.min(Math.max(0, maxSurge - surge), candidateNew.length);
    // With surge the owner expects full availability: a pod on a node it should leave goes only
    // once enough pods elsewhere are available.
    const deletable = Math.min(numAvailable - desired, shouldNotRun.length);
    if (deletable > 0) oldToDelete.push(...shouldNotRun.slice(0, deletable));
    await this.syncNodes(oldToDelete, [...allowedNew, ...candidateNew.slice(0, remaining)], hash);
  }

  // --- status -------------------------------------------------------------------------------------

  private async updateStatus(nodeToPods: Map<string, Pod[]>, hash: string, updateObservedGeneration: boolean): Promise<void> {
    const ds = this.ds;
    const now = this.now;
    const generation = templateGeneration(ds);
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let updated = 0;
    let available = 0;
    for (const node of this.cached.nodes) {
      const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
      const pods = nodeToPods.get(node.metadata?.name ?? '') ?? [];
      if (shouldRun) {
        desired++;
        if (pods.length === 0) continue;
        current++;
        const pod = [...pods].sort(byCreationAndPhase)[0];
        if (!pod) continue;
        if (isPodReady(pod)) {
          ready++;
          if (isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, now)) available++;
        }
        if (isPodUpdated(pod, hash, generation)) updated++;
      } else if (pods.length > 0) {
        misscheduled++;
      }
    }
    const status = compactStatus<DaemonSetStatus>(
      {
        ...ds.status,
        desiredNumberScheduled: desired,
        currentNumberScheduled: current,
        numberMisscheduled: misscheduled,
        numberReady: ready,
        updatedNumberScheduled: updated,
        numberAvailable: available,
        numberUnavailable: desired - available,
        observedGeneration: updateObservedGeneration ? (ds.metadata?.generation ?? 0) : (ds.status?.observedGeneration ?? 0),
      },
      ['updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'observedGeneration', 'collisionCount'],
    );
    await writeStatus(this.ctx.client, resources.daemonSets, ds, status, this.signal);
    if ((ds.spec?.minReadySeconds ?? 0) > 0 && ready !== available) this.requeue((ds.spec?.minReadySeconds ?? 0) * 1000);
  }
}
