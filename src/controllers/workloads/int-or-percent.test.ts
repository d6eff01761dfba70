import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IntOrPercentError, scaledValue } from './int-or-percent.js';

describe('scaledValue (intstr.GetScaledValueFromIntOrPercent)', () => {
  const cases: [number | string | undefined, number, boolean, number][] = [
    [3, 10, true, 3],
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['25%', 4, false, 1],
    ['0%', 10, true, 0],
    ['100%', 7, false, 7],
    ['33%', 3, true, 1],
    ['33%', 3, false, 0],
    [undefined, 10, true, 0],
  ];
  for (const [value, total, up, expected] of cases) {
    it(`${String(value)} of ${total} rounded ${up ? 'up' : 'down'} is ${expected}`, () => {
      assert.equal(scaledValue(value, total, up), expected);
    });
  }
  it('rejects a string that is not a percentage', () => {
    assert.throws(() => scaledValue('25', 10, true), IntOrPercentError);
    assert.throws(() => scaledValue('x%', 10, true), IntOrPercentError);
  });
});
