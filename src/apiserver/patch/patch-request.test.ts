import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isStatusError } from '../../api/status.js';
import {
  BUILTIN_PATCH_MEDIA_TYPES,
  CUSTOM_RESOURCE_PATCH_MEDIA_TYPES,
  applyPatch,
  decodePatchBody,
  patchTypeOf,
  strictDecodePatch,
} from './patch-request.js';
import type { PatchType } from './patch-request.js';
import { expectPatch } from './testing/cases.js';
import { resolver, schemaOf } from './testing/k8s-schemas.js';

const BUILTIN_415 =
  'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml';
const CUSTOM_415 =
  'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';

describe('patchTypeOf', () => {
  const accepted: [string, readonly string[], PatchType][] = [
    ['application/json-patch+json', BUILTIN_PATCH_MEDIA_TYPES, 'json'],
    ['application/merge-patch+json; charset=utf-8', BUILTIN_PATCH_MEDIA_TYPES, 'merge'],
    ['application/strategic-merge-patch+json', BUILTIN_PATCH_MEDIA_TYPES, 'strategic'],
    ['application/apply-patch+yaml', BUILTIN_PATCH_MEDIA_TYPES, 'apply'],
    ['application/merge-patch+json', CUSTOM_RESOURCE_PATCH_MEDIA_TYPES, 'merge'],
  ];
  for (const [contentType, types, want] of accepted) {
    it(`${contentType} is ${want}`, () => {
      assert.equal(patchTypeOf(contentType, types), want);
    });
  }
  const refused: [string | undefined, readonly string[], string][] = [
    ['application/strategic-merge-patch+json', CUSTOM_RESOURCE_PATCH_MEDIA_TYPES, CUSTOM_415],
    ['application/json', BUILTIN_PATCH_MEDIA_TYPES, BUILTIN_415],
    ['Application/Merge-Patch+json', BUILTIN_PATCH_MEDIA_TYPES, BUILTIN_415],
    ['application/merge-patch+json ;charset=utf-8', BUILTIN_PATCH_MEDIA_TYPES, BUILTIN_415],
    [undefined, BUILTIN_PATCH_MEDIA_TYPES, BUILTIN_415],
    ['__proto__', BUILTIN_PATCH_MEDIA_TYPES, BUILTIN_415],
  ];
  for (const [contentType, types, message] of refused) {
    it(`${String(contentType)} is refused with 415`, () => {
      expectPatch(() => patchTypeOf(contentType, types), { error: [415, message] });
    });
  }
});

describe('decodePatchBody', () => {
  it('decodes text and bytes', () => {
    assert.deepStrictEqual(decodePatchBody('{"a":1}'), { a: 1 });
    assert.deepStrictEqual(decodePatchBody(new TextEncoder().encode('[1]')), [1]);
    assert.equal(decodePatchBody('null'), null);
  });
  for (const body of ['', '{', "{'a':1}", '{"a":1} x']) {
    it(`refuses ${JSON.stringify(body)} with 400`, () => {
      expectPatch(() => decodePatchBody(body), { error: [400, 'invalid JSON patch'] });
    });
  }
});

describe('strictDecodePatch', () => {
  it('lists unknown JSON patch operation fields', () => {
    assert.deepStrictEqual(strictDecodePatch('json', [{ op: 'add', path: '/a', value: 1, extra: 2 }, null, { op: 'remove', path: '/b', From: '' }]), [
      'json patch unknown field "extra"',
      'json patch unknown field "From"',
    ]);
    assert.deepStrictEqual(strictDecodePatch('json', null), []);
  });
  const failures: [string, 'json' | 'merge', unknown, string][] = [
    ['a json patch that is an object', 'json', {}, 'json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp'],
    ['a json patch operation that is a string', 'json', ['x'], 'json: cannot unmarshal string into Go value of type handlers.jsonPatchOp'],
    ['a numeric path', 'json', [{ op: 'add', path: 1 }], 'json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string'],
    ['an object op', 'json', [{ op: {} }], 'json: cannot unmarshal object into Go struct field jsonPatchOp.op of type string'],
    ['a merge patch that is a list', 'merge', [], 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['a merge patch that is a string', 'merge', 'x', 'json: cannot unmarshal string into Go value of type map[string]interface {}'],
  ];
  for (const [what, type, patch, message] of failures) {
    it(`refuses ${what} with 400`, () => {
      expectPatch(() => strictDecodePatch(type, patch), { error: [400, `error decoding patch: ${message}`] });
    });
  }
  it('accepts merge patches that are objects or null', () => {
    assert.deepStrictEqual(strictDecodePatch('merge', { a: null }), []);
    assert.deepStrictEqual(strictDecodePatch('merge', null), []);
  });
});

describe('applyPatch', () => {
  const pod = { metadata: { name: 'p', labels: { a: '1' } }, spec: { containers: [{ name: 'a', image: 'a' }] } };
  const schema = { schema: schemaOf('io.k8s.api.core.v1.Pod'), resolver };

  it('runs each engine', () => {
    assert.deepStrictEqual(applyPatch('json', pod, [{ op: 'remove', path: '/metadata/labels' }], schema), {
      metadata: { name: 'p' },
      spec: pod.spec,
    });
    assert.deepStrictEqual(applyPatch('merge', pod, { spec: { containers: [{ name: 'b' }] } }, schema), {
      metadata: pod.metadata,
      spec: { containers: [{ name: 'b' }] },
    });
    assert.deepStrictEqual(applyPatch('strategic', pod, { spec: { containers: [{ name: 'b' }] } }, schema), {
      metadata: pod.metadata,
      spec: { containers: [{ name: 'b' }, { name: 'a', image: 'a' }] },
    });
  });

  it('refuses strategic merge patch without a schema (custom resources) with 415', () => {
    expectPatch(() => applyPatch('strategic', pod, {}, undefined), { error: [415, CUSTOM_415] });
  });

  it('throws errors the API server can send as a Status', () => {
    try {
      applyPatch('json', pod, [{ op: 'test', path: '/metadata/name', value: 'q' }], undefined);
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(isStatusError(e));
      assert.deepStrictEqual(e.toStatus(), {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server rejected our request due to an error in our request',
        reason: 'Invalid',
        code: 422,
      });
    }
  });
});
