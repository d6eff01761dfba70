import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLabelSelector, formatLabels, labelSelectorGoString, selectorString } from './labels.js';

describe('formatLabels', () => {
  const cases: [labels: unknown, want: string][] = [
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ foo: 'bar' }, 'foo=bar'],
    [{ b: '2', a: '1' }, 'a=1,b=2'],
    // kube sorts the joined pairs, not the keys: '-' sorts before '='.
    [{ a: '2', 'a-b': '1' }, 'a-b=1,a=2'],
  ];
  for (const [labels, want] of cases) {
    it(`${JSON.stringify(labels)} -> ${want}`, () => { assert.equal(formatLabels(labels), want); });
  }
});

describe('formatLabelSelector and selectorString', () => {
  const cases: [selector: unknown, formatted: string, plain: string | undefined][] = [
    [undefined, '<none>', ''],
    [{}, '<none>', ''],
    [{ matchLabels: { app: 'web', tier: 'fe' } }, 'app=web,tier=fe', 'app=web,tier=fe'],
    [
      {
        matchLabels: { z: '1' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'gpu', operator: 'Exists' },
          { key: 'arch', operator: 'NotIn', values: ['arm'] },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      },
      'arch notin (arm),env in (dev,prod),gpu,!legacy,z=1',
      'arch notin (arm),env in (dev,prod),gpu,!legacy,z=1',
    ],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, '<error>', undefined],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, '<error>', undefined],
    [{ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, '<error>', undefined],
    [{ matchLabels: { 'bad key!': 'v' } }, '<error>', undefined],
  ];
  for (const [selector, formatted, plain] of cases) {
    it(JSON.stringify(selector), () => {
      assert.equal(formatLabelSelector(selector), formatted);
      assert.equal(selectorString(selector), plain);
    });
  }
});

describe('labelSelectorGoString', () => {
  it('prints the protobuf String() form', () => {
    assert.equal(
      labelSelectorGoString({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'k', operator: 'In', values: ['x', 'y'] }] }),
      '&LabelSelector{MatchLabels:map[string]string{a: 1,b: 2,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:k,Operator:In,Values:[x y],},},}',
    );
    assert.equal(labelSelectorGoString(undefined), 'nil');
  });
});
