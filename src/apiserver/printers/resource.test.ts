import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: '2024-06-01T11:55:00Z', ...extra });

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'resource.k8s.io', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

function columns(kind: string): string[] {
  return printTable({ group: 'resource.k8s.io', kind }, [], { now }).columnDefinitions.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

describe('resource.k8s.io', () => {
  const claim = (extra: Json, status: Json = {}): Json => ({ metadata: meta('claim', extra), spec: {}, status });
  const cases: { name: string; obj: Json; state: string }[] = [
    { name: 'pending', obj: claim({}), state: 'pending' },
    { name: 'allocated and reserved', obj: claim({}, { allocation: {}, reservedFor: [{ resource: 'pods', name: 'p', uid: 'u' }] }), state: 'allocated,reserved' },
    { name: 'allocated', obj: claim({}, { allocation: {} }), state: 'allocated' },
    { name: 'deleted', obj: claim({ deletionTimestamp: '2024-06-01T12:00:00Z' }), state: 'deleted' },
    { name: 'deleted while allocated', obj: claim({ deletionTimestamp: '2024-06-01T12:00:00Z' }, { allocation: {} }), state: 'deleted,allocated' },
  ];
  for (const c of cases) it(`ResourceClaim ${c.name}`, () => { assert.deepEqual(cells('ResourceClaim', c.obj), ['claim', c.state, '5m']); });
  it('DeviceClass and ResourceClaimTemplate print name and age', () => {
    assert.deepEqual(columns('DeviceClass'), ['Name', 'Age']);
    assert.deepEqual(cells('DeviceClass', { metadata: meta('gpu') }), ['gpu', '5m']);
    assert.deepEqual(cells('ResourceClaimTemplate', { metadata: { name: 't' } }), ['t', '<unknown>']);
  });
  it('ResourceSlice prints node, driver and pool', () => {
    assert.deepEqual(columns('ResourceSlice'), ['Name', 'Node', 'Driver', 'Pool', 'Age']);
    assert.deepEqual(
      cells('ResourceSlice', { metadata: meta('s'), spec: { nodeName: 'nodeName', driver: 'driverName', pool: { name: 'poolName', resourceSliceCount: 1 } } }),
      ['s', 'nodeName', 'driverName', 'poolName', '5m'],
    );
  });
});
