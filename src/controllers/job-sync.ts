import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1.js';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { isNotFound } from '../api/status.js';
import { describeError, resources } from '../client/index.js';
import {
  COMPLETION_INDEX_ANNOTATION,
  COMPLETION_INDEX_ENV,
  COMPLETION_INDEX_LABEL,
  completionIndex,
  ensureCondition,
  findCondition,
  formatIndexes,
  hasTrackingFinalizer,
  isIndexed,
  isPodFailed,
  isSuspended,
  JOB_TRACKING_FINALIZER,
  JobReason,
  MAX_POD_CREATE_DELETE_PER_SYNC,
  MAX_UNCOUNTED_PODS,
  newCondition,
  nextBackoffRecord,
  parseIndexes,
  pastActiveDeadline,
  pastBackoffLimitOnFailure,
  remainingBackoff,
  type BackoffRecord,
} from './job-util.js';
import type { ControllerContext } from './shared/context.js';
import { labelSelectorMatches } from './shared/labels.js';
import { isBeingDeleted } from './shared/metadata.js';
import { rfc3339 } from './shared/time.js';
import type { EventRecorder } from './workloads/events.js';
import type { Expectations, UidExpectations } from './workloads/expectations.js';
import { comparePodsForDeletion } from './workloads/pod-ranking.js';
import { createPod, deletePod, podFromTemplate, type Owner } from './workloads/pod-control.js';
import { isPodActive, isPodReady, isPodTerminatingNotFinished, podKey, timeMs } from './workloads/pods.js';
import { claimObjects } from './workloads/ref-manager.js';
import { compactStatus, writeStatus } from './workloads/status.js';
import { asError } from './workloads/errors.js';
import { cloneJson } from '../lib/json.js';

/** The strategic-merge directive kube uses: no resourceVersion, so no conflicts. */
export async function removeTrackingFinalizer(ctx: ControllerContext, pod: Pod, signal: AbortSignal): Promise<void> {
  try {
    await ctx.client.patch(resources.pods, pod.metadata?.name ?? '', { metadata: { '$deleteFromPrimitiveList/finalizers': [JOB_TRACKING_FINALIZER] } }, { type: 'strategic', namespace: pod.metadata?.namespace, signal });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

export interface JobSyncDeps {
  readonly expectations: Expectations;
  readonly finalizerExpectations: UidExpectations;
  readonly backoffs: Map<string, BackoffRecord>;
  readonly pods: readonly Pod[];
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
}

/** One pass of kube's syncJob over one unfinished Job. */
export class JobSync {
  private readonly owner: Owner;
  private readonly namespace: string;
  /** The status being built (kube mutates job.Status in place). */
  private status: JobStatus;
  private requeueAfterMs: number | undefined;
  private readonly now: number;
  /** The Job as last written by this pass (the cached one until then). */
  private latest: Job;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly events: EventRecorder,
    private readonly job: Job,
    private readonly key: string,
    private readonly signal: AbortSignal,
    private readonly deps: JobSyncDeps,
  ) {
    this.owner = { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata?.name ?? '', uid: job.metadata?.uid ?? '' };
    this.namespace = job.metadata?.namespace ?? '';
    this.status = cloneJson(job.status ?? {});
    this.now = ctx.clock.now();
    this.latest = job;
  }

  private requeue(ms: number): void {
    this.requeueAfterMs = this.requeueAfterMs === undefined ? ms : Math.min(this.requeueAfterMs, ms);
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.event(this.job, 'Job', type, reason, message);
  }

  private get completions(): number | undefined {
    return this.job.spec?.completions ?? undefined;
  }

  async run(): Promise<{ requeueAfterMs: number } | undefined> {
    const job = this.job;
    const { expectations, finalizerExpectations } = this.deps;
    const satisfied = expectations.satisfied(this.key);
    const pods = await claimObjects(this.deps.pods, {
      client: this.ctx.client,
      ref: resources.pods,
      owner: job,
      ownerRef: this.owner,
      ownerResource: resources.jobs,
      match: (pod) => labelSelectorMatches(job.spec?.selector, pod.metadata?.labels),
      adoptFinalizers: [JOB_TRACKING_FINALIZER],
      signal: this.signal,
    });
    const uncounted = {
      succeeded: new Set(this.status.uncountedTerminatedPods?.succeeded ?? []),
      failed: new Set(this.status.uncountedTerminatedPods?.failed ?? []),
    };
    const expectedRm = finalizerExpectations.get(this.key);
    const activePods = pods.filter(isPodActive);
    let active = activePods.length;
    const fresh = (p: Pod, set: Set<string>): boolean => {
      const uid = p.metadata?.uid ?? '';
      if (!hasTrackingFinalizer(p) || set.has(uid) || expectedRm.has(uid)) return false;
      if (isIndexed(job)) {
        const ix = completionIndex(p);
        if (ix < 0 || ix >= (this.completions ?? 0)) return false;
      }
      return true;
    };
    const newSucceeded = pods.filter((p) => fresh(p, uncounted.succeeded) && p.status?.phase === 'Succeeded');
    const newFailed = pods.filter((p) => fresh(p, uncounted.failed) && isPodFailed(p, job));
    let succeeded = (this.status.succeeded ?? 0) + newSucceeded.length + uncounted.succeeded.size;
    const failed = (this.status.failed ?? 0) + newFailed.length + uncounted.failed.size;
    let ready = activePods.filter(isPodReady).length;
    let terminating = pods.filter(isPodTerminatingNotFinished).length;

    if (this.status.startTime === undefined && !isSuspended(job)) this.status.startTime = rfc3339(this.now);
    const backoff = nextBackoffRecord(this.deps.backoffs.get(this.key), newSucceeded, newFailed, this.now);

    let finished: JobCondition | undefined = findCondition(job, 'SuccessCriteriaMet');
    if (finished?.status !== 'True') finished = undefined;
    if (!finished) {
      const target = findCondition(job, 'FailureTarget');
      if (target?.status === 'True') finished = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', this.now);
    }
    if (!finished) {
      const view: Job = { ...job, status: this.status };
      if (failed > (job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
        finished = newCondition('FailureTarget', 'True', JobReason.BackoffLimitExceeded, 'Job has reached the specified backoff limit', this.now);
      } else if (pastActiveDeadline(view, this.now)) {
        finished = newCondition('FailureTarget', 'True', JobReason.DeadlineExceeded, 'Job was active longer than specified deadline', this.now);
      } else if (job.spec?.activeDeadlineSeconds !== undefined && !isSuspended(job)) {
        const start = timeMs(this.status.startTime) ?? this.now;
        this.requeue(Math.max(0, start + job.spec.activeDeadlineSeconds * 1000 - this.now));
      }
    }

    const prevSucceededIndexes = isIndexed(job) ? parseIndexes(this.status.completedIndexes, this.completions ?? 0) : new Set<number>();
    const succeededIndexes = new Set(prevSucceededIndexes);
    if (isIndexed(job)) {
      for (const p of pods) {
        const ix = completionIndex(p);
        if (p.status?.phase === 'Succeeded' && ix >= 0 && ix < (this.completions ?? 0) && hasTrackingFinalizer(p)) succeededIndexes.add(ix);
      }
      succeeded = succeededIndexes.size;
    }

    let suspendChanged = false;
    let manageError: unknown;
    if (finished) {
      const { deleted, deletedReady } = await this.deleteActivePods(activePods);
      if (deleted !== active || !satisfied) finished = undefined;
      active -= deleted;
      terminating += deleted;
      ready -= deletedReady;
    } else {
      let manageCalled = false;
      if (satisfied && !isBeingDeleted(job)) {
        manageCalled = true;
        try {
          const r = await this.manageJob(activePods, succeeded, succeededIndexes, terminating, backoff);
          active = r.active;
          ready -= r.removedReady;
          terminating += r.removed;
        } catch (e) {
          if (this.signal.aborted) throw e;
          manageError = e;
          active = activePods.length;
        }
      }
      const completions = this.completions;
      const complete = completions === undefined ? succeeded > 0 && active === 0 : succeeded >= completions && active === 0;
      if (complete) {
        finished = newCondition('SuccessCriteriaMet', 'True', JobReason.CompletionsReached, 'Reached expected number of succeeded pods', this.now);
      } else if (manageCalled) {
        const conditions = this.status.conditions ?? [];
        const r = isSuspended(job)
          ? ensureCondition(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', this.now)
          : ensureCondition(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', this.now);
        if (r.changed) {
          suspendChanged = true;
          this.status.conditions = r.conditions;
          if (isSuspended(job)) {
            this.event('Normal', 'Suspended', 'Job suspended');
          } else {
            this.event('Normal', 'Resumed', 'Job resumed');
            // The deadline counts time running, so a resumed Job starts again.
            this.status.startTime = rfc3339(this.now);
          }
        }
      }
    }

    const needsUpdate = suspendChanged || this.status.startTime !== job.status?.startTime || active !== (job.status?.active ?? 0) || ready !== job.status?.ready || terminating !== job.status.terminating;
    this.status.active = active;
    this.status.ready = ready;
    this.status.terminating = terminating;
    await this.trackStatusAndRemoveFinalizers(pods, finished, needsUpdate, prevSucceededIndexes, succeededIndexes, uncounted);
    this.deps.backoffs.set(this.key, backoff);
    if (manageError !== undefined) throw asError(manageError);
    return this.requeueAfterMs === undefined ? undefined : { requeueAfterMs: this.requeueAfterMs };
  }

  // --- pods ---------------------------------------------------------------------------------------

  /** manageJob: the number of active pods the Job should have, created or deleted. */
  private async manageJob(activePods: Pod[], succeeded: number, succeededIndexes: Set<number>, terminating: number, backoff: BackoffRecord): Promise<{ active: number; removed: number; removedReady: number }> {
    const job = this.job;
    let active = activePods.length;
    const parallelism = job.spec?.parallelism ?? 1;
    if (isSuspended(job)) {
      const r = await this.deletePods(activePodsForRemoval(job, activePods, active));
      return { active: active - r.deleted, removed: r.deleted, removedReady: r.deletedReady };
    }
    const completions = this.completions;
    let wantActive: number;
    if (completions === undefined) wantActive = succeeded > 0 ? active : parallelism;
    else wantActive = Math.max(0, Math.min(completions - succeeded, parallelism));

    const toRemove = activePodsForRemoval(job, activePods, Math.max(0, active - wantActive)).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (toRemove.length > 0) {
      // Deleting takes precedence over creating in one pass.
      const r = await this.deletePods(toRemove);
      return { active: active - r.deleted, removed: r.deleted, removedReady: r.deletedReady };
    }
    const replaceOnlyFailed = job.spec?.podReplacementPolicy === 'Failed';
    let diff = wantActive - (replaceOnlyFailed ? terminating : 0) - active;
    if (diff <= 0) return { active, removed: 0, removedReady: 0 };
    const wait = remainingBackoff(backoff, this.now, this.deps.backoffMs, this.deps.maxBackoffMs);
    if (wait > 0) {
      this.requeue(wait);
      return { active, removed: 0, removedReady: 0 };
    }
    diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
    let indexes: number[] = [];
    if (isIndexed(job)) {
      indexes = firstPendingIndexes(activePods, succeededIndexes, diff, completions ?? 0);
      diff = indexes.length;
    }
    if (diff === 0) return { active, removed: 0, removedReady: 0 };
    this.deps.expectations.expectCreations(this.key, diff);
    active += diff;
    const template = podTemplateWithTracking(job, isIndexed(job));
    let created = 0;
    let failure: unknown;
    for (let batch = Math.min(diff, 1), pos = 0; pos < diff; pos += batch, batch = Math.min(2 * batch, diff - pos)) {
      const results = await Promise.allSettled(
        Array.from({ length: batch }, async (_, i) => {
          const index = indexes[pos + i];
          const pod = index === undefined ? podFromTemplate(template, this.owner, this.namespace) : indexedPod(template, this.owner, this.namespace, index);
          const result = await createPod(this.ctx.client, pod, this.signal);
          if (result.outcome === 'created') this.event('Normal', 'SuccessfulCreate', `Created pod: ${result.pod?.metadata?.name ?? ''}`);
          else this.deps.expectations.creationObserved(this.key);
        }),
      );
      for (const r of results) {
        if (r.status === 'fulfilled') created++;
        else {
          this.deps.expectations.creationObserved(this.key);
          failure ??= r.reason;
        }
      }
      if (failure !== undefined) {
        const skipped = diff - (pos + batch);
        for (let i = 0; i < skipped; i++) this.deps.expectations.creationObserved(this.key);
        active -= diff - created;
        this.event('Warning', 'FailedCreate', `Error creating: ${describeError(failure)}`);
        throw asError(failure);
      }
    }
    return { active, removed: 0, removedReady: 0 };
  }

  /** Deletes pods (their finalizers stay: the tracking removes them once counted). */
  private async deletePods(victims: readonly Pod[]): Promise<{ deleted: number; deletedReady: number }> {
    if (victims.length === 0) return { deleted: 0, deletedReady: 0 };
    this.deps.expectations.expectDeletions(this.key, victims.map(podKey));
    let deleted = 0;
    let deletedReady = 0;
    const failures: unknown[] = [];
    await Promise.all(
      victims.map(async (pod) => {
        try {
          if (await deletePod(this.ctx.client, this.namespace, pod.metadata?.name ?? '', this.signal)) {
            this.event('Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name ?? ''}`);
          } else {
            this.deps.expectations.deletionObserved(this.key, podKey(pod));
          }
          deleted++;
          if (isPodReady(pod)) deletedReady++;
        } catch (e) {
          this.deps.expectations.deletionObserved(this.key, podKey(pod));
          failures.push(e);
        }
      }),
    );
    if (failures.length > 0) throw failures[0];
    return { deleted, deletedReady };
  }

  private async deleteActivePods(activePods: readonly Pod[]): Promise<{ deleted: number; deletedReady: number }> {
    try {
      return await this.deletePods(activePods);
    } catch (e) {
      if (this.signal.aborted) throw e;
      return { deleted: 0, deletedReady: 0 };
    }
  }

  // --- tracking -----------------------------------------------------------------------------------

  /**
   * trackJobStatusAndRemoveFinalizers: finished pods go to uncountedTerminatedPods (written
   * first), then lose their finalizer, then move from there to the counters; the final condition
   * is set once nothing is uncounted and no pod is terminating.
   */
  private async trackStatusAndRemoveFinalizers(
    pods: readonly Pod[],
    finished: JobCondition | undefined,
    needsUpdate: boolean,
    prevSucceededIndexes: Set<number>,
    succeededIndexes: Set<number>,
    uncounted: { succeeded: Set<string>; failed: Set<string> },
  ): Promise<void> {
    const job = this.job;
    const { finalizerExpectations } = this.deps;
    let needsFlush = needsUpdate;
    const expectedRm = finalizerExpectations.get(this.key);
    const withFinalizer = new Set(pods.filter((p) => hasTrackingFinalizer(p) && !expectedRm.has(p.metadata?.uid ?? '')).map((p) => p.metadata?.uid ?? ''));
    if (this.countUncountedWithoutFinalizers(withFinalizer)) needsFlush = true;

    const toRemove: Pod[] = [];
    const succeededUids = [...(this.status.uncountedTerminatedPods?.succeeded ?? [])];
    const failedUids = [...(this.status.uncountedTerminatedPods?.failed ?? [])];
    const newIndexes: number[] = [];
    let reachedMax = false;
    const completions = this.completions ?? 0;
    for (const pod of pods) {
      const uid = pod.metadata?.uid ?? '';
      if (!hasTrackingFinalizer(pod) || expectedRm.has(uid)) continue;
      const considerFailed = isPodFailed(pod, job);
      const canRemove = isBeingDeleted(job) || finished !== undefined || pod.status?.phase === 'Succeeded' || considerFailed;
      if (!canRemove) continue;
      toRemove.push(pod);
      if (pod.status?.phase === 'Succeeded' && !uncounted.failed.has(uid)) {
        if (isIndexed(job)) {
          const ix = completionIndex(pod);
          if (ix >= 0 && ix < completions && !prevSucceededIndexes.has(ix)) {
            newIndexes.push(ix);
            needsFlush = true;
          }
        } else if (!uncounted.succeeded.has(uid)) {
          needsFlush = true;
          succeededUids.push(uid);
        }
      } else if (considerFailed || (finished !== undefined && finished.type !== 'SuccessCriteriaMet')) {
        const ix = completionIndex(pod);
        if (!uncounted.failed.has(uid) && (!isIndexed(job) || (ix >= 0 && ix < completions))) {
          needsFlush = true;
          failedUids.push(uid);
        }
      }
      if (newIndexes.length + succeededUids.length + failedUids.length >= MAX_UNCOUNTED_PODS) {
        // Bounded work per pass: the status and pod updates bring the Job back.
        reachedMax = true;
        break;
      }
    }
    this.status.uncountedTerminatedPods = { succeeded: succeededUids, failed: failedUids };
    if (isIndexed(job)) {
      for (const ix of newIndexes) succeededIndexes.add(ix);
      const text = formatIndexes(succeededIndexes);
      if (text !== (this.status.completedIndexes ?? '')) needsFlush = true;
      this.status.succeeded = succeededIndexes.size;
      this.status.completedIndexes = text;
    }
    let final = finished;
    if (final?.type === 'FailureTarget') {
      // The interim condition is recorded before any finalizer goes; Failed follows once all are counted.
      this.status.conditions = [...(this.status.conditions ?? []), final];
      needsFlush = true;
      final = newCondition('Failed', 'True', final.reason ?? '', final.message ?? '', this.now);
    }
    if (final?.type === 'SuccessCriteriaMet') {
      if (!(this.status.conditions ?? []).some((c) => c.type === 'SuccessCriteriaMet')) {
        this.status.conditions = [...(this.status.conditions ?? []), final];
        needsFlush = true;
      }
      final = newCondition('Complete', 'True', final.reason ?? '', final.message ?? '', this.now);
    }

    if (needsFlush) {
      await this.writeStatus();
      needsFlush = false;
    }
    let removeError: unknown;
    if (toRemove.length > 0) {
      finalizerExpectations.expect(this.key, toRemove.map((p) => p.metadata?.uid ?? ''));
      await Promise.all(
        toRemove.map(async (pod) => {
          const uid = pod.metadata?.uid ?? '';
          try {
            await removeTrackingFinalizer(this.ctx, pod, this.signal);
            withFinalizer.delete(uid);
          } catch (e) {
            finalizerExpectations.observed(this.key, uid);
            removeError ??= e;
          }
        }),
      );
    }
    if (this.countUncountedWithoutFinalizers(withFinalizer)) needsFlush = true;
    if (!reachedMax && removeError === undefined && this.enactFinished(final)) needsFlush = true;
    if (needsFlush) await this.writeStatus();
    if (removeError !== undefined) throw asError(removeError);
  }

  /** cleanUncountedPodsWithoutFinalizers: uncounted pods whose finalizer is gone move to the counters. */
  private countUncountedWithoutFinalizers(withFinalizer: ReadonlySet<string>): boolean {
    const uncounted = this.status.uncountedTerminatedPods;
    if (!uncounted) return false;
    let changed = false;
    const keep = (uids: readonly string[] | undefined, count: (n: number) => void): string[] => {
      const still = (uids ?? []).filter((uid) => withFinalizer.has(uid));
      const done = (uids ?? []).length - still.length;
      if (done > 0) {
        count(done);
        changed = true;
      }
      return still;
    };
    const succeeded = keep(uncounted.succeeded, (n) => (this.status.succeeded = (this.status.succeeded ?? 0) + n));
    const failed = keep(uncounted.failed, (n) => (this.status.failed = (this.status.failed ?? 0) + n));
    this.status.uncountedTerminatedPods = { succeeded, failed };
    return changed;
  }

  /** enactJobFinished: the final condition, once every pod is counted and none is terminating. */
  private enactFinished(final: JobCondition | undefined): boolean {
    if (!final) return false;
    const uncounted = this.status.uncountedTerminatedPods;
    if ((uncounted?.succeeded?.length ?? 0) + (uncounted?.failed?.length ?? 0) > 0) return false;
    if ((this.status.terminating ?? 0) > 0) return false;
    const { conditions } = ensureCondition(this.status.conditions ?? [], final.type, 'True', final.reason ?? '', final.message ?? '', this.now);
    this.status.conditions = conditions;
    if (final.type === 'Complete') {
      this.status.completionTime = rfc3339(this.now);
      this.event('Normal', 'Completed', 'Job completed');
    } else {
      this.event('Warning', final.reason ?? 'Failed', final.message ?? '');
    }
    return true;
  }

  private async writeStatus(): Promise<void> {
    const status = compactStatus<JobStatus>(this.status, ['active', 'succeeded', 'failed']);
    const uncounted = this.status.uncountedTerminatedPods;
    status.uncountedTerminatedPods = {
      ...((uncounted?.succeeded?.length ?? 0) > 0 ? { succeeded: uncounted?.succeeded } : {}),
      ...((uncounted?.failed?.length ?? 0) > 0 ? { failed: uncounted?.failed } : {}),
    };
    if (status.completedIndexes === '') delete status.completedIndexes;
    // Each write builds on the previous one (kube keeps the Job its UpdateStatus returned).
    const written = await writeStatus(this.ctx.client, resources.jobs, this.latest, status, this.signal, { retryOnConflict: false });
    if (!written) throw new Error(`job ${this.key} changed while its status was written`);
    this.latest = written;
  }
}

/** The Job's pod template with the tracking finalizer (and, Indexed, the index variable). */
function podTemplateWithTracking(job: Job, indexed: boolean): PodTemplateSpec {
  const template = cloneJson(job.spec?.template ?? {});
  const finalizers = template.metadata?.finalizers ?? [];
  template.metadata = { ...template.metadata, finalizers: finalizers.includes(JOB_TRACKING_FINALIZER) ? finalizers : [...finalizers, JOB_TRACKING_FINALIZER] };
  if (indexed && template.spec) {
    const addEnv = <C extends { env?: { name: string }[] }>(c: C): C =>
      (c.env ?? []).some((e) => e.name === COMPLETION_INDEX_ENV)
        ? c
        : { ...c, env: [...(c.env ?? []), { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` } } }] };
    template.spec = {
      ...template.spec,
      containers: template.spec.containers.map(addEnv),
      ...(template.spec.initContainers ? { initContainers: template.spec.initContainers.map(addEnv) } : {}),
    };
  }
  return template;
}

/** An Indexed Job's pod: the index annotation and label, hostname `<job>-<index>`, name `<job>-<index>-`. */
function indexedPod(template: PodTemplateSpec, owner: Owner, namespace: string, index: number): Pod {
  const pod = podFromTemplate(template, owner, namespace, { generateName: `${owner.name}-${index}-` });
  const meta = pod.metadata ?? {};
  return {
    ...pod,
    metadata: {
      ...meta,
      annotations: { ...(meta.annotations ?? {}), [COMPLETION_INDEX_ANNOTATION]: String(index) },
      labels: { ...(meta.labels ?? {}), [COMPLETION_INDEX_LABEL]: String(index) },
    },
    spec: { ...(pod.spec ?? { containers: [] }), hostname: pod.spec?.hostname ?? `${owner.name}-${index}` },
  };
}

/** firstPendingIndexes: the lowest indexes neither succeeded nor held by an active pod. */
function firstPendingIndexes(activePods: readonly Pod[], succeeded: ReadonlySet<number>, count: number, completions: number): number[] {
  const taken = new Set(activePods.map(completionIndex));
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!succeeded.has(i) && !taken.has(i)) out.push(i);
  return out;
}

/**
 * activePodsForRemoval: for Indexed Jobs first pods with an index out of range or held twice, then
 * the least valuable active pods (controller.ActivePods order).
 */
export function activePodsForRemoval(job: Job, pods: readonly Pod[], atLeast: number): Pod[] {
  const remove: Pod[] = [];
  let left: Pod[] = [...pods];
  if (isIndexed(job)) {
    const completions = job.spec?.completions ?? 0;
    left = [];
    const byIndex = new Map<number, Pod[]>();
    for (const pod of pods) {
      const ix = completionIndex(pod);
      if (ix < 0 || ix >= completions) remove.push(pod);
      else byIndex.set(ix, [...(byIndex.get(ix) ?? []), pod]);
    }
    for (const group of byIndex.values()) {
      group.sort((a, b) => comparePodsForDeletion(a, b));
      remove.push(...group.slice(0, -1));
      const keep = group[group.length - 1];
      if (keep) left.push(keep);
    }
  }
  if (remove.length < atLeast) {
    left.sort((a, b) => comparePodsForDeletion(a, b));
    remove.push(...left.slice(0, atLeast - remove.length));
  }
  return remove;
}
