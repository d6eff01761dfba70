import type { ControllerRevision, StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1.js';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import { isAlreadyExists } from '../api/status.js';
import { describeError, objectKey, resources, type ObjectLike, type ResourceRef } from '../client/index.js';
import type { Controller } from '../runtime/index.js';
import type { ControllerContext } from './shared/context.js';
import { labelSelectorMatches } from './shared/labels.js';
import { isBeingDeleted } from './shared/metadata.js';
import {
  applyRevision,
  claimsFor,
  compactStatefulSetStatus,
  countReplicas,
  endOrdinal,
  identityMatches,
  inOrdinalRange,
  isCreated,
  isHealthy,
  isMemberOf,
  isRunningAndReady,
  newVersionedPod,
  ordinalOf,
  POD_INDEX_LABEL,
  POD_NAME_LABEL,
  podRevision,
  startOrdinal,
  storageMatches,
} from './statefulset-util.js';
import { EventRecorder } from './workloads/events.js';
import { createControllerRevision, deleteRevision, equalRevision, newStatefulSetRevision, sortRevisions, templatePatch, updateRevisionNumber } from './workloads/history.js';
import { createPod, deletePod, isNamespaceTerminating, slowStartBatch, type Owner } from './workloads/pod-control.js';
import { isPodAvailable, isTerminating, nextAvailability } from './workloads/pods.js';
import { claimObjects } from './workloads/ref-manager.js';
import { writeStatus } from './workloads/status.js';
import { asError } from './workloads/errors.js';
import { claimCandidates, claimIndexers } from './workloads/candidates.js';

export const STATEFULSET_CONTROLLER = 'statefulset-controller';
/** kube's --concurrent-statefulset-syncs default. */
const WORKERS = 5;

/** The pods of a set go in this order and, unless Parallel, one at a time. */
type Step = (i: number) => Promise<boolean>;

/**
 * kube's StatefulSet controller: pods `<name>-<ordinal>` with stable identity (hostname, subdomain
 * = serviceName, pod-name and pod-index labels) and claims `<template>-<name>-<ordinal>` from the
 * volumeClaimTemplates; OrderedReady creates in order and waits for each pod to be Running and
 * Ready (Parallel does not), scales down from the highest ordinal; RollingUpdate (with partition)
 * and OnDelete against ControllerRevisions `<name>-<hash>`; status with current and update revision.
 */
export function statefulSetController(ctx: ControllerContext): Controller {
  const sets = ctx.informer(resources.statefulSets);
  const pods = ctx.informer(resources.pods, { indexers: claimIndexers });
  const revisions = ctx.informer(resources.controllerRevisions, { indexers: claimIndexers });
  const claims = ctx.informer(resources.persistentVolumeClaims);
  const events = new EventRecorder(ctx.client, STATEFULSET_CONTROLLER, ctx.clock, ctx.logger);

  const owners = (obj: ObjectLike, orphanMatch: (set: StatefulSet) => boolean): string[] => {
    const ref = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (ref) return ref.kind === 'StatefulSet' && ref.apiVersion.startsWith('apps/') ? [`${obj.metadata?.namespace ?? ''}/${ref.name}`] : [];
    return sets
      .list(obj.metadata?.namespace ?? '')
      .filter(orphanMatch)
      .map((s) => objectKey(s));
  };
  const podOwners = (pod: Pod): string[] => owners(pod, (set) => labelSelectorMatches(set.spec?.selector, pod.metadata?.labels) && isMemberOf(set, pod));
  const revisionOwners = (rev: ControllerRevision): string[] => owners(rev, (set) => labelSelectorMatches(set.spec?.selector, rev.metadata?.labels));

  const reconcile = async (key: string, signal: AbortSignal): Promise<{ requeueAfterMs: number } | undefined> => {
    const set = sets.getByKey(key);
    if (!set) return undefined;
    const sync = new StatefulSetSync(ctx, events, set, signal, {
      revisions: claimCandidates(revisions, set),
      pods: claimCandidates(pods, set),
      claim: (name) => claims.get(set.metadata?.namespace ?? '', name),
    });
    return sync.run();
  };

  const controller = ctx.controller({ name: STATEFULSET_CONTROLLER, reconcile, workers: WORKERS });
  controller.watch(sets);
  controller.watch(pods, { map: podOwners });
  controller.watch(revisions, { map: revisionOwners });
  return controller;
}

interface Cached {
  readonly revisions: readonly ControllerRevision[];
  readonly pods: readonly Pod[];
  readonly claim: (name: string) => PersistentVolumeClaim | undefined;
}

/** One pass of kube's StatefulSet control loop (UpdateStatefulSet) over one set. */
class StatefulSetSync {
  private readonly owner: Owner;
  private readonly namespace: string;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly events: EventRecorder,
    private readonly set: StatefulSet,
    private readonly signal: AbortSignal,
    private readonly cached: Cached,
  ) {
    this.owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata?.name ?? '', uid: set.metadata?.uid ?? '' };
    this.namespace = set.metadata?.namespace ?? '';
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.event(this.set, 'StatefulSet', type, reason, message);
  }

  async run(): Promise<{ requeueAfterMs: number } | undefined> {
    const set = this.set;
    const common = { client: this.ctx.client, owner: set, ownerRef: this.owner, ownerResource: resources.statefulSets as ResourceRef<ObjectLike>, signal: this.signal };
    const revisions = sortRevisions(
      await claimObjects(this.cached.revisions, { ...common, ref: resources.controllerRevisions, match: (rev) => labelSelectorMatches(set.spec?.selector, rev.metadata?.labels) }),
    );
    const pods = await claimObjects(this.cached.pods, { ...common, ref: resources.pods, match: (pod) => labelSelectorMatches(set.spec?.selector, pod.metadata?.labels) && isMemberOf(set, pod) });

    const { current, update, collisionCount } = await this.revisions(revisions);
    let status: StatefulSetStatus | undefined;
    let failure: unknown;
    try {
      status = await this.update(current, update, collisionCount, pods);
    } catch (e) {
      if (this.signal.aborted) throw e;
      failure = e;
    }
    if (status) {
      // completeRollingUpdate: every pod updated and ready makes the update revision current.
      if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
        status.currentReplicas = status.updatedReplicas;
        status.currentRevision = status.updateRevision;
      }
      await writeStatus(this.ctx.client, resources.statefulSets, set, compactStatefulSetStatus(status), this.signal);
    }
    await this.truncateHistory(pods, revisions, current, update);
    if (failure !== undefined) throw asError(failure);
    if ((set.spec?.minReadySeconds ?? 0) > 0) return nextAvailability(pods, set.spec?.minReadySeconds ?? 0, this.ctx.clock.now());
    return undefined;
  }

  /** getStatefulSetRevisions: the current revision and the (possibly new) update revision. */
  private async revisions(revisions: ControllerRevision[]): Promise<{ current: ControllerRevision; update: ControllerRevision; collisionCount: number }> {
    const set = this.set;
    let collisionCount = set.status?.collisionCount ?? 0;
    const last = revisions[revisions.length - 1];
    const next = last ? last.revision + 1 : 1;
    const candidate = newStatefulSetRevision(this.owner, this.namespace, set.spec?.template.metadata?.labels ?? {}, templatePatch(set.spec?.template), next, collisionCount);
    const equal = revisions.filter((r) => equalRevision(r, candidate));
    const lastEqual = equal[equal.length - 1];
    let update: ControllerRevision;
    if (lastEqual && last && equalRevision(last, lastEqual)) {
      update = last;
    } else if (lastEqual) {
      // Back to an earlier template: that revision becomes the newest.
      update = await updateRevisionNumber(this.ctx.client, lastEqual, candidate.revision, this.signal);
    } else {
      ({ revision: update, collisionCount } = await createControllerRevision(this.ctx.client, this.owner.name, candidate, collisionCount, this.signal));
    }
    const current = revisions.find((r) => r.metadata?.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  /** updateStatefulSet: creates, fixes, deletes and replaces pods; returns the status to record. */
  private async update(currentRevision: ControllerRevision, updateRevision: ControllerRevision, collisionCount: number, pods: Pod[]): Promise<StatefulSetStatus> {
    const set = this.set;
    const now = this.ctx.clock.now();
    const currentSet = applyRevision(set, currentRevision);
    const updateSet = applyRevision(set, updateRevision);
    const currentName = currentRevision.metadata?.name ?? '';
    const updateName = updateRevision.metadata?.name ?? '';
    const minReadySeconds = set.spec?.minReadySeconds ?? 0;
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata?.generation ?? 0,
      currentRevision: currentName,
      updateRevision: updateName,
      collisionCount,
      replicas: 0,
    };
    countReplicas(status, pods, minReadySeconds, currentName, updateName, now);

    const start = startOrdinal(set);
    const replicas: Pod[] = [];
    const condemned: Pod[] = [];
    for (const pod of pods) {
      if (inOrdinalRange(pod, set)) replicas[ordinalOf(pod) - start] = pod;
      else if (ordinalOf(pod) >= 0) condemned.push(pod);
    }
    for (let ordinal = start; ordinal <= endOrdinal(set); ordinal++) {
      replicas[ordinal - start] ??= newVersionedPod(currentSet, updateSet, this.owner, currentName, updateName, ordinal);
    }
    condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
    const firstUnhealthy = replicas.find((p) => !isHealthy(p)) ?? [...condemned].reverse().find((p) => !isHealthy(p));
    const recount = (): StatefulSetStatus => {
      countReplicas(status, [...replicas, ...condemned], minReadySeconds, currentName, updateName, now);
      return status;
    };
    if (isBeingDeleted(set)) return status;

    const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
    if (await runForAll(replicas.length, (i) => this.processReplica(updateSet, replicas, i, monotonic, now), monotonic)) return recount();
    if (await runForAll(condemned.length, (i) => this.processCondemned(condemned, i, firstUnhealthy, monotonic, now), monotonic)) return recount();
    recount();
    if (set.spec?.updateStrategy?.type === 'OnDelete') return status;

    const updateMin = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const pod = replicas[target];
      if (!pod) continue;
      if (podRevision(pod) !== updateName && !isTerminating(pod)) {
        await this.deletePod(pod);
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        return status;
      }
      if (!isHealthy(pod)) return status;
    }
    return status;
  }

  /** processReplica: true to stop this pass (monotonic waiting, or work that must settle first). */
  private async processReplica(updateSet: StatefulSet, replicas: Pod[], i: number, monotonic: boolean, now: number): Promise<boolean> {
    const pod = replicas[i];
    if (!pod) return false;
    const phase = pod.status?.phase;
    if (phase === 'Failed' || phase === 'Succeeded') {
      // A finished pod is replaced: deleted now, created again once gone.
      if (!isTerminating(pod)) await this.deletePod(pod);
      return true;
    }
    if (!isCreated(pod)) {
      await this.createPod(pod);
      return monotonic;
    }
    if (phase === 'Pending') await this.createClaims(pod);
    if (isTerminating(pod) && monotonic) return true;
    if (!isRunningAndReady(pod) && monotonic) return true;
    if (!isPodAvailable(pod, this.set.spec?.minReadySeconds ?? 0, now) && monotonic) return true;
    if (identityMatches(this.set, pod) && storageMatches(this.set, pod)) return false;
    await this.fixIdentity(updateSet, pod);
    return false;
  }

  private async processCondemned(condemned: Pod[], i: number, firstUnhealthy: Pod | undefined, monotonic: boolean, now: number): Promise<boolean> {
    const pod = condemned[i];
    if (!pod) return false;
    if (isTerminating(pod)) return monotonic;
    if (!isRunningAndReady(pod) && monotonic && pod !== firstUnhealthy) return true;
    if (!isPodAvailable(pod, this.set.spec?.minReadySeconds ?? 0, now) && monotonic && pod !== firstUnhealthy) return true;
    await this.deletePod(pod);
    return true;
  }

  private async createPod(pod: Pod): Promise<void> {
    const name = pod.metadata?.name ?? '';
    const setName = this.owner.name;
    await this.createClaims(pod);
    try {
      const result = await createPod(this.ctx.client, pod, this.signal);
      if (result.outcome === 'created') this.event('Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${setName} successful`);
    } catch (e) {
      this.event('Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${setName} failed error: ${describeError(e)}`);
      throw e;
    }
  }

  private async deletePod(pod: Pod): Promise<void> {
    const name = pod.metadata?.name ?? '';
    try {
      await deletePod(this.ctx.client, this.namespace, name, this.signal);
      this.event('Normal', 'SuccessfulDelete', `delete Pod ${name} in StatefulSet ${this.owner.name} successful`);
    } catch (e) {
      this.event('Warning', 'FailedDelete', `delete Pod ${name} in StatefulSet ${this.owner.name} failed error: ${describeError(e)}`);
      throw e;
    }
  }

  /** createPersistentVolumeClaims: the pod's claims that do not exist yet. */
  private async createClaims(pod: Pod): Promise<void> {
    const set = this.set;
    const ordinal = ordinalOf(pod);
    const deleteWithSet = set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete';
    for (const claim of claimsFor(set, ordinal)) {
      const name = claim.metadata?.name ?? '';
      const existing = this.cached.claim(name);
      if (existing) {
        if (isBeingDeleted(existing)) throw new Error(`pvc ${name} is being deleted`);
        continue;
      }
      if (deleteWithSet && claim.metadata) claim.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: this.owner.name, uid: this.owner.uid }];
      try {
        await this.ctx.client.create(resources.persistentVolumeClaims, claim, { signal: this.signal });
        this.event('Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${pod.metadata?.name ?? ''} in StatefulSet ${this.owner.name} success`);
      } catch (e) {
        if (isAlreadyExists(e)) continue;
        if (!isNamespaceTerminating(e)) this.event('Warning', 'FailedCreate', `create Claim ${name} for Pod ${pod.metadata?.name ?? ''} in StatefulSet ${this.owner.name} failed error: ${describeError(e)}`);
        throw e;
      }
    }
  }

  /** UpdateStatefulPod, for what may change on a live pod: its identity labels and missing claims. */
  private async fixIdentity(updateSet: StatefulSet, pod: Pod): Promise<void> {
    if (!storageMatches(updateSet, pod)) await this.createClaims(pod);
    if (identityMatches(this.set, pod)) return;
    const name = pod.metadata?.name ?? '';
    await this.ctx.client.patch(resources.pods, name, { metadata: { labels: { [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinalOf(pod)) } } }, { type: 'merge', namespace: this.namespace, signal: this.signal });
    this.event('Normal', 'SuccessfulUpdate', `update Pod ${name} in StatefulSet ${this.owner.name} successful`);
  }

  /** truncateHistory: deletes the oldest revisions no pod uses beyond revisionHistoryLimit. */
  private async truncateHistory(pods: readonly Pod[], revisions: readonly ControllerRevision[], current: ControllerRevision, update: ControllerRevision): Promise<void> {
    const live = new Set([current.metadata?.name, update.metadata?.name, ...pods.map(podRevision)]);
    const history = revisions.filter((r) => !live.has(r.metadata?.name));
    const limit = this.set.spec?.revisionHistoryLimit ?? 10;
    for (const revision of history.slice(0, Math.max(0, history.length - limit))) await deleteRevision(this.ctx.client, revision, this.signal);
  }
}

/** runForAll: monotonic goes one by one and stops at the first "stop"; Parallel runs all in slow-start batches. */
async function runForAll(count: number, step: Step, monotonic: boolean): Promise<boolean> {
  if (monotonic) {
    for (let i = 0; i < count; i++) if (await step(i)) return true;
    return false;
  }
  const { error } = await slowStartBatch(count, async (i) => {
    await step(i);
  });
  if (error !== undefined) throw asError(error);
  return false;
}

