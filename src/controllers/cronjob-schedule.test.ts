import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CronJob } from 'kubernetes-types/batch/v1.js';
import { jobNameFor, mostRecentScheduleTime, nextScheduleDelay } from './cronjob.js';
import { formatRfc3339InZone, parseGoDuration, parseSchedule, ScheduleError } from './cronjob-schedule.js';

const t = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));

describe('parseSchedule(...).next', () => {
  // [schedule, timeZone, from, expected next activation]
  const cases: [string, string | undefined, string, string | undefined][] = [
    ['*/5 * * * *', undefined, '2026-01-01T00:00:00Z', '2026-01-01T00:05:00Z'],
    ['*/5 * * * *', undefined, '2026-01-01T00:04:59.5Z', '2026-01-01T00:05:00Z'],
    ['0 * * * *', undefined, '2026-01-01T00:30:00Z', '2026-01-01T01:00:00Z'],
    ['@hourly', undefined, '2026-01-01T00:30:00Z', '2026-01-01T01:00:00Z'],
    ['@daily', undefined, '2026-01-01T10:00:00Z', '2026-01-02T00:00:00Z'],
    ['@midnight', undefined, '2026-01-01T10:00:00Z', '2026-01-02T00:00:00Z'],
    ['@weekly', undefined, '2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z'],
    ['@monthly', undefined, '2026-01-15T00:00:00Z', '2026-02-01T00:00:00Z'],
    ['@yearly', undefined, '2026-03-01T00:00:00Z', '2027-01-01T00:00:00Z'],
    ['@annually', undefined, '2026-03-01T00:00:00Z', '2027-01-01T00:00:00Z'],
    ['30 6-16/4 * * 1-5', undefined, '2026-01-01T07:00:00Z', '2026-01-01T10:30:00Z'],
    ['0 9 * * mon,WED', undefined, '2026-01-01T00:00:00Z', '2026-01-05T09:00:00Z'],
    // Day of month or day of week when both are restricted: the 13th or a Friday.
    ['0 0 13 * 5', undefined, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'],
    ['0 0 13 * *', undefined, '2026-01-01T00:00:00Z', '2026-01-13T00:00:00Z'],
    ['0 12 * jan-mar ?', undefined, '2026-03-31T13:00:00Z', '2027-01-01T12:00:00Z'],
    ['5/15 * * * *', undefined, '2026-01-01T00:06:00Z', '2026-01-01T00:20:00Z'],
    ['59 23 31 12 *', undefined, '2026-12-31T23:59:30Z', '2027-12-31T23:59:00Z'],
    ['0 0 29 2 *', undefined, '2026-01-01T00:00:00Z', '2028-02-29T00:00:00Z'],
    ['0 0 31 2 *', undefined, '2026-01-01T00:00:00Z', undefined],
    ['0 9 * * *', 'America/New_York', '2026-01-01T00:00:00Z', '2026-01-01T14:00:00Z'],
    ['0 9 * * *', 'America/New_York', '2026-07-01T00:00:00Z', '2026-07-01T13:00:00Z'],
    ['TZ=Asia/Tokyo 0 9 * * *', undefined, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'],
    ['CRON_TZ=Europe/Berlin 0 0 1 * *', 'UTC', '2026-01-15T00:00:00Z', '2026-01-31T23:00:00Z'],
    ['@every 90s', undefined, '2026-01-01T12:00:00.500Z', '2026-01-01T12:01:30Z'],
  ];
  for (const [schedule, zone, from, expected] of cases) {
    it(`${schedule}${zone ? ` (${zone})` : ''} after ${from}`, () => {
      assert.equal(iso(parseSchedule(schedule, zone).next(t(from))), expected);
    });
  }

  const invalid = ['* * * *', '61 * * * *', '@fortnightly', '*/0 * * * *', '5-1 * * * *', '* * * * 7', 'TZ=Nowhere/Else * * * * *', '1,x * * * *', '1-2-3 * * * *'];
  for (const schedule of invalid) {
    it(`rejects "${schedule}"`, () => {
      assert.throws(() => parseSchedule(schedule), ScheduleError);
    });
  }
});

describe('parseGoDuration', () => {
  const cases: [string, number][] = [
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['500ms', 500],
    ['0', 0],
  ];
  for (const [text, ms] of cases) {
    it(text, () => {
      assert.equal(parseGoDuration(text), ms);
    });
  }
  it('rejects garbage', () => {
    assert.throws(() => parseGoDuration('5 minutes'), ScheduleError);
  });
});

describe('formatRfc3339InZone', () => {
  it('writes the zone offset kube writes in the scheduled-timestamp annotation', () => {
    assert.equal(formatRfc3339InZone(t('2026-01-01T14:00:00Z'), 'America/New_York'), '2026-01-01T09:00:00-05:00');
    assert.equal(formatRfc3339InZone(t('2026-01-01T14:00:00Z'), undefined), '2026-01-01T14:00:00Z');
    assert.equal(formatRfc3339InZone(t('2026-01-01T00:00:00Z'), 'Asia/Kolkata'), '2026-01-01T05:30:00+05:30');
  });
});

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
