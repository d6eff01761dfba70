import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');

function cells(o: Json): Cell[] {
  const r = printTable({ group: 'apiregistration.k8s.io', kind: 'APIService' }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

describe('APIService', () => {
  it('has kube-aggregator columns', () => {
    const defs = printTable({ group: 'apiregistration.k8s.io', kind: 'APIService' }, [], { now }).columnDefinitions;
    assert.deepEqual(defs.map((c) => c.name), ['Name', 'Service', 'Available', 'Age']);
  });
  const cases: { name: string; obj: Json; want: Cell[] }[] = [
    {
      name: 'local and available',
      obj: { metadata: { name: 'v1.apps', creationTimestamp: '2024-06-01T11:00:00Z' }, spec: { group: 'apps', version: 'v1' }, status: { conditions: [{ type: 'Available', status: 'True', reason: 'Local' }] } },
      want: ['v1.apps', 'Local', 'True', '60m'],
    },
    {
      name: 'aggregated and failing',
      obj: {
        metadata: { name: 'v1beta1.metrics.k8s.io', creationTimestamp: '2024-06-01T11:00:00Z' },
        spec: { service: { namespace: 'kube-system', name: 'metrics-server' } },
        status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints' }] },
      },
      want: ['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'False (MissingEndpoints)', '60m'],
    },
    {
      name: 'no condition yet',
      obj: { metadata: { name: 'v1.x.io' }, spec: { service: { namespace: 'ns', name: 'svc' } } },
      want: ['v1.x.io', 'ns/svc', 'Unknown', '<unknown>'],
    },
  ];
  for (const c of cases) it(c.name, () => { assert.deepEqual(cells(c.obj), c.want); });
});
