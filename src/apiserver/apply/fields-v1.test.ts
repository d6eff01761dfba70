import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { FieldSet } from './field-set.js';
import { FieldsV1Error, fromFieldsV1, toFieldsV1 } from './fields-v1.js';
import { compareGoStrings, goJson, goQuote } from './go-format.js';
import { compareElements, fieldElement, indexElement, keyElement, parseElement, pathToString, valueElement } from './path.js';
import type { Path } from './path.js';

const f = fieldElement;
const k = (o: Record<string, unknown>) => keyElement(Object.entries(o).map(([name, value]) => ({ name, value })));

describe('path elements', () => {
  const cases: [string, ReturnType<typeof f>, string, string][] = [
    ['field', f('image'), 'f:image', '.image'],
    ['field with dots and slashes', f('app.kubernetes.io/name'), 'f:app.kubernetes.io/name', '.app.kubernetes.io/name'],
    ['key with fields sorted by name', k({ protocol: 'TCP', containerPort: 80 }), 'k:{"containerPort":80,"protocol":"TCP"}', '[containerPort=80,protocol="TCP"]'],
    ['key escaped as Go does', k({ name: 'a<b>&"c"' }), 'k:{"name":"a\\u003cb\\u003e\\u0026\\"c\\""}', '[name="a<b>&\\"c\\""]'],
    ['string value', valueElement('finalizer.example.com'), 'v:"finalizer.example.com"', '[="finalizer.example.com"]'],
    ['number value', valueElement(3.5), 'v:3.5', '[=3.5]'],
    ['boolean value', valueElement(true), 'v:true', '[=true]'],
    ['index', indexElement(2), 'i:2', '[2]'],
  ];
  for (const [name, pe, id, printed] of cases) {
    it(name, () => {
      assert.equal(pe.id, id);
      assert.equal(pathToString([pe]), printed);
      assert.deepEqual(parseElement(id)?.id, id);
    });
  }

  it('orders fields, then keys, then values, then indexes', () => {
    const sorted = [indexElement(1), valueElement('b'), valueElement(2), k({ name: 'b' }), k({ name: 'a' }), f('b'), f('a')].sort(compareElements);
    assert.deepEqual(
      sorted.map((pe) => pe.id),
      ['f:a', 'f:b', 'k:{"name":"a"}', 'k:{"name":"b"}', 'v:2', 'v:"b"', 'i:1'],
    );
  });

  it('rejects malformed keys and skips unknown kinds', () => {
    assert.throws(() => parseElement('f'), /key must be 2 characters long/);
    assert.throws(() => parseElement('fx'), /missing colon/);
    assert.throws(() => parseElement('k:{bad'), /invalid JSON/);
    assert.equal(parseElement('x:whatever'), undefined);
  });
});

describe('FieldsV1', () => {
  const C: Path = [f('spec'), f('containers'), k({ name: 'nginx' })];
  const cases: [string, Path[], Record<string, unknown>][] = [
    ['a leaf is {}', [[f('metadata'), f('labels'), f('app')]], { 'f:metadata': { 'f:labels': { 'f:app': {} } } }],
    [
      'a member with children gets "." first',
      [C, [...C, f('name')], [...C, f('image')]],
      { 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } },
    ],
    [
      'keys are written in path element order',
      [[f('b')], [f('a'), f('x')], [indexElement(0)], [valueElement('v')], [k({ name: 'n' })]],
      { 'f:a': { 'f:x': {} }, 'f:b': {}, 'k:{"name":"n"}': {}, 'v:"v"': {}, 'i:0': {} },
    ],
  ];
  for (const [name, paths, fields] of cases) {
    it(name, () => {
      const set = FieldSet.of(...paths);
      assert.deepEqual(toFieldsV1(set), fields);
      assert.deepEqual(Object.keys(toFieldsV1(set)), Object.keys(fields));
      assert.ok(fromFieldsV1(fields).equals(set));
    });
  }

  it('reads "." alone and an empty object as the path itself', () => {
    assert.deepEqual(fromFieldsV1({ 'f:a': { '.': {} }, 'f:b': {} }).paths().map(pathToString), ['.a', '.b']);
  });

  it('rejects what is not a FieldsV1 trie', () => {
    assert.throws(() => fromFieldsV1([]), FieldsV1Error);
    assert.throws(() => fromFieldsV1({ 'f:a': 1 }), FieldsV1Error);
    assert.throws(() => fromFieldsV1({ 'i:x': {} }), FieldsV1Error);
  });
});

describe('field sets', () => {
  const p = (...names: string[]): Path => names.map(f);
  const s = (...paths: Path[]) => FieldSet.of(...paths);
  const show = (set: FieldSet) => set.paths().map(pathToString);

  it('union, intersection and difference work path by path', () => {
    const a = s(p('a'), p('b', 'c'), p('b', 'd'));
    const b = s(p('b', 'c'), p('e'));
    assert.deepEqual(show(a.union(b)), ['.a', '.e', '.b.c', '.b.d']);
    assert.deepEqual(show(a.intersection(b)), ['.b.c']);
    assert.deepEqual(show(a.difference(b)), ['.a', '.b.d']);
  });

  it('difference keeps what lies below a removed member; recursiveDifference does not', () => {
    const a = s(p('b'), p('b', 'c'));
    assert.deepEqual(show(a.difference(s(p('b')))), ['.b.c']);
    assert.deepEqual(show(a.recursiveDifference(s(p('b')))), []);
  });

  it('knows its members and prefixes', () => {
    const a = s(p('b', 'c'));
    assert.equal(a.has(p('b', 'c')), true);
    assert.equal(a.has(p('b')), false);
    assert.deepEqual(show(a.withPrefix(f('b'))), ['.c']);
    assert.equal(s().isEmpty(), true);
  });
});

describe('Go formatting', () => {
  it('encodes JSON as encoding/json does', () => {
    assert.equal(goJson({ b: 1, a: ['<x>', '\u2028', '\b'] }), '{"a":["\\u003cx\\u003e","\\u2028","\\b"],"b":1}');
  });
  it('quotes as %q does', () => {
    assert.equal(goQuote('a"b\n\u0001é'), '"a\\"b\\n\\x01é"');
  });
  it('orders strings by code point', () => {
    assert.equal(compareGoStrings('\uffff', '\u{1F600}'), -1);
    assert.equal(compareGoStrings('a', 'b'), -1);
    assert.equal(compareGoStrings('ab', 'a'), 1);
  });
});
