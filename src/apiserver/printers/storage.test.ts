import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: '2024-06-01T11:55:00Z', ...extra });

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'storage.k8s.io', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

describe('storage.k8s.io', () => {
  const cases: { name: string; kind: string; obj: Json; want: Cell[] }[] = [
    {
      name: 'default StorageClass',
      kind: 'StorageClass',
      obj: {
        metadata: meta('standard', { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }),
        provisioner: 'rancher.io/local-path',
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'WaitForFirstConsumer',
      },
      want: ['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '5m'],
    },
    {
      name: 'StorageClass defaults, beta default annotation',
      kind: 'StorageClass',
      obj: { metadata: meta('sc1', { annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } }), provisioner: 'kubernetes.io/glusterfs' },
      want: ['sc1 (default)', 'kubernetes.io/glusterfs', 'Delete', 'Immediate', false, '5m'],
    },
    {
      name: 'StorageClass that is not default',
      kind: 'StorageClass',
      obj: {
        metadata: meta('fast', { annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } }),
        provisioner: 'kubernetes.io/nfs', reclaimPolicy: 'Retain', allowVolumeExpansion: true,
      },
      want: ['fast', 'kubernetes.io/nfs', 'Retain', 'Immediate', true, '5m'],
    },
    {
      name: 'CSIDriver defaults',
      kind: 'CSIDriver',
      obj: { metadata: meta('hostpath.csi.k8s.io'), spec: {} },
      want: ['hostpath.csi.k8s.io', true, false, false, '<unset>', false, '<none>', '5m'],
    },
    {
      name: 'CSIDriver fully set',
      kind: 'CSIDriver',
      obj: {
        metadata: meta('d'),
        spec: {
          attachRequired: false, podInfoOnMount: true, storageCapacity: true, requiresRepublish: true,
          tokenRequests: [{ audience: 'a' }, { audience: 'b' }], volumeLifecycleModes: ['Persistent', 'Ephemeral'],
        },
      },
      want: ['d', false, true, true, 'a,b', true, 'Persistent,Ephemeral', '5m'],
    },
    {
      name: 'CSINode',
      kind: 'CSINode',
      obj: { metadata: meta('node-1'), spec: { drivers: [{ name: 'a' }, { name: 'b' }] } },
      want: ['node-1', 2, '5m'],
    },
    {
      name: 'VolumeAttachment',
      kind: 'VolumeAttachment',
      obj: { metadata: meta('csi-123'), spec: { attacher: 'ebs.csi.aws.com', nodeName: 'node-1', source: { persistentVolumeName: 'pv-1' } }, status: { attached: true } },
      want: ['csi-123', 'ebs.csi.aws.com', 'pv-1', 'node-1', true, '5m'],
    },
    {
      name: 'VolumeAttributesClass',
      kind: 'VolumeAttributesClass',
      obj: { metadata: meta('vac2'), driverName: 'fake', parameters: { iops: '500' } },
      want: ['vac2', 'fake', '5m'],
    },
  ];
  for (const c of cases) it(c.name, () => { assert.deepEqual(cells(c.kind, c.obj), c.want); });
});

describe('CSIStorageCapacity', () => {
  it('is served with the default table, as its kube registry does', () => {
    const table = printTable({ group: 'storage.k8s.io', kind: 'CSIStorageCapacity' }, [
      { metadata: meta('csisc-1'), storageClassName: 'standard', capacity: '2048Mi' },
    ], { now });
    assert.deepEqual(table.columnDefinitions.map((c) => c.name), ['Name', 'Created At']);
    assert.deepEqual(table.rows[0]?.cells, ['csisc-1', '2024-06-01T11:55:00Z']);
  });
});
