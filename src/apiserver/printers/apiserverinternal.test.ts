import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: '2024-06-01T11:55:00Z', ...extra });

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'internal.apiserver.k8s.io', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

function columns(kind: string): string[] {
  return printTable({ group: 'internal.apiserver.k8s.io', kind }, [], { now }).columnDefinitions.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

describe('StorageVersion', () => {
  const sv = (status: Json): Json => ({ metadata: meta('sv'), status });
  const cases: { name: string; status: Json; want: Cell[] }[] = [
    { name: 'empty', status: {}, want: ['sv', '<unset>', '<unset>', '5m'] },
    {
      name: 'agreeing servers',
      status: { commonEncodingVersion: 'v1', storageVersions: [{ apiServerID: '1', encodingVersion: 'v1' }, { apiServerID: '2', encodingVersion: 'v1' }] },
      want: ['sv', 'v1', '1=v1,2=v1', '5m'],
    },
    {
      name: 'more than three servers',
      status: { commonEncodingVersion: 'v1', storageVersions: ['1', '2', '3', '4'].map((id) => ({ apiServerID: id, encodingVersion: 'v1' })) },
      want: ['sv', 'v1', '1=v1,2=v1,3=v1 + 1 more...', '5m'],
    },
  ];
  for (const c of cases) it(c.name, () => { assert.deepEqual(cells('StorageVersion', sv(c.status)), c.want); });
  it('has kube columns', () => { assert.deepEqual(columns('StorageVersion'), ['Name', 'CommonEncodingVersion', 'StorageVersions', 'Age']); });
});
