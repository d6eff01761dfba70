import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { activePodsForRemoval } from './job-sync.js';
import { ensureCondition, formatIndexes, isPodFailed, nextBackoffRecord, parseIndexes, pastActiveDeadline, pastBackoffLimitOnFailure, remainingBackoff } from './job-util.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const job = (spec: Partial<NonNullable<Job['spec']>> = {}, status: Job['status'] = {}): Job => ({ spec: { template: {}, ...spec }, status });
const pod = (name: string, phase: string, extra: { finishedAt?: number; deleted?: boolean; restarts?: number; index?: number; ready?: boolean } = {}): Pod => ({
  metadata: {
    name,
    uid: name,
    creationTimestamp: iso(NOW - 60_000),
    ...(extra.deleted ? { deletionTimestamp: iso(NOW) } : {}),
    ...(extra.index !== undefined ? { annotations: { 'batch.kubernetes.io/job-completion-index': String(extra.index) } } : {}),
  },
  status: {
    phase,
    conditions: extra.ready ? [{ type: 'Ready', status: 'True' }] : [],
    containerStatuses: [
      { name: 'c', image: 'i', imageID: '', ready: false, restartCount: extra.restarts ?? 0, ...(extra.finishedAt !== undefined ? { state: { terminated: { exitCode: 0, finishedAt: iso(extra.finishedAt) } } } : {}) },
    ],
  },
});

describe('completed indexes', () => {
  const cases: [number[], string][] = [
    [[], ''],
    [[0], '0'],
    [[0, 1, 2], '0-2'],
    [[5, 1, 3, 2, 7, 8], '1-3,5,7-8'],
  ];
  for (const [indexes, text] of cases) {
    it(text || '(none)', () => {
      assert.equal(formatIndexes(indexes), text);
      assert.deepEqual([...parseIndexes(text, 100)].sort((a, b) => a - b), [...new Set(indexes)].sort((a, b) => a - b));
    });
  }
  it('drops indexes beyond completions and garbage', () => {
    assert.deepEqual([...parseIndexes('1-4,x,9', 3)], [1, 2]);
  });
});

describe('pod failure backoff', () => {
  it('doubles from the base per failure since the last success, capped', () => {
    const cases: [number, number, number][] = [
      [0, 0, 0],
      [1, 0, 10_000],
      [2, 5_000, 15_000],
      [3, 0, 40_000],
      [10, 0, 360_000],
      [1, 20_000, 0],
    ];
    for (const [failures, elapsed, remaining] of cases) {
      assert.equal(remainingBackoff({ failuresAfterLastSuccess: failures, lastFailureTime: NOW - elapsed }, NOW), remaining, `${failures} failures, ${elapsed} ms ago`);
    }
  });
  it('counts new failures, and a success resets to the failures after it', () => {
    let record = nextBackoffRecord(undefined, [], [pod('f1', 'Failed', { finishedAt: NOW - 5000 })], NOW);
    assert.deepEqual(record, { failuresAfterLastSuccess: 1, lastFailureTime: NOW - 5000 });
    record = nextBackoffRecord(record, [], [pod('f2', 'Failed', { finishedAt: NOW - 1000 })], NOW);
    assert.deepEqual(record, { failuresAfterLastSuccess: 2, lastFailureTime: NOW - 1000 });
    record = nextBackoffRecord(record, [pod('s', 'Succeeded', { finishedAt: NOW - 3000 })], [pod('f3', 'Failed', { finishedAt: NOW - 4000 }), pod('f4', 'Failed', { finishedAt: NOW - 2000 })], NOW);
    assert.deepEqual(record, { failuresAfterLastSuccess: 1, lastFailureTime: NOW - 2000 });
    assert.deepEqual(nextBackoffRecord(record, [pod('s2', 'Succeeded', { finishedAt: NOW })], [], NOW), { failuresAfterLastSuccess: 0, lastFailureTime: undefined });
  });
});

describe('failure accounting', () => {
  it('deleted unfinished pods count as failed unless only Failed pods are replaced', () => {
    assert.equal(isPodFailed(pod('a', 'Failed'), job()), true);
    assert.equal(isPodFailed(pod('a', 'Running', { deleted: true }), job()), true);
    assert.equal(isPodFailed(pod('a', 'Succeeded', { deleted: true }), job()), false);
    assert.equal(isPodFailed(pod('a', 'Running', { deleted: true }), job({ podReplacementPolicy: 'Failed' })), false);
  });
  it('OnFailure restarts count against backoffLimit', () => {
    const onFailure = (limit: number): Job => job({ backoffLimit: limit, template: { spec: { restartPolicy: 'OnFailure', containers: [] } } });
    assert.equal(pastBackoffLimitOnFailure(onFailure(2), [pod('a', 'Running', { restarts: 1 }), pod('b', 'Running', { restarts: 1 })]), true);
    assert.equal(pastBackoffLimitOnFailure(onFailure(3), [pod('a', 'Running', { restarts: 2 })]), false);
    assert.equal(pastBackoffLimitOnFailure(onFailure(0), [pod('a', 'Pending', { restarts: 1 })]), true);
    assert.equal(pastBackoffLimitOnFailure(job({ backoffLimit: 0 }), [pod('a', 'Running', { restarts: 5 })]), false);
  });
  it('activeDeadlineSeconds counts from startTime, not while suspended', () => {
    assert.equal(pastActiveDeadline(job({ activeDeadlineSeconds: 10 }, { startTime: iso(NOW - 10_000) }), NOW), true);
    assert.equal(pastActiveDeadline(job({ activeDeadlineSeconds: 10 }, { startTime: iso(NOW - 9_000) }), NOW), false);
    assert.equal(pastActiveDeadline(job({ activeDeadlineSeconds: 10, suspend: true }, { startTime: iso(NOW - 60_000) }), NOW), false);
  });
});

describe('ensureCondition', () => {
  it('adds True conditions, never a new False one, and replaces changed ones', () => {
    let r = ensureCondition([], 'Suspended', 'False', 'JobResumed', 'Job resumed', NOW);
    assert.deepEqual([r.conditions.length, r.changed], [0, false]);
    r = ensureCondition([], 'Suspended', 'True', 'JobSuspended', 'Job suspended', NOW);
    assert.deepEqual([r.conditions.map((c) => c.status), r.changed], [['True'], true]);
    r = ensureCondition(r.conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', NOW);
    assert.deepEqual([r.conditions.map((c) => `${c.status}/${c.reason ?? ''}`), r.changed], [['False/JobResumed'], true]);
    r = ensureCondition(r.conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', NOW + 5);
    assert.equal(r.changed, false);
  });
});

describe('activePodsForRemoval', () => {
  it('Indexed: duplicate and out-of-range indexes go first, the best of a duplicate stays', () => {
    const indexed = job({ completionMode: 'Indexed', completions: 2 });
    const pods = [pod('a0', 'Running', { index: 0, ready: true }), pod('b0', 'Pending', { index: 0 }), pod('c5', 'Running', { index: 5 }), pod('d1', 'Running', { index: 1 })];
    assert.deepEqual(activePodsForRemoval(indexed, pods, 0).map((p) => p.metadata?.name).sort(), ['b0', 'c5']);
    assert.deepEqual(activePodsForRemoval(indexed, pods, 3).map((p) => p.metadata?.name).sort(), ['b0', 'c5', 'd1']);
  });
  it('NonIndexed: the least valuable first', () => {
    const pods = [pod('ready', 'Running', { ready: true }), pod('pending', 'Pending')];
    assert.deepEqual(activePodsForRemoval(job(), pods, 1).map((p) => p.metadata?.name), ['pending']);
  });
});
