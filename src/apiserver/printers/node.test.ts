import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: '2024-06-01T11:55:00Z', ...extra });

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'node.k8s.io', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

function columns(kind: string): string[] {
  return printTable({ group: 'node.k8s.io', kind }, [], { now }).columnDefinitions.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

describe('RuntimeClass', () => {
  it('prints the handler', () => {
    assert.deepEqual(columns('RuntimeClass'), ['Name', 'Handler', 'Age']);
    assert.deepEqual(cells('RuntimeClass', { metadata: meta('gvisor'), handler: 'runsc' }), ['gvisor', 'runsc', '5m']);
  });
});
