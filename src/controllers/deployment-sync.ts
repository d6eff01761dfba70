import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isAlreadyExists, isNotFound } from '../api/status.js';
import { describeError, resources, type Clock, type KubeClient, type ObjectLike, type ResourceRef } from '../client/index.js';
import {
  activeReplicaSets,
  byCreation,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  calculateStatus,
  compactDeploymentStatus,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  desiredReplicasAnnotation,
  equalIgnoreHash,
  findNewReplicaSet,
  getCondition,
  hasProgressDeadline,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newCondition,
  newRSNewReplicas,
  POD_TEMPLATE_HASH_LABEL,
  Reason,
  removeCondition,
  replicaSetProportion,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  REVISION_ANNOTATION,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  sumActualReplicas,
  sumAvailableReplicas,
  sumReplicas,
} from './deployment-util.js';
import { labelSelectorMatches } from './shared/labels.js';
import { isBeingDeleted } from './shared/metadata.js';
import type { EventRecorder } from './workloads/events.js';
import { computePodTemplateHash } from './workloads/hash.js';
import { controllerRef, isNamespaceTerminating, type Owner } from './workloads/pod-control.js';
import { timeMs } from './workloads/pods.js';
import { claimObjects } from './workloads/ref-manager.js';
import { writeStatus } from './workloads/status.js';
import { cloneJson } from '../lib/json.js';

const MAX_INT32 = 2147483647;

export interface DeploymentSyncDeps {
  readonly client: KubeClient;
  readonly clock: Clock;
  readonly events: EventRecorder;
  /** The Deployment as cached: never mutated. */
  readonly deployment: Deployment;
  /** The cached ReplicaSets it may claim: its own and the orphans of its namespace. */
  readonly replicaSets: readonly ReplicaSet[];
  /** A cached ReplicaSet of its namespace by name. */
  readonly cachedReplicaSet: (name: string) => ReplicaSet | undefined;
  readonly pods: () => readonly Pod[];
  readonly deploymentResource: ResourceRef<ObjectLike>;
  readonly signal: AbortSignal;
}

type Scaling = 'up' | 'down' | '';

/**
 * One pass of kube's deployment controller over one Deployment (syncDeployment and what it calls),
 * step for step. The working status collects what kube writes with several UpdateStatus calls and
 * is written once at the end; ReplicaSets are replaced in the working list as soon as they are
 * written, so later steps never act on a version this pass already changed.
 */
export class DeploymentSync {
  private readonly d: Deployment;
  private status: DeploymentStatus;
  private rsList: ReplicaSet[] = [];
  private revision: string | undefined;
  private requeueAfterMs: number | undefined;
  private readonly client: KubeClient;

  constructor(private readonly deps: DeploymentSyncDeps) {
    this.d = deps.deployment;
    this.client = deps.client;
    this.status = cloneJson(deps.deployment.status ?? {});
  }

  async run(): Promise<{ requeueAfterMs: number } | undefined> {
    const d = this.d;
    const selector = d.spec?.selector;
    if (selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0) {
      this.event('Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((this.status.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) this.status.observedGeneration = d.metadata?.generation ?? 0;
      return this.finish();
    }
    this.rsList = await this.claimReplicaSets();
    if (isBeingDeleted(d)) {
      const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(false);
      this.syncDeploymentStatus([...oldRSs, newRS], newRS);
      return this.finish();
    }
    this.checkPausedConditions();
    if (d.spec?.paused === true || (await this.isScalingEvent())) {
      await this.syncScaled();
      return this.finish();
    }
    if (d.spec?.strategy?.type === 'Recreate') await this.rolloutRecreate();
    else await this.rolloutRolling();
    return this.finish();
  }

  // --- bookkeeping ------------------------------------------------------------------------------

  private get now(): number {
    return this.deps.clock.now();
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.deps.events.event(this.d, 'Deployment', type, reason, message);
  }

  private get owner(): Owner {
    return { apiVersion: 'apps/v1', kind: 'Deployment', name: this.d.metadata?.name ?? '', uid: this.d.metadata?.uid ?? '' };
  }

  /** The latest version of `rs` this pass knows of. */
  private latest(rs: ReplicaSet): ReplicaSet {
    return this.rsList.find((r) => r.metadata?.uid === rs.metadata?.uid) ?? rs;
  }

  private remember(rs: ReplicaSet): void {
    const i = this.rsList.findIndex((r) => r.metadata?.uid === rs.metadata?.uid);
    if (i >= 0) this.rsList[i] = rs;
    else this.rsList.push(rs);
  }

  private async finish(): Promise<{ requeueAfterMs: number } | undefined> {
    const { client, signal } = this.deps;
    const d = this.d;
    await writeStatus(client, resources.deployments, d, compactDeploymentStatus(this.status), signal, { retryOnConflict: false });
    if (this.revision !== undefined && d.metadata?.annotations?.[REVISION_ANNOTATION] !== this.revision) {
      // kube sets this annotation through UpdateStatus, which kube-apiserver lets change
      // annotations; a metadata patch does the same on any server.
      await client.patch(resources.deployments, d.metadata?.name ?? '', { metadata: { annotations: { [REVISION_ANNOTATION]: this.revision } } }, { type: 'merge', namespace: d.metadata?.namespace, signal });
    }
    return this.requeueAfterMs === undefined ? undefined : { requeueAfterMs: this.requeueAfterMs };
  }

  private claimReplicaSets(): Promise<ReplicaSet[]> {
    const d = this.d;
    return claimObjects(this.deps.replicaSets, {
      client: this.client,
      ref: resources.replicaSets,
      owner: d,
      ownerRef: this.owner,
      ownerResource: this.deps.deploymentResource,
      match: (rs) => labelSelectorMatches(d.spec?.selector, rs.metadata?.labels),
      signal: this.deps.signal,
    });
  }

  // --- new ReplicaSet and revisions ---------------------------------------------------------------

  private async getAllReplicaSetsAndSyncRevision(create: boolean): Promise<{ newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] }> {
    const existing = findNewReplicaSet(this.d, this.rsList);
    const oldRSs = this.rsList.filter((rs) => rs.metadata?.uid !== existing?.metadata?.uid);
    const newRS = await this.getNewReplicaSet(existing, oldRSs, create);
    return { newRS, oldRSs: this.rsList.filter((rs) => rs.metadata?.uid !== newRS?.metadata?.uid) };
  }

  private async getNewReplicaSet(existing: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], create: boolean): Promise<ReplicaSet | undefined> {
    const d = this.d;
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) {
      const annotations = { ...(existing.metadata?.annotations ?? {}) };
      const annotationsUpdated = setNewReplicaSetAnnotations(d, annotations, newRevision, true);
      const minReadySeconds = d.spec?.minReadySeconds ?? 0;
      if (annotationsUpdated || (existing.spec?.minReadySeconds ?? 0) !== minReadySeconds) {
        const updated = await this.client.update(resources.replicaSets, {
          ...existing,
          metadata: { ...existing.metadata, annotations },
          spec: { ...existing.spec, selector: existing.spec?.selector ?? {}, minReadySeconds },
        }, { signal: this.deps.signal });
        this.remember(updated);
        return updated;
      }
      this.revision = existing.metadata?.annotations?.[REVISION_ANNOTATION];
      if (hasProgressDeadline(d) && !getCondition(this.status, 'Progressing')) {
        setCondition(this.status, newCondition('Progressing', 'True', Reason.FoundNewReplicaSet, `Found new replica set "${existing.metadata?.name ?? ''}"`, this.now));
      }
      return existing;
    }
    if (!create) return undefined;

    const template = cloneJson(d.spec?.template ?? {});
    const hash = computePodTemplateHash(template, this.status.collisionCount);
    const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    template.metadata = { ...template.metadata, labels };
    const selector = cloneJson(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const annotations: Record<string, string> = {};
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `${d.metadata?.name ?? ''}-${hash}`, namespace: d.metadata?.namespace, ownerReferences: [controllerRef(this.owner)], labels, annotations },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    const replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
    rs.spec = { ...rs.spec, selector, replicas };
    setNewReplicaSetAnnotations(d, annotations, newRevision, false);

    let created: ReplicaSet;
    let alreadyExisted = false;
    try {
      created = await this.client.create(resources.replicaSets, rs, { signal: this.deps.signal });
    } catch (e) {
      if (isAlreadyExists(e)) {
        const found = this.deps.cachedReplicaSet(rs.metadata?.name ?? '') ?? (await this.client.get(resources.replicaSets, rs.metadata?.name ?? '', { namespace: d.metadata?.namespace, signal: this.deps.signal }));
        const ref = found?.metadata?.ownerReferences?.find((r) => r.controller === true);
        if (found && ref?.uid === d.metadata?.uid && equalIgnoreHash(d.spec?.template, found.spec?.template)) {
          created = found;
          alreadyExisted = true;
        } else {
          // A hash collision: another template has this name. A new collision count changes the hash.
          this.status.collisionCount = (this.status.collisionCount ?? 0) + 1;
          await writeStatus(this.client, resources.deployments, d, compactDeploymentStatus(this.status), this.deps.signal, { retryOnConflict: false });
          throw e;
        }
      } else {
        if (!isNamespaceTerminating(e)) {
          const message = `Failed to create new replica set "${rs.metadata?.name ?? ''}": ${describeError(e)}`;
          if (hasProgressDeadline(d)) {
            setCondition(this.status, newCondition('Progressing', 'False', Reason.FailedRSCreate, message, this.now));
            await writeStatus(this.client, resources.deployments, d, compactDeploymentStatus(this.status), this.deps.signal, { retryOnConflict: false }).catch(() => undefined);
          }
          this.event('Warning', Reason.FailedRSCreate, message);
        }
        throw e;
      }
    }
    if (!alreadyExisted && replicas > 0) this.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata?.name ?? ''} from 0 to ${replicas}`);
    this.revision = String(newRevision);
    if (!alreadyExisted && hasProgressDeadline(d)) {
      setCondition(this.status, newCondition('Progressing', 'True', Reason.NewReplicaSetCreated, `Created new replica set "${created.metadata?.name ?? ''}"`, this.now));
    }
    this.remember(created);
    return created;
  }

  // --- scaling ------------------------------------------------------------------------------------

  private async scaleReplicaSet(rs: ReplicaSet, newScale: number, scaling: Scaling): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    const current = this.latest(rs);
    const desired = replicasOf(this.d);
    const max = desired + maxSurge(this.d);
    const sizeNeedsUpdate = replicasOf(current) !== newScale;
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(current, desired, max)) return { scaled: false, rs: current };
    const oldScale = replicasOf(current);
    const annotations = { ...(current.metadata?.annotations ?? {}) };
    setReplicasAnnotations(annotations, desired, max);
    const updated = await this.client.update(resources.replicaSets, {
      ...current,
      metadata: { ...current.metadata, annotations },
      spec: { ...current.spec, selector: current.spec?.selector ?? {}, replicas: newScale },
    }, { signal: this.deps.signal });
    this.remember(updated);
    if (sizeNeedsUpdate) this.event('Normal', 'ScalingReplicaSet', `Scaled ${scaling} replica set ${updated.metadata?.name ?? ''} from ${oldScale} to ${newScale}`);
    return { scaled: sizeNeedsUpdate, rs: updated };
  }

  private scaleAndRecordEvent(rs: ReplicaSet, newScale: number): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    const current = this.latest(rs);
    if (replicasOf(current) === newScale) return Promise.resolve({ scaled: false, rs: current });
    return this.scaleReplicaSet(current, newScale, replicasOf(current) < newScale ? 'up' : 'down');
  }

  private async isScalingEvent(): Promise<boolean> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(false);
    for (const rs of activeReplicaSets([...oldRSs, newRS])) {
      const desired = desiredReplicasAnnotation(rs);
      if (desired !== undefined && desired !== replicasOf(this.d)) return true;
    }
    return false;
  }

  /** kube's sync(): scaling events and paused Deployments. */
  private async syncScaled(): Promise<void> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(false);
    await this.scale(newRS, oldRSs);
    const old = oldRSs.map((rs) => this.latest(rs));
    if (this.d.spec?.paused === true) await this.cleanupDeployment(old);
    const fresh = newRS && this.latest(newRS);
    this.syncDeploymentStatus([...old, fresh], fresh);
  }

  private async scale(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): Promise<void> {
    const d = this.d;
    const desired = replicasOf(d);
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (replicasOf(activeOrLatest) !== desired) await this.scaleAndRecordEvent(activeOrLatest, desired);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(oldRSs)) await this.scaleAndRecordEvent(old, 0);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const all = activeReplicaSets([...oldRSs, newRS]);
    const allowed = desired > 0 ? desired + maxSurge(d) : 0;
    const toAdd = allowed - sumReplicas(all);
    let scaling: Scaling = '';
    if (toAdd > 0) {
      all.sort(bySizeNewer);
      scaling = 'up';
    } else if (toAdd < 0) {
      all.sort(bySizeOlder);
      scaling = 'down';
    }
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of all) {
      if (toAdd !== 0) {
        const proportion = replicaSetProportion(rs, d, toAdd, added);
        sizes.set(rs.metadata?.name ?? '', replicasOf(rs) + proportion);
        added += proportion;
      } else {
        sizes.set(rs.metadata?.name ?? '', replicasOf(rs));
      }
    }
    for (const [i, rs] of all.entries()) {
      const name = rs.metadata?.name ?? '';
      let size = sizes.get(name) ?? 0;
      if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
      await this.scaleReplicaSet(rs, size, scaling);
    }
  }

  // --- rollouts -----------------------------------------------------------------------------------

  private async rolloutRolling(): Promise<void> {
    const { newRS: created, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(true);
    if (!created) return;
    const all = (): (ReplicaSet | undefined)[] => [...oldRSs.map((rs) => this.latest(rs)), this.latest(created)];
    if (await this.reconcileNewReplicaSet(all(), this.latest(created))) {
      this.syncRolloutStatus(all(), this.latest(created));
      return;
    }
    if (await this.reconcileOldReplicaSets(all(), activeReplicaSets(oldRSs.map((rs) => this.latest(rs))), this.latest(created))) {
      this.syncRolloutStatus(all(), this.latest(created));
      return;
    }
    if (deploymentComplete(this.d, this.status)) await this.cleanupDeployment(oldRSs.map((rs) => this.latest(rs)));
    this.syncRolloutStatus(all(), this.latest(created));
  }

  private async reconcileNewReplicaSet(all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet): Promise<boolean> {
    const desired = replicasOf(this.d);
    if (replicasOf(newRS) === desired) return false;
    if (replicasOf(newRS) > desired) return (await this.scaleAndRecordEvent(newRS, desired)).scaled;
    return (await this.scaleAndRecordEvent(newRS, newRSNewReplicas(this.d, all, newRS))).scaled;
  }

  private async reconcileOldReplicaSets(all: readonly (ReplicaSet | undefined)[], oldRSs: ReplicaSet[], newRS: ReplicaSet): Promise<boolean> {
    if (sumReplicas(oldRSs) === 0) return false;
    const minAvailable = replicasOf(this.d) - maxUnavailable(this.d);
    const newRSUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = sumReplicas(all) - minAvailable - newRSUnavailable;
    if (maxScaledDown <= 0) return false;
    // kube swallows these errors: the ReplicaSet updates that did happen requeue the Deployment.
    let cleaned: number;
    try {
      cleaned = await this.cleanupUnhealthyReplicas(oldRSs, maxScaledDown);
    } catch (e) {
      if (this.deps.signal.aborted) throw e;
      return false;
    }
    let scaledDown: number;
    try {
      const old = oldRSs.map((rs) => this.latest(rs));
      scaledDown = await this.scaleDownOldReplicaSetsForRollingUpdate([...old, this.latest(newRS)], old);
    } catch (e) {
      if (this.deps.signal.aborted) throw e;
      return false;
    }
    return cleaned + scaledDown > 0;
  }

  /** Scales down old ReplicaSets' unavailable replicas first: they cannot make things worse. */
  private async cleanupUnhealthyReplicas(oldRSs: ReplicaSet[], maxCleanup: number): Promise<number> {
    let total = 0;
    for (const rs of [...oldRSs].sort(byCreation)) {
      if (total >= maxCleanup) break;
      const replicas = replicasOf(rs);
      const available = rs.status?.availableReplicas ?? 0;
      if (replicas === 0 || replicas === available) continue;
      const count = Math.min(maxCleanup - total, replicas - available);
      await this.scaleAndRecordEvent(rs, replicas - count);
      total += count;
    }
    return total;
  }

  private async scaleDownOldReplicaSetsForRollingUpdate(all: readonly (ReplicaSet | undefined)[], oldRSs: ReplicaSet[]): Promise<number> {
    const minAvailable = replicasOf(this.d) - maxUnavailable(this.d);
    const available = sumAvailableReplicas(all);
    if (available <= minAvailable) return 0;
    const wanted = available - minAvailable;
    let total = 0;
    for (const rs of [...oldRSs].sort(byCreation)) {
      if (total >= wanted) break;
      const replicas = replicasOf(rs);
      if (replicas === 0) continue;
      const count = Math.min(replicas, wanted - total);
      await this.scaleAndRecordEvent(rs, replicas - count);
      total += count;
    }
    return total;
  }

  private async rolloutRecreate(): Promise<void> {
    let { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(false);
    let scaledDown = false;
    for (const rs of activeReplicaSets(oldRSs)) {
      if ((await this.scaleAndRecordEvent(rs, 0)).scaled) scaledDown = true;
    }
    const all = (): (ReplicaSet | undefined)[] => [...oldRSs.map((rs) => this.latest(rs)), newRS && this.latest(newRS)];
    if (scaledDown || this.oldPodsRunning(newRS, oldRSs.map((rs) => this.latest(rs)))) {
      this.syncRolloutStatus(all(), newRS && this.latest(newRS));
      return;
    }
    if (!newRS) ({ newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(true));
    if (newRS) await this.scaleAndRecordEvent(newRS, replicasOf(this.d));
    if (deploymentComplete(this.d, this.status)) await this.cleanupDeployment(oldRSs.map((rs) => this.latest(rs)));
    this.syncRolloutStatus(all(), newRS && this.latest(newRS));
  }

  /** Recreate waits until no pod of an old ReplicaSet may still be running. */
  private oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean {
    if (sumActualReplicas(oldRSs) > 0) return true;
    const oldUids = new Set(this.rsList.map((rs) => rs.metadata?.uid).filter((uid) => uid !== newRS?.metadata?.uid));
    return this.deps.pods().some((pod) => {
      const ref = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
      if (!ref || !oldUids.has(ref.uid) || !labelSelectorMatches(this.d.spec?.selector, pod.metadata?.labels)) return false;
      const phase = pod.status?.phase;
      return phase !== 'Succeeded' && phase !== 'Failed';
    });
  }

  /** Deletes the oldest unused ReplicaSets beyond revisionHistoryLimit. */
  private async cleanupDeployment(oldRSs: readonly ReplicaSet[]): Promise<void> {
    const limit = this.d.spec?.revisionHistoryLimit;
    if (limit === undefined || limit === MAX_INT32) return;
    const cleanable = oldRSs.filter((rs) => !isBeingDeleted(rs)).sort(byRevision);
    const diff = cleanable.length - limit;
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i];
      if (!rs) break;
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        await this.client.delete(resources.replicaSets, rs.metadata?.name ?? '', { namespace: rs.metadata?.namespace, signal: this.deps.signal });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  // --- status -------------------------------------------------------------------------------------

  private checkPausedConditions(): void {
    if (!hasProgressDeadline(this.d)) return;
    const cond = getCondition(this.status, 'Progressing');
    if (cond?.reason === Reason.TimedOut) return;
    const pausedCondExists = cond?.reason === Reason.Paused;
    if (this.d.spec?.paused === true && !pausedCondExists) {
      setCondition(this.status, newCondition('Progressing', 'Unknown', Reason.Paused, 'Deployment is paused', this.now));
    } else if (this.d.spec?.paused !== true && pausedCondExists) {
      setCondition(this.status, newCondition('Progressing', 'Unknown', Reason.Resumed, 'Deployment is resumed', this.now));
    }
  }

  private syncDeploymentStatus(all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    this.status = calculateStatus(all, newRS, this.d, this.status, this.now);
  }

  /** kube's syncRolloutStatus: counts, the Progressing condition against the deadline, ReplicaFailure. */
  private syncRolloutStatus(all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    const d = this.d;
    const now = this.now;
    const previous = this.status;
    const next = calculateStatus(all, newRS, d, previous, now);
    if (!hasProgressDeadline(d)) removeCondition(next, 'Progressing');
    const current = getCondition(previous, 'Progressing');
    const isComplete = next.replicas === next.updatedReplicas && current?.reason === Reason.NewReplicaSetAvailable;
    const rsName = newRS?.metadata?.name;
    if (hasProgressDeadline(d) && !isComplete) {
      if (deploymentComplete(d, next)) {
        const message = rsName !== undefined ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata?.name ?? ''}" has successfully progressed.`;
        setCondition(next, newCondition('Progressing', 'True', Reason.NewReplicaSetAvailable, message, now));
      } else if (deploymentProgressing(d.status, next)) {
        const message = rsName !== undefined ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata?.name ?? ''}" is progressing.`;
        const condition = newCondition('Progressing', 'True', Reason.ReplicaSetUpdated, message, now);
        if (current) {
          if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
          removeCondition(next, 'Progressing');
        }
        setCondition(next, condition);
      } else if (deploymentTimedOut(d, next, now)) {
        const message = rsName !== undefined ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata?.name ?? ''}" has timed out progressing.`;
        setCondition(next, newCondition('Progressing', 'False', Reason.TimedOut, message, now));
      }
    }
    const failure = replicaFailure(all, newRS);
    if (failure) {
      setCondition(next, {
        type: 'ReplicaFailure',
        status: failure.status,
        reason: failure.reason,
        message: failure.message,
        lastTransitionTime: failure.lastTransitionTime,
        lastUpdateTime: failure.lastTransitionTime,
      });
    } else {
      removeCondition(next, 'ReplicaFailure');
    }
    this.status = next;
    this.requeueAfterMs = this.stuckRequeue(previous, next);
  }

  /** kube's requeueStuckDeployment: look again when the progress deadline would pass. */
  private stuckRequeue(previous: DeploymentStatus, next: DeploymentStatus): number | undefined {
    const d = this.d;
    const current = getCondition(previous, 'Progressing');
    if (!hasProgressDeadline(d) || !current) return undefined;
    if (deploymentComplete(d, next) || current.reason === Reason.TimedOut) return undefined;
    const after = (timeMs(current.lastUpdateTime) ?? this.now) + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - this.now;
    return after < 1000 ? 1000 : after + 1000;
  }
}

/** deploymentutil.FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort(byCreation).reverse();
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

function replicaFailure(all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): { status: string; reason?: string; message?: string; lastTransitionTime?: string } | undefined {
  const of = (rs: ReplicaSet | undefined): ReturnType<typeof replicaFailure> => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  return of(newRS) ?? all.map(of).find((c) => c !== undefined);
}
