import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const group = 'rbac.authorization.k8s.io';

describe('RoleBinding and ClusterRoleBinding', () => {
  const binding: Json = {
    metadata: { name: 'binding2', creationTimestamp: '2024-06-01T11:55:00Z' },
    roleRef: { apiGroup: group, kind: 'Role', name: 'role-name' },
    subjects: [
      { kind: 'User', name: 'user-name' },
      { kind: 'User', name: 'alice' },
      { kind: 'Group', name: 'group-name' },
      { kind: 'ServiceAccount', name: 'service-account-name', namespace: 'service-account-namespace' },
      { kind: 'Other', name: 'ignored' },
    ],
  };
  for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
    it(`${kind} prints ROLE, AGE and the wide subject columns`, () => {
      const table = printTable({ group, kind }, [binding], { now });
      assert.deepEqual(table.columnDefinitions.map((c) => [c.name, c.priority]), [
        ['Name', 0], ['Role', 0], ['Age', 0], ['Users', 1], ['Groups', 1], ['ServiceAccounts', 1],
      ]);
      assert.equal(table.columnDefinitions[3]?.description, `Users in the ${kind === 'RoleBinding' ? 'roleBinding' : 'clusterRoleBinding'}`);
      assert.deepEqual(table.rows[0]?.cells, [
        'binding2', 'Role/role-name', '5m', 'user-name, alice', 'group-name', 'service-account-namespace/service-account-name',
      ]);
    });
  }
  it('prints empty subject columns when there are no subjects', () => {
    const table = printTable({ group, kind: 'ClusterRoleBinding' }, [{ metadata: { name: 'b' }, roleRef: { kind: 'ClusterRole', name: 'view' } }], { now });
    assert.deepEqual(table.rows[0]?.cells, ['b', 'ClusterRole/view', '<unknown>', '', '', '']);
  });
});

describe('Role and ClusterRole', () => {
  for (const kind of ['Role', 'ClusterRole']) {
    it(`${kind} gets the default table: NAME, CREATED AT`, () => {
      const table = printTable({ group, kind }, [{ metadata: { name: 'admin', creationTimestamp: '2024-05-01T10:00:00Z' }, rules: [] }], { now });
      assert.deepEqual(table.columnDefinitions.map((c) => [c.name, c.type, c.format]), [['Name', 'string', 'name'], ['Created At', 'date', '']]);
      assert.deepEqual(table.rows[0]?.cells, ['admin', '2024-05-01T10:00:00Z']);
    });
  }
});
