import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregateMessage, isNamespacedKind, statusCauses, validateCreate, validateUpdate, validatorForKind, validatorForResource } from './index.js';
import { gvk } from './testing.js';

describe('entry points', () => {
  it('kind rules run first; generic path-segment rule only when they pass', () => {
    const errs = validateCreate(gvk('', 'v1', 'ConfigMap'), { metadata: { name: 'a/b', namespace: 'd' } });
    assert.equal(errs.length, 1);
    assert.match(aggregateMessage(errs), /^metadata\.name: Invalid value: "a\/b": a lowercase RFC 1123 subdomain/);
  });
  it('path-segment kinds reject slashes with the generic message', () => {
    const errs = validateCreate(gvk('rbac.authorization.k8s.io', 'v1', 'ClusterRole'), { metadata: { name: 'a/b' } });
    assert.equal(aggregateMessage(errs), "metadata.name: Invalid value: \"a/b\": may not contain '/'");
  });
  it('review kinds skip metadata rules', () => {
    assert.deepEqual(validateCreate(gvk('authentication.k8s.io', 'v1', 'TokenReview'), { metadata: { name: 'Not Valid' }, spec: { token: 't' } }), []);
  });
  // As in kube, the generic and the kind's metadata checks both run: the causes list repeats the
  // error and the message (ToAggregate) shows it once.
  it('update runs generic and kind rules', () => {
    const old = { metadata: { name: 'c', namespace: 'd', resourceVersion: '1' }, data: {}, immutable: true };
    const next = { metadata: { name: 'c', namespace: 'e', resourceVersion: '1' }, data: { a: 'b' }, immutable: true };
    assert.deepEqual(
      validateUpdate(gvk('', 'v1', 'ConfigMap'), next, old).map((e) => e.field),
      ['metadata.namespace', 'metadata.namespace', 'data'],
    );
    assert.equal(
      aggregateMessage(validateUpdate(gvk('', 'v1', 'ConfigMap'), next, old)),
      '[metadata.namespace: Invalid value: "e": field is immutable, data: Forbidden: field is immutable when `immutable` is set]',
    );
  });
  it('causes for the Status', () => {
    const errs = validateCreate(gvk('', 'v1', 'Pod'), { metadata: { name: 'p', namespace: 'd' }, spec: { containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' } });
    assert.deepEqual(statusCauses(errs), []);
    const bad = validateCreate(gvk('', 'v1', 'Pod'), { metadata: { name: 'p', namespace: 'd' }, spec: { containers: [] } });
    assert.deepEqual(statusCauses(bad).slice(0, 1), [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers' }]);
  });
  it('scope and lookups', () => {
    assert.equal(isNamespacedKind('', 'Pod'), true);
    assert.equal(isNamespacedKind('', 'Node'), false);
    assert.equal(isNamespacedKind('example.com', 'Widget'), undefined);
    assert.equal(validatorForKind('apps', 'Deployment')?.resource, 'deployments');
    assert.equal(validatorForResource('storage.k8s.io', 'storageclasses')?.kind, 'StorageClass');
  });
});
