import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { applyMergePatch } from './merge-patch.js';
import { deepFreeze, expectPatch } from './testing/cases.js';

interface MergePatchCase {
  readonly name: string;
  readonly doc: Record<string, unknown>;
  readonly patch: unknown;
  readonly want?: unknown;
  readonly error?: readonly [number, string];
}

// What kubectl label/annotate/scale and `kubectl patch --type merge` send. `want` and `error` are
// what kubectl 1.32 computes locally with the library kube-apiserver uses (evanphx/json-patch v4).
const cases: MergePatchCase[] = [
  {
    name: 'label',
    doc: { metadata: { name: 'c', labels: { x: '1' } }, data: { a: '1' } },
    patch: { metadata: { labels: { y: '2' } } },
    want: { data: { a: '1' }, metadata: { labels: { x: '1', y: '2' }, name: 'c' } },
  },
  {
    name: 'label-remove',
    doc: { metadata: { name: 'c', labels: { x: '1', y: '2' } }, data: { a: '1' } },
    patch: { metadata: { labels: { x: null } } },
    want: { data: { a: '1' }, metadata: { labels: { y: '2' }, name: 'c' } },
  },
  {
    name: 'label-overwrite-rv',
    doc: { metadata: { name: 'c', labels: { x: '1' }, resourceVersion: '5' }, data: {} },
    patch: { metadata: { labels: { x: '3' }, resourceVersion: '5' } },
    want: { data: {}, metadata: { labels: { x: '3' }, name: 'c', resourceVersion: '5' } },
  },
  {
    name: 'annotate-new-map',
    doc: { metadata: { name: 'c' }, data: {} },
    patch: { metadata: { annotations: { a: 'b', gone: null } } },
    want: { data: {}, metadata: { annotations: { a: 'b' }, name: 'c' } },
  },
  {
    name: 'scale',
    doc: { metadata: { name: 'd' }, spec: { replicas: 1, template: {} } },
    patch: { spec: { replicas: 3 } },
    want: { metadata: { name: 'd' }, spec: { replicas: 3, template: {} } },
  },
  {
    name: 'list-replaced',
    doc: {
      metadata: { name: 'd' },
      spec: { template: { spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b' }] } } },
    },
    patch: { spec: { template: { spec: { containers: [{ name: 'a', image: 'z', workingDir: null }] } } } },
    want: {
      metadata: { name: 'd' },
      spec: { template: { spec: { containers: [{ image: 'z', name: 'a' }] } } },
    },
  },
  {
    name: 'array-into-object-keeps-nulls',
    doc: { metadata: { name: 'c', labels: { a: '1' } }, data: {} },
    patch: { metadata: { labels: [{ a: null }, null] } },
    want: { data: {}, metadata: { labels: [{ a: null }, null], name: 'c' } },
  },
  {
    name: 'object-into-scalar-prunes',
    doc: { metadata: { name: 'c' }, data: {} },
    patch: { metadata: { name: { a: null, b: { c: null, d: 1 } } } },
    want: { data: {}, metadata: { name: { b: { d: 1 } } } },
  },
  {
    name: 'object-into-null',
    doc: { metadata: { name: 'c', labels: null } },
    patch: { metadata: { labels: { a: null, b: '1' } } },
    want: { metadata: { labels: { b: '1' }, name: 'c' } },
  },
  {
    name: 'empty-patch',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: {},
    want: { data: { a: '1' }, metadata: { name: 'c' } },
  },
  {
    name: 'delete-absent',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: { data: { zz: null }, nope: null },
    want: { data: { a: '1' }, metadata: { name: 'c' } },
  },
  {
    name: 'nested-new',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: { data: { b: '2' }, binaryData: { x: 'eA==' } },
    want: { binaryData: { x: 'eA==' }, data: { a: '1', b: '2' }, metadata: { name: 'c' } },
  },
  {
    name: 'directives-literal',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: { data: { '$patch': 'delete' } },
    want: { data: { '$patch': 'delete', a: '1' }, metadata: { name: 'c' } },
  },
  {
    name: 'scalar-patch',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: 'x',
    error: [400, 'Invalid JSON Patch'],
  },
  {
    name: 'null-patch',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: null,
    error: [400, 'Invalid JSON Patch'],
  },
  {
    name: 'list-with-nested-nulls',
    doc: { metadata: { name: 'c', finalizers: ['a'] }, data: {} },
    patch: { metadata: { finalizers: [{ a: null }] } },
    want: { data: {}, metadata: { finalizers: [{}], name: 'c' } },
  },
];

describe('applyMergePatch', () => {
  for (const c of cases) {
    it(c.name, () => {
      const doc = deepFreeze(structuredClone(c.doc));
      const patch = deepFreeze(structuredClone(c.patch));
      expectPatch(() => applyMergePatch(doc, patch), c);
    });
  }

  it('a list body becomes the result, null members of its objects dropped', () => {
    // kube then fails to decode it into the kind (422); the merge itself succeeds.
    expectPatch(() => applyMergePatch({ a: 1 }, deepFreeze([{ a: null, b: 1 }, null])), { want: [{ b: 1 }, null] });
  });

  it('refuses a null document', () => {
    expectPatch(() => applyMergePatch(null, {}), { error: [500, 'Invalid JSON Document'] });
  });

  it('replaces a document that is not an object', () => {
    expectPatch(() => applyMergePatch([1], deepFreeze({ a: null, b: { c: null } })), { want: { b: {} } });
  });

  it('shares untouched subtrees and returns a new object', () => {
    const doc = deepFreeze({ metadata: { name: 'c', labels: { a: '1' } }, data: { k: 'v' } });
    const got = applyMergePatch(doc, { metadata: { labels: { b: '2' } } }) as typeof doc;
    assert.notEqual(got, doc);
    assert.equal(got.data, doc.data);
    assert.deepStrictEqual(got.metadata.labels, { a: '1', b: '2' });
    assert.deepStrictEqual(applyMergePatch(doc, {}), doc);
    assert.notEqual(applyMergePatch(doc, {}), doc);
  });

  it('does not turn a __proto__ member into a prototype', () => {
    const patch = JSON.parse('{"__proto__":{"x":1},"a":{"__proto__":{"y":null}}}') as unknown;
    const got = applyMergePatch({ a: {} }, patch) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(got), Object.prototype);
    assert.deepStrictEqual(Object.keys(got), ['a', '__proto__']);
    assert.deepStrictEqual(Object.keys(got.a as object), ['__proto__']);
  });
});
