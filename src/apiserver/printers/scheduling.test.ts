import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: '2024-06-01T11:55:00Z', ...extra });

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'scheduling.k8s.io', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

function columns(kind: string): string[] {
  return printTable({ group: 'scheduling.k8s.io', kind }, [], { now }).columnDefinitions.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

describe('PriorityClass', () => {
  it('has kube columns; PreemptionPolicy is not a wide column', () => {
    assert.deepEqual(columns('PriorityClass'), ['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy']);
  });
  it('prints value, global default and policy', () => {
    assert.deepEqual(
      cells('PriorityClass', { metadata: meta('system-cluster-critical'), value: 2000000000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' }),
      ['system-cluster-critical', 2000000000, false, '5m', 'PreemptLowerPriority'],
    );
    assert.deepEqual(cells('PriorityClass', { metadata: meta('pc'), value: 1, globalDefault: true }), ['pc', 1, true, '5m', '']);
  });
});
