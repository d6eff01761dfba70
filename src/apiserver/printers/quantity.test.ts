import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatQuantity, quantityField } from './quantity.js';

describe('formatQuantity (Quantity.String)', () => {
  const cases: [input: string, want: string][] = [
    ['0', '0'],
    ['00', '0'],
    ['-0', '0'],
    ['1', '1'],
    ['1000', '1k'],
    ['-1000', '-1k'],
    ['1024', '1024'],
    ['1000000', '1M'],
    ['128974848', '128974848'],
    ['129M', '129M'],
    ['129e6', '129e6'],
    ['12e2', '1200'],
    ['1e3', '1e3'],
    ['100m', '100m'],
    ['1500m', '1500m'],
    ['2000m', '2'],
    ['0.1', '100m'],
    ['0.5', '500m'],
    ['1.5k', '1500'],
    ['0.0000000001', '1n'],
    ['1Ki', '1Ki'],
    ['8Ki', '8Ki'],
    ['2048Ki', '2Mi'],
    ['1.5Ki', '1536'],
    ['5Gi', '5Gi'],
    ['10Gi', '10Gi'],
    ['1024Mi', '1Gi'],
    ['512Mi', '512Mi'],
    ['123Mi', '123Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['0.5Ki', '512'],
    ['abc', 'abc'],
    ['1Gb', '1Gb'],
    ['', ''],
  ];
  for (const [input, want] of cases) {
    it(`${JSON.stringify(input)} -> ${want}`, () => { assert.equal(formatQuantity(input), want); });
  }
});

describe('quantityField', () => {
  it('reads missing quantities as Go zero values and numbers as their text', () => {
    assert.equal(quantityField(undefined), '0');
    assert.equal(quantityField(2000), '2k');
    assert.equal(quantityField('4Gi'), '4Gi');
  });
});
