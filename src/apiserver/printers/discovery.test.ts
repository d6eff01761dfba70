import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: '2024-06-01T11:55:00Z', ...extra });

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'discovery.k8s.io', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

function columns(kind: string): string[] {
  return printTable({ group: 'discovery.k8s.io', kind }, [], { now }).columnDefinitions.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

describe('EndpointSlice', () => {
  it('has kube columns', () => { assert.deepEqual(columns('EndpointSlice'), ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']); });
  const cases: { name: string; slice: Json; want: Cell[] }[] = [
    {
      name: 'one port, two addresses',
      slice: { metadata: meta('abcslice.123'), addressType: 'IPv4', ports: [{ name: 'http', port: 80, protocol: 'TCP' }], endpoints: [{ addresses: ['10.1.2.3', '2001:db8::1234:5678'] }] },
      want: ['abcslice.123', 'IPv4', '80', '10.1.2.3,2001:db8::1234:5678', '5m'],
    },
    {
      name: 'more than three ports and endpoints',
      slice: {
        metadata: meta('multiportslice.123'),
        addressType: 'IPv4',
        ports: [{ port: 80 }, { port: 443 }, { port: 3000 }, { port: 3001 }],
        endpoints: [{ addresses: ['10.1.2.3', '2001:db8::1234:5678'] }, { addresses: ['10.2.3.4', '2001:db8::2345:6789'] }],
      },
      want: ['multiportslice.123', 'IPv4', '80,443,3000 + 1 more...', '10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...', '5m'],
    },
    {
      name: 'named and wildcard ports, no endpoints',
      slice: { metadata: meta('s'), addressType: 'FQDN', ports: [{ name: 'dns' }, {}], endpoints: [] },
      want: ['s', 'FQDN', 'dns,*', '<unset>', '5m'],
    },
    {
      name: 'nothing at all',
      slice: { metadata: meta('empty'), addressType: 'IPv6' },
      want: ['empty', 'IPv6', '<unset>', '<unset>', '5m'],
    },
  ];
  for (const c of cases) it(c.name, () => { assert.deepEqual(cells('EndpointSlice', c.slice), c.want); });
});
