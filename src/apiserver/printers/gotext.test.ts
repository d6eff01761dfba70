import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goFloat, goJson, jsonPathText } from './gotext.js';

describe('goFloat', () => {
  const cases: [n: number, want: string][] = [
    [0.5, '0.5'],
    [1.25, '1.25'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [1e21, '1e+21'],
    [-2.5e-7, '-2.5e-07'],
  ];
  for (const [n, want] of cases) it(`${n} -> ${want}`, () => { assert.equal(goFloat(n), want); });
});

describe('jsonPathText and goJson', () => {
  const cases: [value: unknown, want: string][] = [
    ['text', 'text'],
    [42, '42'],
    [1e20, '1e+20'],
    [2.5, '2.5'],
    [true, 'true'],
    [null, '<no value>'],
    [{ b: 1, a: ['x', { d: null, c: '<&>' }] }, '{"a":["x",{"c":"\\u003c\\u0026\\u003e","d":null}],"b":1}'],
    [[], '[]'],
  ];
  for (const [value, want] of cases) it(JSON.stringify(value), () => { assert.equal(jsonPathText(value), want); });
  it('escapes like encoding/json', () => { assert.equal(goJson('a\u2028b'), '"a\\u2028b"'); });
});
