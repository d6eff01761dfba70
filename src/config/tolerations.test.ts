import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseToleration } from './tolerations.js';

describe('enforceTolerations entries', () => {
  const valid = [
    { spec: '*', toleration: { operator: 'Exists' } },
    { spec: 'node.kubernetes.io/special=:NoSchedule', toleration: { key: 'node.kubernetes.io/special', operator: 'Equal', value: '', effect: 'NoSchedule' } },
    { spec: 'dedicated=gpu:NoExecute', toleration: { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoExecute' } },
    { spec: 'dedicated:PreferNoSchedule', toleration: { key: 'dedicated', operator: 'Exists', effect: 'PreferNoSchedule' } },
    { spec: ':NoSchedule', toleration: { operator: 'Exists', effect: 'NoSchedule' } },
    { spec: 'dedicated:', toleration: { key: 'dedicated', operator: 'Exists' } },
    { spec: 'dedicated=gpu', toleration: { key: 'dedicated', value: 'gpu' } },
    { spec: 'dedicated', toleration: { key: 'dedicated' } },
  ];
  for (const v of valid) {
    it(`${v.spec} parses`, () => {
      assert.deepEqual(parseToleration(v.spec), { ok: true, toleration: v.toleration });
    });
  }
  const invalid = ['a:b:NoSchedule', 'a=b=c:NoSchedule', 'a:Sometimes', 'a=b c:NoSchedule', 'bad key!:NoSchedule', '=v:NoSchedule', '', `a=${'x'.repeat(64)}`];
  for (const spec of invalid) {
    it(`${JSON.stringify(spec)} is refused`, () => {
      const result = parseToleration(spec);
      assert.ok(!result.ok);
      assert.match(result.error, /^invalid toleration/);
    });
  }
});
