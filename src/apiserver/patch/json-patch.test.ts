import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { StatusError } from '../../api/status.js';
import { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch.js';
import { deepFreeze, expectPatch } from './testing/cases.js';

interface JsonPatchCase {
  readonly name: string;
  readonly doc: Record<string, unknown>;
  readonly patch: unknown;
  readonly want?: unknown;
  /** The status code kube-apiserver answers. */
  readonly error?: 400 | 413 | 422;
}

// `want` and the success/failure of each case are what kubectl 1.32 computes locally
// (`kubectl patch --local --type json`), with the json-patch library kube-apiserver uses.
const cases: JsonPatchCase[] = [
  {
    name: 'add-member',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'add', path: '/data/b', value: '2' }],
    want: { data: { a: '1', b: '2' }, metadata: { name: 'c' } },
  },
  {
    name: 'add-overwrites',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'add', path: '/data/a', value: '2' }],
    want: { data: { a: '2' }, metadata: { name: 'c' } },
  },
  {
    name: 'add-missing-parent',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'add', path: '/metadata/labels/x', value: '2' }],
    error: 422,
  },
  {
    name: 'add-array-end',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: [{ op: 'add', path: '/spec/containers/-', value: { name: 'b', image: 'b' } }],
    want: {
      metadata: { name: 'p' },
      spec: { containers: [{ image: 'a', name: 'a' }, { image: 'b', name: 'b' }] },
    },
  },
  {
    name: 'add-array-index',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a' }, { name: 'c', image: 'c' }] },
    },
    patch: [{ op: 'add', path: '/spec/containers/1', value: { name: 'b', image: 'b' } }],
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ image: 'a', name: 'a' }, { image: 'b', name: 'b' }, { image: 'c', name: 'c' }],
      },
    },
  },
  {
    name: 'add-array-len',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: [{ op: 'add', path: '/spec/containers/1', value: { name: 'b', image: 'b' } }],
    want: {
      metadata: { name: 'p' },
      spec: { containers: [{ image: 'a', name: 'a' }, { image: 'b', name: 'b' }] },
    },
  },
  {
    name: 'add-array-out-of-range',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: [{ op: 'add', path: '/spec/containers/2', value: { name: 'b', image: 'b' } }],
    error: 422,
  },
  {
    name: 'add-array-negative',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
    },
    patch: [{ op: 'add', path: '/spec/containers/-1', value: { name: 'z', image: 'z' } }],
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ image: 'a', name: 'a' }, { image: 'b', name: 'b' }, { image: 'z', name: 'z' }],
      },
    },
  },
  {
    name: 'add-array-negative-far',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
    },
    patch: [{ op: 'add', path: '/spec/containers/-3', value: { name: 'z', image: 'z' } }],
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ image: 'z', name: 'z' }, { image: 'a', name: 'a' }, { image: 'b', name: 'b' }],
      },
    },
  },
  {
    name: 'add-array-negative-too-far',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
    },
    patch: [{ op: 'add', path: '/spec/containers/-4', value: { name: 'z', image: 'z' } }],
    error: 422,
  },
  {
    name: 'add-array-bad-index',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: [{ op: 'add', path: '/spec/containers/x', value: { name: 'b', image: 'b' } }],
    error: 422,
  },
  {
    name: 'add-array-leading-zero',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: [{ op: 'add', path: '/spec/containers/00', value: { name: 'b', image: 'b' } }],
    want: {
      metadata: { name: 'p' },
      spec: { containers: [{ image: 'b', name: 'b' }, { image: 'a', name: 'a' }] },
    },
  },
  {
    name: 'add-no-value',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'add', path: '/data/b' }],
    want: { data: { a: '1', b: null }, metadata: { name: 'c' } },
  },
  {
    name: 'add-escaped',
    doc: { metadata: { name: 'c', annotations: {} }, data: {} },
    patch: [{ op: 'add', path: '/metadata/annotations/example.com~1a~0b', value: 'v' }],
    want: { data: {}, metadata: { annotations: { 'example.com/a~b': 'v' }, name: 'c' } },
  },
  {
    name: 'add-root-path-empty',
    doc: { metadata: { name: 'c' }, data: {} },
    patch: [{ op: 'add', path: '', value: {} }],
    error: 422,
  },
  {
    name: 'add-no-leading-slash',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'add', path: 'data/b', value: '2' }],
    want: { b: '2', data: { a: '1' }, metadata: { name: 'c' } },
  },
  {
    name: 'add-through-scalar',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'add', path: '/data/a/b', value: '2' }],
    error: 422,
  },
  {
    name: 'remove-member',
    doc: { metadata: { name: 'c' }, data: { a: '1', b: '2' } },
    patch: [{ op: 'remove', path: '/data/a' }],
    want: { data: { b: '2' }, metadata: { name: 'c' } },
  },
  {
    name: 'remove-missing',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'remove', path: '/data/x' }],
    error: 422,
  },
  {
    name: 'remove-index',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
    },
    patch: [{ op: 'remove', path: '/spec/containers/0' }],
    want: { metadata: { name: 'p' }, spec: { containers: [{ image: 'b', name: 'b' }] } },
  },
  {
    name: 'remove-index-out',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: [{ op: 'remove', path: '/spec/containers/1' }],
    error: 422,
  },
  {
    name: 'remove-index-negative',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
    },
    patch: [{ op: 'remove', path: '/spec/containers/-1' }],
    want: { metadata: { name: 'p' }, spec: { containers: [{ image: 'a', name: 'a' }] } },
  },
  {
    name: 'remove-dash',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: [{ op: 'remove', path: '/spec/containers/-' }],
    error: 422,
  },
  {
    name: 'replace-member',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'replace', path: '/data/a', value: '9' }],
    want: { data: { a: '9' }, metadata: { name: 'c' } },
  },
  {
    name: 'replace-missing-member-adds',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'replace', path: '/data/zz', value: '9' }],
    want: { data: { a: '1', zz: '9' }, metadata: { name: 'c' } },
  },
  {
    name: 'replace-index',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
    },
    patch: [{ op: 'replace', path: '/spec/containers/1/image', value: 'new' }],
    want: {
      metadata: { name: 'p' },
      spec: { containers: [{ image: 'a', name: 'a' }, { image: 'new', name: 'b' }] },
    },
  },
  {
    name: 'replace-index-out',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: [{ op: 'replace', path: '/spec/containers/1', value: { name: 'x', image: 'x' } }],
    error: 422,
  },
  {
    name: 'replace-missing-parent',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'replace', path: '/nope/x', value: '9' }],
    error: 422,
  },
  {
    name: 'replace-root',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [
      {
        op: 'replace',
        path: '',
        value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { r: '1' } },
      },
    ],
    want: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { r: '1' } },
  },
  {
    name: 'replace-root-scalar',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'replace', path: '', value: 'x' }],
    want: { data: { a: '1' }, metadata: { name: 'c' } },
  },
  {
    name: 'move',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'move', from: '/data/a', path: '/data/b' }],
    want: { data: { b: '1' }, metadata: { name: 'c' } },
  },
  {
    name: 'move-missing',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'move', from: '/data/x', path: '/data/b' }],
    error: 422,
  },
  {
    name: 'move-array',
    doc: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }, { name: 'c', image: 'c' }],
      },
    },
    patch: [{ op: 'move', from: '/spec/containers/0', path: '/spec/containers/-' }],
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ image: 'b', name: 'b' }, { image: 'c', name: 'c' }, { image: 'a', name: 'a' }],
      },
    },
  },
  {
    name: 'move-into-child',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'move', from: '/data', path: '/data/x' }],
    error: 422,
  },
  {
    name: 'copy',
    doc: { metadata: { name: 'c', labels: { l: '1' } }, data: { a: '1' } },
    patch: [
      { op: 'copy', from: '/metadata/labels', path: '/metadata/annotations' },
      { op: 'add', path: '/metadata/annotations/x', value: 'y' },
    ],
    want: {
      data: { a: '1' },
      metadata: { annotations: { l: '1', x: 'y' }, labels: { l: '1' }, name: 'c' },
    },
  },
  {
    name: 'copy-missing-copies-null',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'copy', from: '/data/x', path: '/data/y' }],
    want: { data: { a: '1', y: null }, metadata: { name: 'c' } },
  },
  {
    name: 'copy-then-modify-source',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: [
      { op: 'add', path: '/spec/containers/0/env', value: [] },
      { op: 'copy', from: '/spec/containers/0', path: '/spec/containers/-' },
      { op: 'replace', path: '/spec/containers/1/name', value: 'b' },
      { op: 'add', path: '/spec/containers/0/env/-', value: { name: 'E' } },
    ],
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ env: [{ name: 'E' }], image: 'a', name: 'a' }, { env: [], image: 'a', name: 'b' }],
      },
    },
  },
  {
    name: 'test-pass',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'test', path: '/data', value: { a: '1' } }, { op: 'add', path: '/data/b', value: '2' }],
    want: { data: { a: '1', b: '2' }, metadata: { name: 'c' } },
  },
  {
    name: 'test-fail',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'test', path: '/data/a', value: '2' }],
    error: 422,
  },
  {
    name: 'test-missing-null',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'test', path: '/data/x', value: null }],
    want: { data: { a: '1' }, metadata: { name: 'c' } },
  },
  {
    // json-patch v4.12 (kube 1.32) dereferences the missing value and panics; later versions
    // pass, as we do.
    name: 'test-missing-novalue',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'test', path: '/data/x' }],
    want: { metadata: { name: 'c' }, data: { a: '1' } },
  },
  {
    name: 'test-present-novalue',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'test', path: '/data/a' }],
    error: 422,
  },
  {
    name: 'test-missing-value',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'test', path: '/data/x', value: '1' }],
    error: 422,
  },
  {
    name: 'test-root',
    doc: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } },
    patch: [
      {
        op: 'test',
        path: '',
        value: { apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' }, metadata: { name: 'c' } },
      },
    ],
    want: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } },
  },
  {
    name: 'test-number',
    doc: { metadata: { name: 'p' }, spec: { terminationGracePeriodSeconds: 30 } },
    patch: [{ op: 'test', path: '/spec/terminationGracePeriodSeconds', value: 30 }],
    want: { metadata: { name: 'p' }, spec: { terminationGracePeriodSeconds: 30 } },
  },
  {
    name: 'unknown-op',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'frob', path: '/data/a' }],
    error: 422,
  },
  {
    name: 'missing-op',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ path: '/data/a' }],
    error: 422,
  },
  {
    name: 'missing-path',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'add', value: 1 }],
    error: 422,
  },
  {
    name: 'null-op',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [null],
    error: 422,
  },
  {
    name: 'not-a-list',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: { op: 'add' },
    error: 400,
  },
  {
    name: 'list-of-strings',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: ['add'],
    error: 400,
  },
  {
    name: 'empty-list',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [],
    want: { data: { a: '1' }, metadata: { name: 'c' } },
  },
  {
    name: 'atomic-failure',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'add', path: '/data/b', value: '2' }, { op: 'remove', path: '/data/zz' }],
    error: 422,
  },
  {
    name: 'through-null',
    doc: { metadata: { name: 'c', labels: null } },
    patch: [{ op: 'add', path: '/metadata/labels/a', value: 'b' }],
    error: 422,
  },
  {
    name: 'remove-root',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'remove', path: '' }],
    error: 422,
  },
  {
    name: 'path-number',
    doc: { metadata: { name: 'c' }, data: { a: '1' } },
    patch: [{ op: 'add', path: 5, value: 1 }],
    error: 422,
  },
  {
    name: 'plus-index',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
    },
    patch: [{ op: 'replace', path: '/spec/containers/+1/name', value: 'x' }],
    want: {
      metadata: { name: 'p' },
      spec: { containers: [{ image: 'a', name: 'a' }, { image: 'b', name: 'x' }] },
    },
  },
];

/** kube answers every JSON patch that does not apply with this fixed text. */
const UNPROCESSABLE = 'the server rejected our request due to an error in our request';

const BAD_REQUEST: Record<string, string> = {
  'not-a-list': 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
  'list-of-strings': 'json: cannot unmarshal string into Go value of type jsonpatch.Operation',
};

describe('applyJsonPatch', () => {
  for (const c of cases) {
    it(c.name, () => {
      const doc = deepFreeze(structuredClone(c.doc));
      const patch = deepFreeze(structuredClone(c.patch));
      const message = c.error === 400 ? BAD_REQUEST[c.name] ?? '' : UNPROCESSABLE;
      expectPatch(() => applyJsonPatch(doc, patch), c.error ? { error: [c.error, message] } : { want: c.want });
    });
  }

  it('answers 422 Invalid and keeps the reason for logs', () => {
    assert.throws(
      () => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]),
      (e: unknown) => e instanceof StatusError && e.reason === 'Invalid' && (e as { detail?: string }).detail === 'testing value /a failed',
    );
  });

  it('treats a null body as no operations', () => {
    const doc = { a: 1 };
    assert.equal(applyJsonPatch(doc, null), doc);
  });

  it(`refuses more than ${MAX_JSON_PATCH_OPERATIONS} operations with 413`, () => {
    const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: 'test', path: '/a', value: 1 }));
    expectPatch(() => applyJsonPatch({ a: 1 }, ops), {
      error: [413, `Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001`],
    });
    assert.deepStrictEqual(applyJsonPatch({ a: 1 }, ops.slice(1)), { a: 1 });
  });

  it('copies containers on first write only and shares the rest', () => {
    const doc = deepFreeze({ a: { x: 1 }, b: { y: [1, 2] }, c: { z: 1 } });
    const got = applyJsonPatch(doc, [
      { op: 'add', path: '/b/y/-', value: 3 },
      { op: 'add', path: '/b/w', value: 1 },
      { op: 'replace', path: '/b/y/0', value: 0 },
    ]) as typeof doc;
    assert.deepStrictEqual(got, { a: { x: 1 }, b: { y: [0, 2, 3], w: 1 }, c: { z: 1 } });
    assert.equal(got.a, doc.a);
    assert.equal(got.c, doc.c);
  });

  it('never writes into values taken from the patch', () => {
    const value = deepFreeze({ list: [1] });
    const got = applyJsonPatch({}, [
      { op: 'add', path: '/v', value },
      { op: 'add', path: '/v/list/-', value: 2 },
      { op: 'copy', from: '/v', path: '/w' },
      { op: 'add', path: '/w/list/-', value: 3 },
    ]);
    assert.deepStrictEqual(got, { v: { list: [1, 2] }, w: { list: [1, 2, 3] } });
  });

  it('patches a document that is an array', () => {
    assert.deepStrictEqual(applyJsonPatch([1, 2], [{ op: 'remove', path: '/0' }]), [2]);
  });

  it('refuses a scalar document', () => {
    expectPatch(() => applyJsonPatch('x', []), { error: [422, UNPROCESSABLE] });
  });

  it('does not turn a __proto__ member into a prototype', () => {
    const got = applyJsonPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as object;
    assert.equal(Object.getPrototypeOf(got), Object.prototype);
    assert.deepStrictEqual(Object.keys(got), ['__proto__']);
  });

  it('does not read inherited members', () => {
    expectPatch(() => applyJsonPatch({}, [{ op: 'add', path: '/constructor/x', value: 1 }]), { error: [422, UNPROCESSABLE] });
    expectPatch(() => applyJsonPatch({}, [{ op: 'remove', path: '/toString' }]), { error: [422, UNPROCESSABLE] });
  });
});
