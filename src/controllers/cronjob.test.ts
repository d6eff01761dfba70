import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CronJob } from 'kubernetes-types/batch/v1.js';
import { jobNameFor, mostRecentScheduleTime, nextScheduleDelay } from './cronjob.js';
import { parseSchedule } from '../lib/cron.js';

const t = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));

describe('mostRecentScheduleTime and the next delay', () => {
  const cj = (extra: Partial<CronJob['spec']> = {}, lastScheduleTime?: string): CronJob => ({
    metadata: { name: 'cj', creationTimestamp: '2026-01-01T10:00:00Z' },
    spec: { schedule: '*/5 * * * *', jobTemplate: {}, ...extra },
    ...(lastScheduleTime ? { status: { lastScheduleTime } } : {}),
  });
  const schedule = parseSchedule('*/5 * * * *');
  const cases: [string, CronJob, string, boolean, string | undefined, string][] = [
    ['nothing due yet', cj(), '2026-01-01T10:03:00Z', true, undefined, 'none'],
    ['one due', cj(), '2026-01-01T10:07:00Z', true, '2026-01-01T10:05:00Z', 'none'],
    ['two due: the latest', cj(), '2026-01-01T10:12:00Z', true, '2026-01-01T10:10:00Z', 'few'],
    ['past the starting deadline', cj({ startingDeadlineSeconds: 60 }), '2026-01-01T10:12:00Z', true, undefined, 'none'],
    ['already scheduled', cj({}, '2026-01-01T10:05:00Z'), '2026-01-01T10:07:00Z', true, undefined, 'none'],
    ['hundreds missed', cj(), '2026-01-03T10:00:00Z', true, '2026-01-03T10:00:00Z', 'many'],
  ];
  for (const [name, c, now, deadline, expected, missed] of cases) {
    it(name, () => {
      const r = mostRecentScheduleTime(c, t(now), schedule, deadline);
      assert.deepEqual([iso(r.mostRecent), r.missed], [expected, missed]);
    });
  }
  it('waits until just after the next activation', () => {
    assert.equal(nextScheduleDelay(cj({}, '2026-01-01T10:05:00Z'), t('2026-01-01T10:07:00Z'), schedule), 3 * 60_000 + 100);
  });
  it('names jobs by their scheduled minute', () => {
    assert.equal(jobNameFor('tick', t('2026-01-01T00:05:00Z')), 'tick-29453765');
  });
});
