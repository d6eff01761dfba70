import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cloneJson, jsonEqual } from './json.js';

const viaText = (v: unknown): unknown => {
  const text = JSON.stringify(v) as string | undefined;
  return text === undefined ? undefined : JSON.parse(text);
};

const document = JSON.parse(readFileSync(new URL('../syncer/names-vectors.json', import.meta.url), 'utf8')) as unknown;

describe('cloneJson', () => {
  // [what, value]: the copy must equal JSON.parse(JSON.stringify(value)), key order included.
  const cases: [string, unknown][] = [
    ['string', 'a'],
    ['number', 1.5],
    ['boolean', false],
    ['null', null],
    ['top-level undefined', undefined],
    ['NaN and Infinity become null', { a: NaN, b: [Infinity, -Infinity] }],
    ['undefined, functions and symbols are dropped from objects', { a: undefined, b: () => 1, c: Symbol('s'), d: 1 }],
    ['… and become null in arrays', [undefined, () => 1, Symbol('s'), 2]],
    ['Date through toJSON', { at: new Date(Date.UTC(2026, 10, 22, 12, 0, 0)) }],
    ['own toJSON', { a: { toJSON: (key: string) => `key=${key}` } }],
    ['toJSON key of an array element', [{ toJSON: (key: string) => `key=${key}` }]],
    ['integer-like keys first, as both orders them', { b: 1, 2: 'two', a: 0, 1: 'one' }],
    ['nested lists and maps', { metadata: { labels: { app: 'x' }, ownerReferences: [{ uid: 'u', controller: true }] }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } }],
    ['empty containers', { a: {}, b: [], c: [[]], d: [{}] }],
    ['a key named __proto__ stays a key', JSON.parse('{"__proto__": {"polluted": true}, "x": 1}')],
    ['a large real document', document],
  ];
  for (const [what, value] of cases) {
    it(what, () => {
      const copied = cloneJson(value);
      assert.deepEqual(copied, viaText(value));
      assert.equal(JSON.stringify(copied), JSON.stringify(value));
    });
  }

  it('shares nothing with the original', () => {
    const original = { a: { b: [{ c: 1 }] } };
    const copied = cloneJson(original);
    copied.a.b[0]!.c = 2;
    assert.equal(original.a.b[0]!.c, 1);
  });

  it('does not set the prototype of the copy from a __proto__ key', () => {
    const copied = cloneJson(JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>);
    assert.equal(Object.getPrototypeOf(copied), Object.prototype);
    assert.equal((copied as { polluted?: unknown }).polluted, undefined);
    assert.deepEqual(Object.keys(copied), ['__proto__']);
  });

  it('refuses a BigInt as JSON.stringify does', () => {
    assert.throws(() => cloneJson({ n: 1n }), TypeError);
  });
});

describe('jsonEqual', () => {
  // [what, a, b, equal]
  const cases: [string, unknown, unknown, boolean][] = [
    ['same primitives', 'a', 'a', true],
    ['different primitives', 1, 2, false],
    ['number and string', 1, '1', false],
    ['null and object', null, {}, false],
    ['null and null', null, null, true],
    ['undefined key is a missing key', { a: 1, b: undefined }, { a: 1 }, true],
    ['… on either side', { a: 1 }, { a: 1, b: undefined }, true],
    ['missing vs null', { a: null }, {}, false],
    ['key order does not matter', { a: 1, b: 2 }, { b: 2, a: 1 }, true],
    ['array order matters', [1, 2], [2, 1], false],
    ['array length', [1], [1, 1], false],
    ['array vs object with index keys', [1], { 0: 1 }, false],
    ['object vs array', { 0: 1 }, [1], false],
    ['nested difference', { spec: { containers: [{ name: 'a' }] } }, { spec: { containers: [{ name: 'b' }] } }, false],
    ['nested equal', { spec: { containers: [{ name: 'a', ports: [] }] } }, { spec: { containers: [{ name: 'a', ports: [] }] } }, true],
    ['extra key on the right', { a: 1 }, { a: 1, c: 3 }, false],
    ['same key count, different keys', { a: 1, b: undefined }, { c: 1 }, false],
    ['a large document and its copy', document, viaText(document), true],
  ];
  for (const [what, a, b, equal] of cases) {
    it(what, () => {
      assert.equal(jsonEqual(a, b), equal);
      assert.equal(jsonEqual(b, a), equal);
    });
  }
});
