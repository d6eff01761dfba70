import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isNotFound } from '../api/status.js';
import { objectKey, resources, splitKey } from '../client/index.js';
import type { Controller } from '../runtime/index.js';
import { DEFAULT_POD_FAILURE_BACKOFF_MS, finishTime, hasTrackingFinalizer, isJobFinished, MAX_POD_FAILURE_BACKOFF_MS, type BackoffRecord } from './job-util.js';
import type { ControllerContext } from './shared/context.js';
import { labelSelectorMatches } from './shared/labels.js';
import { isBeingDeleted } from './shared/metadata.js';
import { EventRecorder } from './workloads/events.js';
import { Expectations, UidExpectations } from './workloads/expectations.js';
import { isTerminating, podKey } from './workloads/pods.js';
import { claimCandidates, claimIndexers } from './workloads/candidates.js';
import { JobSync, removeTrackingFinalizer } from './job-sync.js';

export const JOB_CONTROLLER = 'job-controller';
/** kube's --concurrent-job-syncs default. */
const WORKERS = 5;
/** The value of spec.managedBy this controller serves (and absent). */
const MANAGED_BY = 'kubernetes.io/job-controller';
/** Queue keys of orphan pods whose tracking finalizer must go (namespaces cannot contain ':'). */
const ORPHAN_POD_PREFIX = 'pod:';

export interface JobControllerOptions {
  /** First delay before replacing failed pods (kube: 10 s), doubling up to `maxPodFailureBackoffMs`. */
  readonly podFailureBackoffMs?: number;
  readonly maxPodFailureBackoffMs?: number;
}

/**
 * kube's Job controller (1.32): pods `<job>-` (Indexed: `<job>-<index>-`) carrying the
 * `batch.kubernetes.io/job-tracking` finalizer, counted through `uncountedTerminatedPods` before
 * the finalizer is removed so that no finish is lost or counted twice; completions and
 * parallelism, NonIndexed and Indexed modes, backoffLimit with exponential backoff,
 * activeDeadlineSeconds, suspend, the interim SuccessCriteriaMet/FailureTarget conditions before
 * Complete/Failed, and ttlSecondsAfterFinished (kube's TTL-after-finished controller).
 * Not implemented: podFailurePolicy rules, backoffLimitPerIndex, successPolicy.
 */
export function jobController(ctx: ControllerContext, options: JobControllerOptions = {}): Controller {
  const jobs = ctx.informer(resources.jobs);
  const pods = ctx.informer(resources.pods, { indexers: claimIndexers });
  const expectations = new Expectations(ctx.clock);
  const finalizerExpectations = new UidExpectations();
  const backoffs = new Map<string, BackoffRecord>();
  const events = new EventRecorder(ctx.client, JOB_CONTROLLER, ctx.clock, ctx.logger);

  const jobRef = (pod: Pod): { key: string; uid: string } | undefined => {
    const ref = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (!ref || ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return undefined;
    return { key: `${pod.metadata?.namespace ?? ''}/${ref.name}`, uid: ref.uid };
  };
  /** The key of the cached Job controlling the pod, when it is the one the reference names. */
  const ownerKey = (pod: Pod): string | undefined => {
    const ref = jobRef(pod);
    return ref && jobs.getByKey(ref.key)?.metadata?.uid === ref.uid ? ref.key : undefined;
  };
  const podKeys = (pod: Pod): string[] => {
    const keys: string[] = [];
    const owner = ownerKey(pod);
    if (owner) keys.push(owner);
    else if (!pod.metadata?.ownerReferences?.some((r) => r.controller === true) && !isTerminating(pod)) {
      for (const job of jobs.list(pod.metadata?.namespace ?? '')) if (labelSelectorMatches(job.spec?.selector, pod.metadata?.labels)) keys.push(objectKey(job));
    }
    // A finalizer nobody will remove otherwise: orphaned, or its Job finished or gone.
    if (hasTrackingFinalizer(pod)) {
      const job = owner ? jobs.getByKey(owner) : undefined;
      if (!job || isJobFinished(job)) keys.push(`${ORPHAN_POD_PREFIX}${objectKey(pod)}`);
    }
    return keys;
  };

  pods.addHandler({
    onAdd: (pod) => {
      const key = ownerKey(pod);
      if (!key) return;
      if (isTerminating(pod)) expectations.deletionObserved(key, podKey(pod));
      else expectations.creationObserved(key);
    },
    onUpdate: (old, pod) => {
      const key = ownerKey(pod) ?? ownerKey(old) ?? jobRef(pod)?.key;
      if (!key) return;
      if (isTerminating(pod) && !isTerminating(old)) expectations.deletionObserved(key, podKey(pod));
      if (hasTrackingFinalizer(old) && !hasTrackingFinalizer(pod)) finalizerExpectations.observed(key, pod.metadata?.uid ?? '');
    },
    onDelete: (pod) => {
      const key = ownerKey(pod) ?? jobRef(pod)?.key;
      if (!key) return;
      expectations.deletionObserved(key, podKey(pod));
      finalizerExpectations.observed(key, pod.metadata?.uid ?? '');
    },
  });
  jobs.addHandler({
    onDelete: (job) => {
      const key = objectKey(job);
      expectations.delete(key);
      finalizerExpectations.delete(key);
      backoffs.delete(key);
    },
  });

  const removeOrphanFinalizer = async (key: string, signal: AbortSignal): Promise<void> => {
    const { namespace, name } = splitKey(key);
    const pod = pods.get(namespace, name);
    if (!pod || !hasTrackingFinalizer(pod)) return;
    const ref = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (ref) {
      // Controlled by something else than a Job: not ours to touch.
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = jobs.get(namespace, ref.name);
      if (job && job.metadata?.uid === ref.uid && !isJobFinished(job)) return;
    }
    await removeTrackingFinalizer(ctx, pod, signal);
  };

  const reconcile = async (key: string, signal: AbortSignal): Promise<{ requeueAfterMs: number } | undefined> => {
    if (key.startsWith(ORPHAN_POD_PREFIX)) {
      await removeOrphanFinalizer(key.slice(ORPHAN_POD_PREFIX.length), signal);
      return undefined;
    }
    const job = jobs.getByKey(key);
    if (!job) {
      expectations.delete(key);
      finalizerExpectations.delete(key);
      backoffs.delete(key);
      return undefined;
    }
    const managedBy = (job.spec as { managedBy?: string } | undefined)?.managedBy;
    if (managedBy !== undefined && managedBy !== MANAGED_BY) return undefined;
    if (isJobFinished(job)) return expireIfDue(ctx, job, signal);
    const sync = new JobSync(ctx, events, job, key, signal, {
      expectations,
      finalizerExpectations,
      backoffs,
      pods: claimCandidates(pods, job),
      backoffMs: options.podFailureBackoffMs ?? DEFAULT_POD_FAILURE_BACKOFF_MS,
      maxBackoffMs: options.maxPodFailureBackoffMs ?? MAX_POD_FAILURE_BACKOFF_MS,
    });
    return sync.run();
  };

  const controller = ctx.controller({ name: JOB_CONTROLLER, reconcile, workers: WORKERS });
  controller.watch(jobs);
  controller.watch(pods, { map: podKeys });
  return controller;
}


/** kube's TTL-after-finished controller: a finished Job with ttlSecondsAfterFinished is deleted once it expires. */
async function expireIfDue(ctx: ControllerContext, job: Job, signal: AbortSignal): Promise<{ requeueAfterMs: number } | undefined> {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  const finished = finishTime(job);
  if (ttl === undefined || finished === undefined || isBeingDeleted(job)) return undefined;
  const left = finished + ttl * 1000 - ctx.clock.now();
  if (left > 0) return { requeueAfterMs: left };
  // Check the latest version: the TTL may have been changed meanwhile.
  const fresh = await ctx.client.get(resources.jobs, job.metadata?.name ?? '', { namespace: job.metadata?.namespace, signal });
  if (!fresh || fresh.metadata?.uid !== job.metadata?.uid || isBeingDeleted(fresh) || !isJobFinished(fresh)) return undefined;
  const freshTtl = fresh.spec?.ttlSecondsAfterFinished;
  const freshFinished = finishTime(fresh);
  if (freshTtl === undefined || freshFinished === undefined) return undefined;
  const freshLeft = freshFinished + freshTtl * 1000 - ctx.clock.now();
  if (freshLeft > 0) return { requeueAfterMs: freshLeft };
  try {
    await ctx.client.delete(resources.jobs, fresh.metadata?.name ?? '', {
      namespace: fresh.metadata?.namespace,
      propagationPolicy: 'Foreground',
      preconditions: { ...(fresh.metadata?.resourceVersion !== undefined ? { resourceVersion: fresh.metadata.resourceVersion } : {}) },
      signal,
    });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  return undefined;
}
