import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: '2024-06-01T11:55:00Z', ...extra });

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'coordination.k8s.io', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

function columns(kind: string): string[] {
  return printTable({ group: 'coordination.k8s.io', kind }, [], { now }).columnDefinitions.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

describe('coordination.k8s.io', () => {
  it('Lease prints its holder', () => {
    assert.deepEqual(columns('Lease'), ['Name', 'Holder', 'Age']);
    assert.deepEqual(cells('Lease', { metadata: meta('kube-scheduler'), spec: { holderIdentity: 'node-1_abc' } }), ['kube-scheduler', 'node-1_abc', '5m']);
    assert.deepEqual(cells('Lease', { metadata: meta('free'), spec: {} }), ['free', '', '5m']);
  });
  it('LeaseCandidate prints lease and versions', () => {
    assert.deepEqual(
      cells('LeaseCandidate', { metadata: meta('test-lease'), spec: { leaseName: 'test-lease-name', binaryVersion: '1.32.0', emulationVersion: '1.32.0' } }),
      ['test-lease', 'test-lease-name', '1.32.0', '1.32.0', '5m'],
    );
  });
});
