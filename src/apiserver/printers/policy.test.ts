import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: '2024-06-01T11:55:00Z', ...extra });

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'policy', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

function columns(kind: string): string[] {
  return printTable({ group: 'policy', kind }, [], { now }).columnDefinitions.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

describe('PodDisruptionBudget', () => {
  it('has kube columns', () => {
    assert.deepEqual(columns('PodDisruptionBudget'), ['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age']);
  });
  const cases: { name: string; spec: Json; want: Cell[] }[] = [
    { name: 'min available', spec: { minAvailable: 22 }, want: ['pdb', '22', 'N/A', 5, '5m'] },
    { name: 'max unavailable percentage', spec: { maxUnavailable: '25%' }, want: ['pdb', 'N/A', '25%', 5, '5m'] },
  ];
  for (const c of cases) {
    it(c.name, () => { assert.deepEqual(cells('PodDisruptionBudget', { metadata: meta('pdb'), spec: c.spec, status: { disruptionsAllowed: 5 } }), c.want); });
  }
});
