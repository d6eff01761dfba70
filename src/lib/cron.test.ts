import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRfc3339InZone, parseGoDuration, parseSchedule, ScheduleError } from './cron.js';

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

describe('parseSchedule errors (robfig ParseStandard texts, as API validation reports them)', () => {
  const table: [string, string | undefined][] = [
    ['0 0 1 1 *', undefined],
    ['*/15 9-17 * * 1-5', undefined],
    ['@yearly', undefined],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['@bogus', 'unrecognized descriptor: @bogus'],
    ['', 'empty spec string'],
    ['-1 * * * *', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ['*/-1 * * * *', 'negative number (-1) not allowed: -1'],
    ['1-70 * * * *', 'end of range (70) above maximum (59): 1-70'],
    ['1,,2 * * * *', undefined],
    ['TZ=UTC', 'expected exactly 5 fields, found 0: []'],
    ['TZ=Mars/Olympus 0 * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
    ['@every 5x', 'failed to parse duration @every 5x: time: invalid duration "5x"'],
    [' @daily', 'expected exactly 5 fields, found 1: [@daily]'],
  ];
  for (const [spec, want] of table) {
    it(spec, () => {
      if (want === undefined) assert.doesNotThrow(() => { parseSchedule(spec); });
      else assert.throws(() => { parseSchedule(spec); }, { message: want });
    });
  }
});
