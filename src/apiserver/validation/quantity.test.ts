import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalQuantity, compareQuantity, formatQuantity, parseQuantity, QUANTITY_FORMAT_ERROR, QuantityError, quantityMilliValue, quantityValue, roundUpToMilli } from './quantity.js';

describe('canonical quantities', () => {
  const table: [string | number, string][] = [
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['0.5', '500m'],
    ['.5', '500m'],
    ['1.5', '1500m'],
    ['100M', '100M'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['2048Ki', '2Mi'],
    ['1536', '1536'],
    ['1e3', '1e3'],
    ['129e6', '129e6'],
    ['128974848', '128974848'],
    ['0', '0'],
    ['0Mi', '0'],
    ['-1', '-1'],
    ['500Mi', '500Mi'],
    ['10Gi', '10Gi'],
    ['1Ki', '1Ki'],
    ['512', '512'],
    [2, '2'],
    [0.25, '250m'],
    ['1n', '1n'],
    ['100k', '100k'],
  ];
  for (const [input, want] of table) it(`${String(input)} → ${want}`, () => { assert.equal(canonicalQuantity(input), want); });

  it('rounds up to milli for resource lists', () => {
    assert.equal(canonicalQuantity('0.1m', true), '1m');
    assert.equal(canonicalQuantity('1n', true), '1m');
    assert.equal(formatQuantity(roundUpToMilli(parseQuantity('1.0001'))), '1001m');
  });

  it('rejects malformed input', () => {
    for (const bad of ['', 'abc', '1.2.3', '1Q', '--1', '1 Gi']) {
      assert.throws(() => parseQuantity(bad), QuantityError, bad);
      assert.equal(canonicalQuantity(bad), undefined);
    }
    assert.throws(() => parseQuantity('x'), { message: QUANTITY_FORMAT_ERROR });
  });
});

describe('quantity arithmetic', () => {
  it('compares exactly across formats', () => {
    assert.equal(compareQuantity(parseQuantity('1Gi'), parseQuantity('1073741824')), 0);
    assert.ok(compareQuantity(parseQuantity('1G'), parseQuantity('1Gi')) < 0);
    assert.ok(compareQuantity(parseQuantity('2'), parseQuantity('1500m')) > 0);
  });
  it('values round up', () => {
    assert.equal(quantityValue(parseQuantity('1500m')), 2n);
    assert.equal(quantityMilliValue(parseQuantity('1.5')), 1500n);
  });
});
