import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRfc3339Utc, humanDuration, parseTimestamp, timestampSince } from './duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration', () => {
  const cases: [ms: number, want: string][] = [
    [-2100, '<invalid>'],
    [-1900, '0s'],
    [-500, '0s'],
    [0, '0s'],
    [999, '0s'],
    [59 * S, '59s'],
    [30 * S, '30s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [5 * M, '5m'],
    [5 * M + 30 * S, '5m30s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [100 * M, '100m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [3 * H + 20 * M, '3h20m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [2 * D + 3 * H, '2d3h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [90 * D, '90d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [730 * D + 45 * D, '2y45d'],
    [8 * 365 * D, '8y'],
    [10 * 365 * D, '10y'],
  ];
  for (const [ms, want] of cases) {
    it(`${ms}ms -> ${want}`, () => { assert.equal(humanDuration(ms), want); });
  }
});

describe('timestampSince', () => {
  const now = new Date('2024-06-01T12:00:00Z');
  const cases: [value: unknown, want: string][] = [
    ['2024-06-01T11:55:00Z', '5m'],
    ['2024-06-01T11:59:30.123456Z', '29s'],
    ['2024-06-01T13:55:00+02:00', '5m'],
    ['2024-05-30T09:00:00Z', '2d3h'],
    ['2024-06-01T12:00:01Z', '0s'],
    ['2024-06-01T12:00:05Z', '<invalid>'],
    [undefined, '<unknown>'],
    [null, '<unknown>'],
    ['', '<unknown>'],
    ['0001-01-01T00:00:00Z', '<unknown>'],
    ['yesterday', '<unknown>'],
    [1717243200, '<unknown>'],
  ];
  for (const [value, want] of cases) {
    it(`${JSON.stringify(value)} -> ${want}`, () => { assert.equal(timestampSince(value, now), want); });
  }
});

describe('parseTimestamp and formatRfc3339Utc', () => {
  it('reads RFC 3339 with offsets and fractions', () => {
    assert.equal(parseTimestamp('2024-06-01T14:00:00+02:00'), Date.parse('2024-06-01T12:00:00Z'));
    assert.equal(parseTimestamp('2024-06-01 12:00:00'), undefined);
  });
  it('prints UTC to the second, Go zero time when unset', () => {
    assert.equal(formatRfc3339Utc('2024-06-01T14:00:00.999+02:00'), '2024-06-01T12:00:00Z');
    assert.equal(formatRfc3339Utc(undefined), '0001-01-01T00:00:00Z');
  });
});
