import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes, isQuantity, quantityMilliValue, quantityValue, QuantityError } from './quantity.js';

describe('quantities', () => {
  const cases: [string | number, number, number][] = [
    ['100m', 1, 100],
    ['0.1', 1, 100],
    ['1', 1, 1000],
    ['1.5', 2, 1500],
    ['2', 2, 2000],
    [4, 4, 4000],
    ['1Ki', 1024, 1024000],
    ['1Gi', 2 ** 30, 2 ** 30 * 1000],
    ['128Mi', 128 * 2 ** 20, 128 * 2 ** 20 * 1000],
    ['1G', 1e9, 1e12],
    ['1k', 1000, 1e6],
    ['1e3', 1000, 1e6],
    ['1E-3', 1, 1],
    ['250n', 1, 1],
    ['0', 0, 0],
    ['.5', 1, 500],
    ['110', 110, 110000],
  ];
  for (const [q, value, milli] of cases) {
    it(`${String(q)} → ${value} / ${milli}m`, () => {
      assert.equal(quantityValue(q), value);
      assert.equal(quantityMilliValue(q), milli);
    });
  }
  for (const bad of ['', 'abc', '1x', '1.2.3', 'Gi', '--1']) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      assert.throws(() => quantityValue(bad), QuantityError);
      assert.equal(isQuantity(bad), false);
    });
  }
  it('formats bytes', () => {
    assert.equal(formatBytes(2 * 2 ** 30), '2Gi');
    assert.equal(formatBytes(1536 * 2 ** 20), '1536Mi');
    assert.equal(formatBytes(1000), '1000');
    assert.equal(formatBytes(0), '0');
  });
});
