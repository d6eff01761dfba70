import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregateMessage } from './errors.js';
import { validateCreate, validateUpdate } from './index.js';
import { carryOverSystemMeta, validateAnnotations, validateLabelSelector, validateOwnerReferences } from './meta.js';
import { createMessage, gvk, updateMessage } from './testing.js';

const CM = gvk('', 'v1', 'ConfigMap');
const NS = gvk('', 'v1', 'Namespace');
const CR = gvk('rbac.authorization.k8s.io', 'v1', 'ClusterRole');
const cm = (metadata: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd', ...metadata }, data: {} });

const QNAME =
  "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('ObjectMeta on create', () => {
  const table: [string, Record<string, unknown>, string][] = [
    ['valid', {}, 'OK'],
    ['name missing', { name: '' }, 'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required'],
    ['bad name', { name: 'My_CM' }, `ConfigMap "My_CM" is invalid: metadata.name: Invalid value: "My_CM": ${SUBDOMAIN}`],
    ['generateName ok', { name: 'web-abcde', generateName: 'web-' }, 'OK'],
    ['bad generateName', { name: 'x', generateName: 'Web-' }, `ConfigMap "x" is invalid: metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN}`],
    ['namespace missing', { namespace: undefined }, 'ConfigMap "c" is invalid: metadata.namespace: Required value'],
    [
      'bad namespace',
      { namespace: 'a.b' },
      'ConfigMap "c" is invalid: metadata.namespace: Invalid value: "a.b": must not contain dots',
    ],
    ['label key with two slashes', { labels: { 'a/b/c': 'x' } }, `ConfigMap "c" is invalid: metadata.labels: Invalid value: "a/b/c": ${QNAME}`],
    [
      'label value too long',
      { labels: { a: 'v'.repeat(64) } },
      `ConfigMap "c" is invalid: metadata.labels: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`,
    ],
    ['annotation key uppercase is fine', { annotations: { 'Example.COM/Key': 'x' } }, 'OK'],
    ['annotation key bad', { annotations: { 'a b': 'x' } }, `ConfigMap "c" is invalid: metadata.annotations: Invalid value: "a b": ${NAME_PART}`],
    [
      'annotations too large',
      { annotations: { a: 'x'.repeat(256 * 1024) } },
      'ConfigMap "c" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes',
    ],
    ['finalizer qualified', { finalizers: ['example.com/cleanup'] }, 'OK'],
    ['standard finalizer', { finalizers: ['foregroundDeletion'] }, 'OK'],
    [
      'unqualified custom finalizer',
      { finalizers: ['cleanup'] },
      'ConfigMap "c" is invalid: metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ],
    [
      'orphan and foreground',
      { finalizers: ['orphan', 'foregroundDeletion'] },
      'ConfigMap "c" is invalid: metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
    ],
    [
      'owner reference fields required',
      { ownerReferences: [{}] },
      'ConfigMap "c" is invalid: [metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty, metadata.ownerReferences.kind: Invalid value: "": kind must not be empty, metadata.ownerReferences.name: Invalid value: "": name must not be empty, metadata.ownerReferences.uid: Invalid value: "": uid must not be empty]',
    ],
    [
      'two controllers',
      {
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
        ],
      },
      'ConfigMap "c" is invalid: metadata.ownerReferences: Invalid value: []v1.OwnerReference{v1.OwnerReference{APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"a", UID:"1", Controller:(*bool)(true), BlockOwnerDeletion:(*bool)(nil)}, v1.OwnerReference{APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"b", UID:"2", Controller:(*bool)(true), BlockOwnerDeletion:(*bool)(nil)}}: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
    ],
    ['negative generation', { generation: -1 }, 'ConfigMap "c" is invalid: metadata.generation: Invalid value: -1: must be greater than or equal to 0'],
    [
      'managed fields operation',
      { managedFields: [{ manager: 'kubectl', operation: 'Patch' }] },
      'ConfigMap "c" is invalid: metadata.managedFields[0].operation: Invalid value: "Patch": must be `Apply` or `Update`',
    ],
  ];
  for (const [name, m, want] of table) it(name, () => { assert.equal(createMessage(CM, cm(m)), want); });

  it('cluster-scoped kinds forbid a namespace', () => {
    assert.equal(createMessage(NS, { metadata: { name: 'ns', namespace: 'x' } }), 'Namespace "ns" is invalid: metadata.namespace: Forbidden: not allowed on this type');
    assert.equal(
      createMessage(CR, { metadata: { name: 'r', namespace: 'x' }, rules: [] }),
      'ClusterRole.rbac.authorization.k8s.io "r" is invalid: metadata.namespace: Forbidden: not allowed on this type',
    );
  });

  it('Event owners are refused', () => {
    const errs = validateOwnerReferences([{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' }], 'metadata.ownerReferences');
    assert.equal(
      aggregateMessage(errs),
      'metadata.ownerReferences: Invalid value: v1.OwnerReference{APIVersion:"v1", Kind:"Event", Name:"e", UID:"u", Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}: /v1, Kind=Event is disallowed from being an owner',
    );
  });

  it('annotation size counts keys and values', () => {
    assert.equal(validateAnnotations({ k: 'x'.repeat(256 * 1024 - 1) }, 'a').length, 0);
    assert.equal(validateAnnotations({ kk: 'x'.repeat(256 * 1024 - 1) }, 'a').length, 1);
  });
});

describe('ObjectMeta on update', () => {
  const base = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd', uid: 'u1', resourceVersion: '5', creationTimestamp: '2024-01-02T03:04:05Z' }, data: {} };
  const withMeta = (m: Record<string, unknown>) => ({ ...base, metadata: { ...base.metadata, ...m } });
  const table: [string, Record<string, unknown>, string][] = [
    ['unchanged', {}, 'OK'],
    ['name changed', { name: 'other' }, 'ConfigMap "other" is invalid: metadata.name: Invalid value: "other": field is immutable'],
    ['namespace changed', { namespace: 'e' }, 'ConfigMap "c" is invalid: metadata.namespace: Invalid value: "e": field is immutable'],
    ['uid changed', { uid: 'u2' }, 'ConfigMap "c" is invalid: metadata.uid: Invalid value: "u2": field is immutable'],
    [
      'creationTimestamp changed',
      { creationTimestamp: '2025-01-01T00:00:00Z' },
      'ConfigMap "c" is invalid: metadata.creationTimestamp: Invalid value: 2025-01-01 00:00:00 +0000 UTC: field is immutable',
    ],
    ['resourceVersion missing', { resourceVersion: '' }, 'ConfigMap "c" is invalid: metadata.resourceVersion: Invalid value: "": must be specified for an update'],
    ['generation set', { generation: 1 }, 'OK'],
  ];
  for (const [name, m, want] of table) it(name, () => { assert.equal(updateMessage(CM, withMeta(m), base), want); });

  it('generation may not go down', () => {
    assert.equal(
      updateMessage(CM, withMeta({ generation: 1 }), withMeta({ generation: 2 })),
      'ConfigMap "c" is invalid: metadata.generation: Invalid value: 1: must not be decremented',
    );
  });

  it('no new finalizers while deleting', () => {
    const old = withMeta({ deletionTimestamp: '2024-01-02T03:04:05Z', finalizers: ['a.io/x'] });
    const next = withMeta({ deletionTimestamp: '2024-01-02T03:04:05Z', finalizers: ['a.io/x', 'b.io/y'] });
    assert.equal(
      updateMessage(CM, next, old),
      'ConfigMap "c" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}',
    );
  });

  it('carries system fields over before validating', () => {
    const old = withMeta({ generation: 3, deletionGracePeriodSeconds: 30, deletionTimestamp: '2024-01-02T03:04:05Z' });
    const next: Record<string, unknown> = { ...base, metadata: { name: 'c', namespace: 'd', resourceVersion: '5' } };
    carryOverSystemMeta(next, old);
    assert.deepEqual(next.metadata, {
      name: 'c',
      namespace: 'd',
      resourceVersion: '5',
      uid: 'u1',
      generation: 3,
      creationTimestamp: '2024-01-02T03:04:05Z',
      deletionTimestamp: '2024-01-02T03:04:05Z',
      deletionGracePeriodSeconds: 30,
    });
    assert.deepEqual(validateUpdate(CM, next, old), []);
  });
});

describe('label selectors', () => {
  const table: [string, unknown, string][] = [
    ['nil', undefined, ''],
    ['ok', { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'x', operator: 'In', values: ['1'] }] }, ''],
    ['In without values', { matchExpressions: [{ key: 'x', operator: 'In' }] }, "s.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
    [
      'Exists with values',
      { matchExpressions: [{ key: 'x', operator: 'Exists', values: ['1'] }] },
      "s.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    ],
    ['bad operator', { matchExpressions: [{ key: 'x', operator: 'Gt', values: ['1'] }] }, 's.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator'],
    ['bad key', { matchLabels: { 'a b': 'c' } }, `s.matchLabels: Invalid value: "a b": ${NAME_PART}`],
  ];
  for (const [name, sel, want] of table) it(name, () => { assert.equal(aggregateMessage(validateLabelSelector(sel, 's')), want); });
});

describe('kinds this package does not know (custom resources)', () => {
  const W = gvk('example.com', 'v1', 'Widget');
  it('namespaced by default, DNS subdomain names', () => {
    assert.deepEqual(validateCreate(W, { metadata: { name: 'w', namespace: 'd' } }), []);
    assert.equal(aggregateMessage(validateCreate(W, { metadata: { name: 'w' } })), 'metadata.namespace: Required value');
    assert.equal(validateCreate(W, { metadata: { name: 'W', namespace: 'd' } }).length, 1);
  });
  it('cluster scope from the options', () => {
    assert.deepEqual(validateCreate(W, { metadata: { name: 'w' } }, { namespaced: false }), []);
  });
  it('update checks immutable metadata', () => {
    const old = { metadata: { name: 'w', namespace: 'd', uid: 'a', resourceVersion: '1' } };
    const next = { metadata: { name: 'w', namespace: 'd', uid: 'b', resourceVersion: '1' } };
    assert.equal(aggregateMessage(validateUpdate(W, next, old)), 'metadata.uid: Invalid value: "b": field is immutable');
  });
});
