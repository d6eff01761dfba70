import type { CronJob, CronJobStatus, Job } from 'kubernetes-types/batch/v1.js';
import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import { isAlreadyExists, isNotFound } from '../api/status.js';
import { describeError, resources } from '../client/index.js';
import type { Controller } from '../runtime/index.js';
import { formatRfc3339InZone, isValidTimeZone, parseSchedule, ScheduleError, type Schedule } from '../lib/cron.js';
import type { ControllerContext } from './shared/context.js';
import { isBeingDeleted } from './shared/metadata.js';
import { rfc3339 } from './shared/time.js';
import { EventRecorder } from './workloads/events.js';
import { controllerRef, isNamespaceTerminating } from './workloads/pod-control.js';
import { timeMs } from './workloads/pods.js';
import { compactStatus, writeStatus } from './workloads/status.js';
import { asError } from './workloads/errors.js';
import { cloneJson } from '../lib/json.js';

export const CRONJOB_CONTROLLER = 'cronjob-controller';
/** kube's --concurrent-cron-job-syncs default. */
const WORKERS = 5;
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** kube's nextScheduleDelta: look a little after the activation. */
const NEXT_SCHEDULE_DELTA_MS = 100;

/**
 * kube's CronJob controller (v2): at each activation of the schedule (standard cron, descriptors,
 * timeZone) a Job `<name>-<minutes since the epoch>` from the job template, within
 * startingDeadlineSeconds; concurrencyPolicy Allow, Forbid or Replace; suspend; the active list,
 * lastScheduleTime and lastSuccessfulTime; finished Jobs beyond the history limits deleted. Time
 * comes from the context's clock, so tests can move it.
 */
export function cronJobController(ctx: ControllerContext): Controller {
  const cronJobs = ctx.informer(resources.cronJobs);
  const jobs = ctx.informer(resources.jobs);
  const events = new EventRecorder(ctx.client, CRONJOB_CONTROLLER, ctx.clock, ctx.logger);

  const jobOwners = (job: Job): string[] => {
    const ref = job.metadata?.ownerReferences?.find((r) => r.controller === true);
    return ref && ref.kind === 'CronJob' && ref.apiVersion.startsWith('batch/') ? [`${job.metadata?.namespace ?? ''}/${ref.name}`] : [];
  };

  const reconcile = async (key: string, signal: AbortSignal): Promise<{ requeueAfterMs: number } | undefined> => {
    const cj = cronJobs.getByKey(key);
    if (!cj) return undefined;
    const children = jobs.list(cj.metadata?.namespace ?? '').filter((j) => j.metadata?.ownerReferences?.some((r) => r.controller === true && r.uid === cj.metadata?.uid));
    const sync = new CronJobSync(ctx, events, cj, children, signal);
    return sync.run();
  };

  const controller = ctx.controller({ name: CRONJOB_CONTROLLER, reconcile, workers: WORKERS });
  controller.watch(cronJobs);
  controller.watch(jobs, { map: jobOwners });
  return controller;
}

/** The job name for an activation: kube's getJobName (minutes since the epoch). */
export function jobNameFor(cronJobName: string, scheduledMs: number): string {
  return `${cronJobName}-${Math.floor(scheduledMs / 60_000)}`;
}

type Missed = 'none' | 'few' | 'many';

/**
 * mostRecentScheduleTime: the latest activation in (earliest, now], where earliest is the last
 * schedule (or creation), moved up to the starting deadline when asked.
 */
export function mostRecentScheduleTime(cj: CronJob, now: number, schedule: Schedule, includeStartingDeadline: boolean): { earliest: number; mostRecent: number | undefined; missed: Missed } {
  let earliest = timeMs(cj.status?.lastScheduleTime) ?? timeMs(cj.metadata?.creationTimestamp) ?? now;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadline && deadline !== undefined) earliest = Math.max(earliest, now - deadline * 1000);
  const t1 = schedule.next(earliest);
  if (t1 === undefined || now < t1) return { earliest, mostRecent: undefined, missed: 'none' };
  const t2 = schedule.next(t1);
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) throw new ScheduleError('time difference between two schedules is less than 1 second');
  const missedCount = Math.floor(Math.floor((now - t1) / 1000) / between) + 1;
  let mostRecent: number | undefined;
  for (let t = schedule.next(t1 + (missedCount - 2) * between * 1000); t !== undefined && t <= now; t = schedule.next(t)) mostRecent = t;
  const missed: Missed = missedCount > 100 ? 'many' : missedCount > 0 ? 'few' : 'none';
  return { earliest, mostRecent, missed };
}

/** nextScheduleTimeDuration: how long until the activation after the most recent one. */
export function nextScheduleDelay(cj: CronJob, now: number, schedule: Schedule): number {
  let r: ReturnType<typeof mostRecentScheduleTime>;
  try {
    r = mostRecentScheduleTime(cj, now, schedule, false);
  } catch {
    return NEXT_SCHEDULE_DELTA_MS;
  }
  const from = r.mostRecent ?? r.earliest;
  const next = schedule.next(from);
  return next === undefined ? 24 * 3_600_000 : Math.max(0, next + NEXT_SCHEDULE_DELTA_MS - now);
}

const isFinished = (job: Job): 'Complete' | 'Failed' | undefined => {
  const c = (job.status?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  return c ? (c.type as 'Complete' | 'Failed') : undefined;
};

/** byJobStartTime: started before not started, earlier first, then by name. */
function byStartTime(a: Job, b: Job): number {
  const ta = timeMs(a.status?.startTime);
  const tb = timeMs(b.status?.startTime);
  if (ta === undefined || tb === undefined) return ta === tb ? 0 : ta === undefined ? 1 : -1;
  if (ta === tb) return (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
  return ta - tb;
}

/** One pass of kube's CronJob sync over one CronJob. */
class CronJobSync {
  private status: CronJobStatus;
  private updateStatus = false;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly events: EventRecorder,
    private readonly cj: CronJob,
    private readonly children: readonly Job[],
    private readonly signal: AbortSignal,
  ) {
    this.status = cloneJson(cj.status ?? {});
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.event(this.cj, 'CronJob', type, reason, message);
  }

  private inActive(uid: string | undefined): boolean {
    return (this.status.active ?? []).some((r) => r.uid === uid);
  }

  private removeFromActive(uid: string | undefined): void {
    this.status.active = (this.status.active ?? []).filter((r) => r.uid !== uid);
  }

  async run(): Promise<{ requeueAfterMs: number } | undefined> {
    await this.cleanupFinishedJobs();
    let requeue: number | undefined;
    let failure: unknown;
    try {
      requeue = await this.syncCronJob();
    } catch (e) {
      if (this.signal.aborted) throw e;
      failure = e;
    }
    if (this.updateStatus) {
      const status = compactStatus<CronJobStatus>(this.status);
      await writeStatus(this.ctx.client, resources.cronJobs, this.cj, status, this.signal, { retryOnConflict: false });
    }
    if (requeue !== undefined) return { requeueAfterMs: requeue };
    if (failure !== undefined) throw asError(failure);
    return undefined;
  }

  /** cleanupFinishedJobs: only the newest finished Jobs within the history limits stay. */
  private async cleanupFinishedJobs(): Promise<void> {
    const { successfulJobsHistoryLimit, failedJobsHistoryLimit } = this.cj.spec ?? { schedule: '', jobTemplate: {} };
    const successful = this.children.filter((j) => isFinished(j) === 'Complete');
    const failed = this.children.filter((j) => isFinished(j) === 'Failed');
    if (successfulJobsHistoryLimit !== undefined) await this.removeOldest(successful, successfulJobsHistoryLimit);
    if (failedJobsHistoryLimit !== undefined) await this.removeOldest(failed, failedJobsHistoryLimit);
  }

  private async removeOldest(jobs: Job[], keep: number): Promise<void> {
    const excess = jobs.length - keep;
    if (excess <= 0) return;
    for (const job of [...jobs].sort(byStartTime).slice(0, excess)) await this.deleteJob(job);
  }

  private async deleteJob(job: Job): Promise<boolean> {
    try {
      await this.ctx.client.delete(resources.jobs, job.metadata?.name ?? '', { namespace: job.metadata?.namespace, propagationPolicy: 'Background', signal: this.signal });
    } catch (e) {
      if (!isNotFound(e)) {
        this.event('Warning', 'FailedDelete', `Deleted job: ${describeError(e)}`);
        return false;
      }
    }
    this.removeFromActive(job.metadata?.uid);
    this.updateStatus = true;
    this.event('Normal', 'SuccessfulDelete', `Deleted job ${job.metadata?.name ?? ''}`);
    return true;
  }

  /** syncCronJob: the active list, then at most one new Job; returns when to look again. */
  private async syncCronJob(): Promise<number | undefined> {
    const cj = this.cj;
    const now = this.ctx.clock.now();
    const childUids = new Set(this.children.map((j) => j.metadata?.uid));
    for (const job of this.children) {
      const found = this.inActive(job.metadata?.uid);
      const finished = isFinished(job);
      if (!found && !finished) {
        // The cached CronJob may predate the status update that listed this Job.
        const fresh = await this.ctx.client.get(resources.cronJobs, cj.metadata?.name ?? '', { namespace: cj.metadata?.namespace, signal: this.signal });
        if (fresh && fresh.metadata?.uid === cj.metadata?.uid && (fresh.status?.active ?? []).some((r) => r.uid === job.metadata?.uid)) {
          this.status = cloneJson(fresh.status ?? {});
          continue;
        }
        this.event('Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata?.name ?? ''}`);
      } else if (found && finished) {
        this.removeFromActive(job.metadata?.uid);
        this.updateStatus = true;
        this.event('Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata?.name ?? ''}, condition: ${finished}`);
      } else if (finished === 'Complete') {
        const completed = timeMs(job.status?.completionTime);
        const last = timeMs(this.status.lastSuccessfulTime);
        if (completed !== undefined && (last === undefined || completed > last)) {
          this.status.lastSuccessfulTime = job.status?.completionTime;
          this.updateStatus = true;
        }
      }
    }
    // Jobs in the active list that are gone: checked against the server, the cache may lag.
    for (const ref of [...(this.status.active ?? [])]) {
      if (childUids.has(ref.uid)) continue;
      const job = await this.ctx.client.get(resources.jobs, ref.name ?? '', { namespace: ref.namespace, signal: this.signal });
      if (!job || job.metadata?.uid !== ref.uid) {
        this.event('Normal', 'MissingJob', `Active job went missing: ${ref.name ?? ''}`);
        this.removeFromActive(ref.uid);
        this.updateStatus = true;
      }
    }
    if (isBeingDeleted(cj)) return undefined;
    const zone = cj.spec?.timeZone ?? undefined;
    if (zone !== undefined && !isValidTimeZone(zone)) {
      this.event('Warning', 'UnknownTimeZone', `invalid timeZone: "${zone}": unknown time zone ${zone}`);
      return undefined;
    }
    if (cj.spec?.suspend === true) return undefined;
    const text = cj.spec?.schedule ?? '';
    if (text.includes('TZ')) this.event('Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule "${text}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);
    let schedule: Schedule;
    try {
      schedule = parseSchedule(text, text.includes('TZ') ? undefined : zone);
    } catch (e) {
      this.event('Warning', 'UnparseableSchedule', `unparseable schedule: "${text}" : ${describeError(e)}`);
      return undefined;
    }
    let scheduled: number | undefined;
    try {
      const r = mostRecentScheduleTime(cj, now, schedule, true);
      if (r.missed === 'many') this.event('Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
      scheduled = r.mostRecent !== undefined && r.mostRecent <= now ? r.mostRecent : undefined;
    } catch (e) {
      this.event('Warning', 'InvalidSchedule', `invalid schedule: ${text} : ${describeError(e)}`);
      return undefined;
    }
    const next = (): number => nextScheduleDelay({ ...cj, status: this.status }, now, schedule);
    if (scheduled === undefined) return next();

    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined && scheduled + deadline * 1000 < now) {
      this.event('Warning', 'MissSchedule', `Missed scheduled time to start a job: ${new Date(scheduled).toUTCString().replace('GMT', '+0000')}`);
      return next();
    }
    const name = jobNameFor(cj.metadata?.name ?? '', scheduled);
    if ((this.status.active ?? []).some((r) => r.name === name) || timeMs(this.status.lastScheduleTime) === scheduled) return next();
    if (cj.spec?.concurrencyPolicy === 'Forbid' && (this.status.active ?? []).length > 0) {
      this.event('Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return next();
    }
    if (cj.spec?.concurrencyPolicy === 'Replace') {
      for (const ref of [...(this.status.active ?? [])]) {
        const job = await this.ctx.client.get(resources.jobs, ref.name ?? '', { namespace: ref.namespace, signal: this.signal });
        if (!job) continue;
        if (!(await this.deleteJob(job))) throw new Error(`could not replace job ${ref.namespace ?? ''}/${ref.name ?? ''}`);
      }
    }

    const request = this.jobFor(name, scheduled, zone);
    let job: Job;
    try {
      job = await this.ctx.client.create(resources.jobs, request, { signal: this.signal });
      this.event('Normal', 'SuccessfulCreate', `Created job ${job.metadata?.name ?? ''}`);
    } catch (e) {
      if (isNamespaceTerminating(e)) throw e;
      if (!isAlreadyExists(e)) {
        this.event('Warning', 'FailedCreate', `Error creating job: ${describeError(e)}`);
        throw e;
      }
      // Made earlier by us (whose status update was lost) or by someone else.
      const existing = await this.ctx.client.get(resources.jobs, name, { namespace: cj.metadata?.namespace, signal: this.signal });
      if (!existing) throw e;
      const owned = existing.metadata?.ownerReferences?.some((r) => r.controller === true && r.uid === cj.metadata?.uid);
      if (!owned || this.inActive(existing.metadata?.uid)) return undefined;
      job = existing;
    }
    this.status.active = [...(this.status.active ?? []), jobReference(job)];
    this.status.lastScheduleTime = rfc3339(scheduled);
    this.updateStatus = true;
    return next();
  }

  /** getJobFromTemplate2: the template's labels and annotations, the scheduled-time annotation, our ownership. */
  private jobFor(name: string, scheduled: number, zone: string | undefined): Job {
    const cj = this.cj;
    const template = cj.spec?.jobTemplate;
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata?.namespace,
        labels: { ...(template?.metadata?.labels ?? {}) },
        annotations: { ...(template?.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: formatRfc3339InZone(scheduled, zone) },
        ownerReferences: [controllerRef({ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata?.name ?? '', uid: cj.metadata?.uid ?? '' })],
      },
      spec: cloneJson(template?.spec ?? { template: {} }),
    };
  }
}

function jobReference(job: Job): ObjectReference {
  return {
    kind: 'Job',
    namespace: job.metadata?.namespace,
    name: job.metadata?.name,
    uid: job.metadata?.uid,
    apiVersion: 'batch/v1',
    resourceVersion: job.metadata?.resourceVersion,
  };
}

