import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { goFormat, goTypeName, goTypeOf, jsonEqual } from './json-value.js';

describe('goFormat', () => {
  // What Go's fmt prints for decoded JSON, which kube's error messages contain.
  const table: [unknown, 'v' | 's', string][] = [
    ['a', 'v', 'a'],
    [null, 'v', '<nil>'],
    [null, 's', '%!s(<nil>)'],
    [80, 'v', '80'],
    [80, 's', '%!s(int64=80)'],
    [-3, 'v', '-3'],
    [0.5, 'v', '0.5'],
    [0.5, 's', '%!s(float64=0.5)'],
    [1234567.5, 'v', '1.2345675e+06'],
    [123456.5, 'v', '123456.5'],
    [0.00001234, 'v', '1.234e-05'],
    [0.0001234, 'v', '0.0001234'],
    [true, 'v', 'true'],
    [false, 's', '%!s(bool=false)'],
    [[], 'v', '[]'],
    [['a', 1, null], 'v', '[a 1 <nil>]'],
    [{ name: 'x', image: 'i', ports: [{ containerPort: 80 }] }, 'v', 'map[image:i name:x ports:[map[containerPort:80]]]'],
    [{ b: 1, a: true }, 's', 'map[a:%!s(bool=true) b:%!s(int64=1)]'],
    [{}, 'v', 'map[]'],
  ];
  for (const [value, verb, want] of table) {
    it(`%${verb} of ${JSON.stringify(value)}`, () => {
      assert.equal(goFormat(value, verb), want);
    });
  }
});

describe('goTypeOf', () => {
  it('names decoded JSON values as Go types', () => {
    assert.deepStrictEqual(
      [{}, [], 's', 1, 1.5, true, null].map((v) => goTypeName(goTypeOf(v))),
      ['map[string]interface {}', '[]interface {}', 'string', 'int64', 'float64', 'bool', '%!s(<nil>)'],
    );
  });
});

describe('jsonEqual', () => {
  const table: [unknown, unknown, boolean][] = [
    [{ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [{ a: undefined }, { b: undefined }, false],
    [[1, 2], [2, 1], false],
    [[], {}, false],
    [{}, [], false],
    [null, {}, false],
    ['1', 1, false],
    [0, -0, true],
  ];
  for (const [a, b, want] of table) {
    it(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`, () => {
      assert.equal(jsonEqual(a, b), want);
      assert.equal(jsonEqual(b, a), want);
    });
  }
});
