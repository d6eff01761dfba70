import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { SchemaNode } from '../../schema/types.js';
import { applyStrategicMergePatch } from './index.js';
import { deepFreeze, expectPatch, strategicCases } from '../testing/cases.js';
import type { StrategicCase } from '../testing/cases.js';
import { resolver, resolverFor, schemaOf } from '../testing/k8s-schemas.js';

const POD = schemaOf('io.k8s.api.core.v1.Pod');

// Where kubectl's local patch is no oracle: kube-apiserver only patches objects that went through
// its typed structs (no unknown fields, lists with no spare capacity), kubectl decodes the file.
const ownCases: StrategicCase[] = [
  {
    // kube-apiserver never sees an unknown field in a stored object; ours can (a field newer than
    // our schemas), and it merges like a JSON merge patch, directives still applying.
    name: 'unknown fields merge maps and replace lists',
    kind: 'Pod',
    doc: { spec: { extra: { a: 1, b: { c: 2 }, l: [{ name: 'x', v: 1 }], gone: { x: 1 } } } },
    patch: { spec: { extra: { a: null, b: { d: 3 }, l: [{ name: 'x', v: 2 }], gone: { $patch: 'delete' } } } },
    want: { spec: { extra: { b: { c: 2, d: 3 }, l: [{ name: 'x', v: 2 }], gone: {} } } },
  },
  {
    name: 'unknown field under a known list merges inside elements',
    kind: 'Pod',
    doc: { spec: { containers: [{ name: 'a', future: { x: 1, y: [1] } }] } },
    patch: { spec: { containers: [{ name: 'a', future: { y: [2], z: 3 } }] } },
    want: { spec: { containers: [{ name: 'a', future: { x: 1, y: [2], z: 3 } }] } },
  },
  {
    // Go deduplicates in a slice that may alias the original's backing array, which can reorder
    // a document whose list already had duplicates; without aliasing (exact-capacity slices, as
    // the unstructured converter makes) the patch item comes first.
    name: 'primitive merge list with duplicates in the document',
    kind: 'Pod',
    doc: { metadata: { finalizers: ['a', 'b', 'a'] } },
    patch: { metadata: { finalizers: ['z'] } },
    want: { metadata: { finalizers: ['z', 'a', 'b'] } },
  },
  {
    name: 'maps in a primitive merge list',
    kind: 'Pod',
    doc: { metadata: { finalizers: [{ a: 1 }] } },
    patch: { metadata: { finalizers: [{ b: 1 }] } },
    error: [500, 'cannot merge lists without merge key for string'],
  },
  {
    name: '$patch: replace at the top replaces the object',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a' }] } },
    patch: { $patch: 'replace', metadata: { name: 'q' } },
    want: { metadata: { name: 'q' } },
  },
  {
    name: '$patch: delete at the top empties the object',
    kind: 'Pod',
    doc: { metadata: { name: 'p' } },
    patch: { $patch: 'delete' },
    want: {},
  },
  {
    // Go panics hashing a map here; the API server answers 500.
    name: '$setElementOrder of maps for a primitive list',
    kind: 'Pod',
    doc: { metadata: { finalizers: ['a'] } },
    patch: { metadata: { '$setElementOrder/finalizers': [{ a: 1 }] } },
    error: [500, 'runtime error: hash of unhashable type map[string]interface {}'],
  },
  {
    name: 'null element after a string in a merge list',
    kind: 'Pod',
    doc: { metadata: { finalizers: ['a'] } },
    patch: { metadata: { finalizers: [null, 'b'], '$deleteFromPrimitiveList/finalizers': [] } },
    error: [500, 'list element types are not identical: [[a] [<nil> b]]'],
  },
  {
    name: 'null list elements only',
    kind: 'Pod',
    doc: { metadata: { finalizers: [null] } },
    patch: { metadata: { finalizers: [null] } },
    error: [500, 'runtime error: invalid memory address or nil pointer dereference'],
  },
];

describe('strategic merge patch: our own semantics', () => {
  strategicCases(ownCases);
});

describe('applyStrategicMergePatch', () => {
  it('leaves its inputs alone and shares what the patch does not touch', () => {
    const doc = deepFreeze({
      metadata: { name: 'p', labels: { a: '1' } },
      spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1', env: [{ name: 'E' }] }] },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    });
    const patch = deepFreeze({ spec: { containers: [{ name: 'a', image: 'a:2' }] } });
    const got = applyStrategicMergePatch(doc, patch, POD, resolver) as typeof doc;
    assert.notEqual(got, doc);
    assert.equal(got.status, doc.status);
    assert.equal(got.metadata, doc.metadata);
    assert.notEqual(got.spec, doc.spec);
    assert.notEqual(got.spec.containers[0], doc.spec.containers[0]);
    assert.equal(got.spec.containers[1], doc.spec.containers[1]);
    assert.deepStrictEqual(got.spec.containers[0], { name: 'a', image: 'a:2' });
  });

  it('returns a copy for a null body (a nil map in Go)', () => {
    const doc = deepFreeze({ metadata: { name: 'p' } });
    const got = applyStrategicMergePatch(doc, null as unknown as Record<string, unknown>, POD, resolver);
    assert.notEqual(got, doc);
    assert.deepStrictEqual(got, doc);
  });

  for (const [body, what] of [
    [['a'], 'array'],
    ['x', 'string'],
    [1, 'number'],
    [true, 'bool'],
  ] as const) {
    it(`refuses a ${what} body with 400`, () => {
      expectPatch(() => applyStrategicMergePatch({}, body as unknown as Record<string, unknown>, POD, resolver), {
        error: [400, `json: cannot unmarshal ${what} into Go value of type map[string]interface {}`],
      });
    });
  }

  it('does not turn a __proto__ member into a prototype', () => {
    const patch = JSON.parse('{"metadata":{"labels":{"__proto__":{"polluted":"yes"}}}}') as Record<string, unknown>;
    const got = applyStrategicMergePatch({ metadata: { labels: {} } }, patch, POD, resolver) as {
      metadata: { labels: Record<string, unknown> };
    };
    assert.equal(Object.getPrototypeOf(got.metadata.labels), Object.prototype);
    assert.deepStrictEqual(Object.keys(got.metadata.labels), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('strategic merge patch: metadata from the schema', () => {
  const item = (name: string, extra: SchemaNode = {}): SchemaNode => ({ $ref: `#/components/schemas/${name}`, ...extra });
  const entry: SchemaNode = {
    type: 'object',
    properties: {
      name: { type: 'string' },
      ports: {
        type: 'array',
        items: { type: 'object', properties: { port: { type: 'integer' }, name: { type: 'string' } } },
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'port',
      },
    },
  };
  const defs: Record<string, SchemaNode> = {
    Entry: entry,
    Root: {
      type: 'object',
      properties: {
        replacedList: {
          type: 'array',
          items: item('Entry'),
          'x-kubernetes-patch-strategy': 'replace',
          'x-kubernetes-patch-merge-key': 'name',
        },
        replacedMap: { allOf: [item('Entry')], 'x-kubernetes-patch-strategy': 'replace' },
        retainedMap: { allOf: [item('Entry')], 'x-kubernetes-patch-strategy': 'retainKeys' },
        confused: { type: 'array', items: item('Entry'), 'x-kubernetes-patch-strategy': 'merge,retainKeys,replace' },
        byName: { type: 'object', additionalProperties: item('Entry') },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        merged: { type: 'array', items: item('Entry'), 'x-kubernetes-patch-strategy': 'merge,retainKeys', 'x-kubernetes-patch-merge-key': 'name' },
      },
    },
  };
  const custom = resolverFor(defs);
  const root = item('Root');
  const apply = (doc: Record<string, unknown>, patch: Record<string, unknown>): unknown =>
    applyStrategicMergePatch(deepFreeze(doc), deepFreeze(patch), root, custom);

  it('replace strategy on a list takes the patch list as is', () => {
    expectPatch(
      () => apply({ replacedList: [{ name: 'a' }, { name: 'b' }] }, { replacedList: [{ name: 'b', x: null }, { $patch: 'delete', name: 'a' }] }),
      { want: { replacedList: [{ name: 'b', x: null }, { $patch: 'delete', name: 'a' }] } },
    );
  });

  it('replace strategy on a map takes the patch map as is', () => {
    expectPatch(() => apply({ replacedMap: { name: 'a', ports: [{ port: 1 }] } }, { replacedMap: { ports: null } }), {
      want: { replacedMap: { ports: null } },
    });
  });

  it('retainKeys alone is no list/map strategy: maps still merge', () => {
    expectPatch(() => apply({ retainedMap: { name: 'a', ports: [{ port: 1 }] } }, { retainedMap: { name: 'b' } }), {
      want: { retainedMap: { name: 'b', ports: [{ port: 1 }] } },
    });
  });

  it('merge,retainKeys lists merge by key', () => {
    expectPatch(() => apply({ merged: [{ name: 'a', ports: [{ port: 1 }] }] }, { merged: [{ name: 'a', ports: [{ port: 2 }] }] }), {
      want: { merged: [{ name: 'a', ports: [{ port: 2 }, { port: 1 }] }] },
    });
  });

  it('more than two strategies is an error', () => {
    expectPatch(() => apply({ confused: [{ name: 'a' }] }, { confused: [{ name: 'b' }] }), {
      error: [500, 'unexpected patch strategy: [merge retainKeys replace]'],
    });
  });

  it('values of a map field use the additionalProperties schema', () => {
    expectPatch(
      () => apply({ byName: { x: { name: 'x', ports: [{ port: 1 }] } } }, { byName: { x: { ports: [{ port: 2, name: 'p' }] }, y: { name: 'y' } } }),
      { want: { byName: { x: { name: 'x', ports: [{ port: 2, name: 'p' }, { port: 1 }] }, y: { name: 'y' } } } },
    );
  });

  it('free-form objects merge like a merge patch', () => {
    expectPatch(() => apply({ free: { ports: [{ port: 1 }], a: { b: 1 } } }, { free: { ports: [{ port: 2 }], a: { c: 2 } } }), {
      want: { free: { ports: [{ port: 2 }], a: { b: 1, c: 2 } } },
    });
  });
});
