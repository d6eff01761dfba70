import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: '2024-06-01T11:55:00Z', ...extra });

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'flowcontrol.apiserver.k8s.io', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

function columns(kind: string): string[] {
  return printTable({ group: 'flowcontrol.apiserver.k8s.io', kind }, [], { now }).columnDefinitions.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

describe('flowcontrol.apiserver.k8s.io', () => {
  it('FlowSchema', () => {
    assert.deepEqual(columns('FlowSchema'), ['Name', 'PriorityLevel', 'MatchingPrecedence', 'DistinguisherMethod', 'Age', 'MissingPL']);
    assert.deepEqual(
      cells('FlowSchema', { metadata: meta('all-matcher'), spec: { priorityLevelConfiguration: { name: 'allee' }, matchingPrecedence: 2147483647, distinguisherMethod: { type: 'ByUser' } } }),
      ['all-matcher', 'allee', 2147483647, 'ByUser', '5m', '?'],
    );
    assert.deepEqual(
      cells('FlowSchema', {
        metadata: meta('exempt'),
        spec: { priorityLevelConfiguration: { name: 'exempt' }, matchingPrecedence: 1 },
        status: { conditions: [{ type: 'Dangling', status: 'False' }] },
      }),
      ['exempt', 'exempt', 1, '<none>', '5m', 'False'],
    );
  });
  it('PriorityLevelConfiguration', () => {
    assert.deepEqual(cells('PriorityLevelConfiguration', { metadata: meta('exempt'), spec: { type: 'Exempt' } }), ['exempt', 'Exempt', '<none>', '<none>', '<none>', '<none>', '5m']);
    assert.deepEqual(
      cells('PriorityLevelConfiguration', { metadata: meta('unqueued'), spec: { type: 'Limited', limited: { nominalConcurrencyShares: 47, limitResponse: { type: 'Reject' } } } }),
      ['unqueued', 'Limited', 47, '<none>', '<none>', '<none>', '5m'],
    );
    assert.deepEqual(
      cells('PriorityLevelConfiguration', {
        metadata: meta('queued'),
        spec: { type: 'Limited', limited: { nominalConcurrencyShares: 42, limitResponse: { type: 'Queue', queuing: { queues: 8, handSize: 3, queueLengthLimit: 4 } } } },
      }),
      ['queued', 'Limited', 42, 8, 3, 4, '5m'],
    );
  });
});
