/** Printers of the batch group. */
import { CONTAINERS_DESCRIPTION, IMAGES_DESCRIPTION, age, ageColumn, column, nameColumn, wide } from './columns.js';
import { doc } from './descriptions.js';
import { humanDuration, parseTimestamp, timestampSince } from './duration.js';
import { boolPtr, containerCells } from './format.js';
import { at, hasDeletionTimestamp, int, list, name, obj, objects, optInt, optStr } from './json.js';
import { formatLabelSelector } from './labels.js';
import type { GroupPrinters, Json, Printer } from './types.js';

/** The status of the first condition of `type`, read as a boolean (`hasJobCondition`). */
function hasCondition(status: Json, type: string): boolean {
  const c = objects(status['conditions']).find((cond) => cond['type'] === type);
  return c?.['status'] === 'True';
}

function jobStatus(o: Json, status: Json): string {
  if (hasCondition(status, 'Complete')) return 'Complete';
  if (hasCondition(status, 'Failed')) return 'Failed';
  if (hasDeletionTimestamp(o)) return 'Terminating';
  if (hasCondition(status, 'Suspended')) return 'Suspended';
  if (hasCondition(status, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(spec: Json, status: Json): string {
  const succeeded = int(status['succeeded']);
  const wanted = optInt(spec['completions']);
  if (wanted !== undefined) return `${succeeded}/${wanted}`;
  const parallelism = int(spec['parallelism']);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(status: Json, now: Date): string {
  const start = parseTimestamp(status['startTime']);
  if (start === undefined) return '';
  const end = parseTimestamp(status['completionTime']);
  return humanDuration((end ?? now.getTime()) - start);
}

const job: Printer = {
  columns: [
    nameColumn,
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', doc.jobStatusSucceeded),
    column('Duration', 'string', 'Time required to complete the job.'),
    ageColumn,
    wide('Containers', 'string', CONTAINERS_DESCRIPTION),
    wide('Images', 'string', IMAGES_DESCRIPTION),
    wide('Selector', 'string', doc.jobSpecSelector),
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const status = obj(o['status']);
    const [names, images] = containerCells(at(spec, 'template', 'spec', 'containers'));
    return {
      cells: [
        name(o), jobStatus(o, status), completions(spec, status), jobDuration(status, now), age(o, now),
        names, images, formatLabelSelector(spec['selector']),
      ],
    };
  },
};

const cronJob: Printer = {
  columns: [
    nameColumn,
    column('Schedule', 'string', doc.cronJobSpecSchedule),
    column('Timezone', 'string', doc.cronJobSpecTimeZone),
    column('Suspend', 'boolean', doc.cronJobSpecSuspend),
    column('Active', 'integer', doc.cronJobStatusActive),
    column('Last Schedule', 'string', doc.cronJobStatusLastScheduleTime),
    ageColumn,
    wide('Containers', 'string', CONTAINERS_DESCRIPTION),
    wide('Images', 'string', IMAGES_DESCRIPTION),
    wide('Selector', 'string', doc.jobSpecSelector),
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const status = obj(o['status']);
    const jobSpec = obj(at(spec, 'jobTemplate', 'spec'));
    const [names, images] = containerCells(at(jobSpec, 'template', 'spec', 'containers'));
    const lastSchedule = status['lastScheduleTime'];
    return {
      cells: [
        name(o), optStr(spec['schedule']) ?? '', optStr(spec['timeZone']) ?? '<none>', boolPtr(spec['suspend']),
        list(status['active']).length,
        lastSchedule === undefined || lastSchedule === null ? '<none>' : timestampSince(lastSchedule, now),
        age(o, now), names, images, formatLabelSelector(jobSpec['selector']),
      ],
    };
  },
};

export const batchPrinters: GroupPrinters = {
  group: 'batch',
  kinds: { Job: job, CronJob: cronJob },
};
