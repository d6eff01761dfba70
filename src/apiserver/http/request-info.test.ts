import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRequestInfo } from './request-info.js';

test('percent-encoded path segments are decoded, as Go decodes url.Path', () => {
  const info = parseRequestInfo('PATCH', '/apis/rbac.authorization.k8s.io/v1/clusterroles/system%3Acoredns', new URLSearchParams());
  assert.ok(info.isResourceRequest);
  assert.equal(info.name, 'system:coredns');
});

test('a malformed escape is kept as it is', () => {
  const info = parseRequestInfo('GET', '/api/v1/namespaces/default/configmaps/a%zz', new URLSearchParams());
  assert.ok(info.isResourceRequest);
  assert.equal(info.name, 'a%zz');
});
