import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: '2024-06-01T11:55:00Z', ...extra });

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'certificates.k8s.io', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

function columns(kind: string): string[] {
  return printTable({ group: 'certificates.k8s.io', kind }, [], { now }).columnDefinitions.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

describe('CertificateSigningRequest', () => {
  it('has kube columns', () => {
    assert.deepEqual(columns('CertificateSigningRequest'), ['Name', 'Age', 'SignerName', 'Requestor', 'RequestedDuration', 'Condition']);
  });
  const cases: { name: string; csr: Json; want: Cell[] }[] = [
    { name: 'pending', csr: { metadata: meta('csr1'), spec: {} }, want: ['csr1', '5m', '<none>', '', '<none>', 'Pending'] },
    {
      name: 'approved with a signer and a duration',
      csr: {
        metadata: meta('csr2'),
        spec: { username: 'CSR Requestor', signerName: 'example.com/test-signer', expirationSeconds: 7 * 24 * 3600 + 3600 },
        status: { conditions: [{ type: 'Approved', status: 'True' }] },
      },
      want: ['csr2', '5m', 'example.com/test-signer', 'CSR Requestor', '7d1h', 'Approved'],
    },
    {
      name: 'approved and issued',
      csr: { metadata: meta('csr3'), spec: { username: 'u' }, status: { conditions: [{ type: 'Approved' }], certificate: 'Y2VydA==' } },
      want: ['csr3', '5m', '<none>', 'u', '<none>', 'Approved,Issued'],
    },
    {
      name: 'denied and failed',
      csr: { metadata: meta('csr4'), spec: {}, status: { conditions: [{ type: 'Approved' }, { type: 'Denied' }, { type: 'Failed' }] } },
      want: ['csr4', '5m', '<none>', '', '<none>', 'Denied,Failed'],
    },
  ];
  for (const c of cases) it(c.name, () => { assert.deepEqual(cells('CertificateSigningRequest', c.csr), c.want); });
  it('ClusterTrustBundle prints its signer', () => {
    assert.deepEqual(cells('ClusterTrustBundle', { metadata: meta('b'), spec: { signerName: 'test-signer-name' } }), ['b', 'test-signer-name']);
  });
});
