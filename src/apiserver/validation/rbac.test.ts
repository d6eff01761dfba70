import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMessage, gvk, updateMessage } from './testing.js';

const R = 'rbac.authorization.k8s.io';
const ROLE = gvk(R, 'v1', 'Role');
const CROLE = gvk(R, 'v1', 'ClusterRole');
const RB = gvk(R, 'v1', 'RoleBinding');
const CRB = gvk(R, 'v1', 'ClusterRoleBinding');
const ns = (name = 'o') => ({ name, namespace: 'd', resourceVersion: '1' });
const cluster = (name = 'c') => ({ name, resourceVersion: '1' });

describe('RBAC', () => {
  const table: [string, ReturnType<typeof gvk>, Record<string, unknown>, string][] = [
    ['role with path-segment name', ROLE, { metadata: ns('system:r'), rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }, 'OK'],
    [
      'verbs required',
      ROLE,
      { metadata: ns(), rules: [{ apiGroups: [''], resources: ['pods'] }] },
      'Role.rbac.authorization.k8s.io "o" is invalid: rules[0].verbs: Required value: verbs must contain at least one value',
    ],
    [
      'apiGroups required',
      ROLE,
      { metadata: ns(), rules: [{ resources: ['pods'], verbs: ['get'] }] },
      'Role.rbac.authorization.k8s.io "o" is invalid: rules[0].apiGroups: Required value: resource rules must supply at least one api group',
    ],
    [
      'namespaced rules and non-resource URLs',
      ROLE,
      { metadata: ns(), rules: [{ nonResourceURLs: ['/x'], verbs: ['get'] }] },
      'Role.rbac.authorization.k8s.io "o" is invalid: rules[0].nonResourceURLs: Invalid value: []string{"/x"}: namespaced rules cannot apply to non-resource URLs',
    ],
    ['cluster role with non-resource URLs', CROLE, { metadata: cluster(), rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] }, 'OK'],
    [
      'resources and non-resource URLs together',
      CROLE,
      { metadata: cluster(), rules: [{ nonResourceURLs: ['/x'], resources: ['pods'], apiGroups: [''], verbs: ['get'] }] },
      'ClusterRole.rbac.authorization.k8s.io "c" is invalid: rules[0].nonResourceURLs: Invalid value: []string{"/x"}: rules cannot apply to both regular resources and non-resource URLs',
    ],
    ['aggregated cluster role', CROLE, { metadata: cluster(), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] } }, 'OK'],
    ['binding', RB, { metadata: ns(), roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'alice' }, { kind: 'ServiceAccount', name: 'default' }] }, 'OK'],
    [
      'roleRef kind',
      RB,
      { metadata: ns(), roleRef: { kind: 'Foo', name: 'r' } },
      'RoleBinding.rbac.authorization.k8s.io "o" is invalid: roleRef.kind: Unsupported value: "Foo": supported values: "Role", "ClusterRole"',
    ],
    ['roleRef name', RB, { metadata: ns(), roleRef: { kind: 'Role' } }, 'RoleBinding.rbac.authorization.k8s.io "o" is invalid: roleRef.name: Required value'],
    [
      'subject kind',
      RB,
      { metadata: ns(), roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'Robot', name: 'x' }] },
      'RoleBinding.rbac.authorization.k8s.io "o" is invalid: subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ],
    [
      'service account subject group',
      RB,
      { metadata: ns(), roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'x', apiGroup: 'foo' }] },
      'RoleBinding.rbac.authorization.k8s.io "o" is invalid: subjects[0].apiGroup: Unsupported value: "foo": supported values: ""',
    ],
    [
      'cluster binding to a Role',
      CRB,
      { metadata: cluster(), roleRef: { kind: 'Role', name: 'r' } },
      'ClusterRoleBinding.rbac.authorization.k8s.io "c" is invalid: roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    ],
    [
      'cluster binding service account needs namespace',
      CRB,
      { metadata: cluster(), roleRef: { kind: 'ClusterRole', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'x' }] },
      'ClusterRoleBinding.rbac.authorization.k8s.io "c" is invalid: subjects[0].namespace: Required value',
    ],
  ];
  for (const [name, g, obj, want] of table) it(name, () => { assert.equal(createMessage(g, obj), want); });

  it('roleRef is immutable', () => {
    assert.equal(
      updateMessage(RB, { metadata: ns(), roleRef: { kind: 'Role', name: 'other' } }, { metadata: ns(), roleRef: { kind: 'Role', name: 'r' } }),
      'RoleBinding.rbac.authorization.k8s.io "o" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"other"}: cannot change roleRef',
    );
  });
  it('subjects may change', () => {
    assert.equal(updateMessage(RB, { metadata: ns(), roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'Group', name: 'g' }] }, { metadata: ns(), roleRef: { kind: 'Role', name: 'r' } }), 'OK');
  });
});
