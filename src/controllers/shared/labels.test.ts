import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { labelSelectorMatches, mapSelectorMatches } from './labels.js';

describe('mapSelectorMatches', () => {
  const cases: [string, Record<string, string> | undefined, Record<string, string> | undefined, boolean][] = [
    ['all pairs match', { app: 'web' }, { app: 'web', tier: 'x' }, true],
    ['a value differs', { app: 'web' }, { app: 'db' }, false],
    ['no labels', { app: 'web' }, undefined, false],
    ['an empty selector selects nothing', {}, { app: 'web' }, false],
    ['no selector selects nothing', undefined, { app: 'web' }, false],
  ];
  for (const [name, selector, labels, want] of cases) {
    it(name, () => {
      assert.equal(mapSelectorMatches(selector, labels), want);
    });
  }
});

describe('labelSelectorMatches', () => {
  const labels = { app: 'web', tier: 'front' };
  const cases: [string, LabelSelector | undefined, boolean][] = [
    ['empty selects everything', {}, true],
    ['absent selects nothing', undefined, false],
    ['matchLabels', { matchLabels: { app: 'web' } }, true],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, true],
    ['NotIn', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, false],
    ['NotIn of a missing key', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    ['unknown operator', { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }, false],
  ];
  for (const [name, selector, want] of cases) {
    it(name, () => {
      assert.equal(labelSelectorMatches(selector, labels), want);
    });
  }
});
