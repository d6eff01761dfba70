import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import { printedKinds } from './registry.js';
import type { Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');

const cm = (name: string, rv: string): Json => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', resourceVersion: rv, uid: `uid-${name}`, creationTimestamp: '2024-06-01T11:00:00Z', labels: { a: 'b' } },
  data: { k: 'v' },
});

describe('printTable envelope', () => {
  it('lists: Table kind, list metadata, rows with PartialObjectMetadata by default', () => {
    const table = printTable({ group: '', kind: 'ConfigMap' }, [cm('one', '10'), cm('two', '11')], {
      now,
      listMeta: { resourceVersion: '42', continue: 'token', remainingItemCount: 3 },
    });
    assert.equal(table.kind, 'Table');
    assert.equal(table.apiVersion, 'meta.k8s.io/v1');
    assert.deepEqual(table.metadata, { resourceVersion: '42', continue: 'token', remainingItemCount: 3 });
    assert.deepEqual(table.columnDefinitions.map((c) => c.name), ['Name', 'Data', 'Age']);
    assert.deepEqual(table.rows.map((r) => r.cells), [['one', 1, '60m'], ['two', 1, '60m']]);
    assert.deepEqual(table.rows[0]?.object, {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'one', namespace: 'default', resourceVersion: '10', uid: 'uid-one', creationTimestamp: '2024-06-01T11:00:00Z', labels: { a: 'b' } },
    });
  });

  it('leaves empty list metadata fields out', () => {
    const table = printTable({ group: '', kind: 'ConfigMap' }, [], { now, listMeta: { resourceVersion: '7', continue: '' } });
    assert.deepEqual(table.metadata, { resourceVersion: '7' });
    assert.deepEqual(table.rows, []);
  });

  it('a watch event (one object, no list metadata) carries the object resourceVersion', () => {
    const table = printTable({ group: '', kind: 'ConfigMap' }, [cm('one', '99')], { now });
    assert.deepEqual(table.metadata, { resourceVersion: '99' });
    assert.equal(table.rows.length, 1);
  });

  it('includeObject=Object embeds the object, None embeds nothing', () => {
    const o = cm('one', '1');
    assert.deepEqual(printTable({ group: '', kind: 'ConfigMap' }, [o], { now, includeObject: 'Object' }).rows[0]?.object, o);
    const none = printTable({ group: '', kind: 'ConfigMap' }, [o], { now, includeObject: 'None' }).rows[0];
    assert.ok(none);
    assert.equal('object' in none, false);
  });

  it('noHeaders drops the column definitions', () => {
    assert.deepEqual(printTable({ group: '', kind: 'ConfigMap' }, [cm('a', '1')], { now, noHeaders: true }).columnDefinitions, []);
  });

  it('column definitions carry every field, wide ones at priority 1', () => {
    const defs = printTable({ group: '', kind: 'Pod' }, [], { now }).columnDefinitions;
    assert.deepEqual(defs[0], {
      name: 'Name',
      type: 'string',
      format: 'name',
      description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
      priority: 0,
    });
    assert.deepEqual(defs.map((c) => [c.name, c.type, c.priority]), [
      ['Name', 'string', 0], ['Ready', 'string', 0], ['Status', 'string', 0], ['Restarts', 'string', 0], ['Age', 'string', 0],
      ['IP', 'string', 1], ['Node', 'string', 1], ['Nominated Node', 'string', 1], ['Readiness Gates', 'string', 1],
    ]);
    assert.ok(defs.every((d) => d.description !== '' && typeof d.format === 'string'));
  });

  it('never shares column definitions between tables', () => {
    const a = printTable({ group: '', kind: 'Pod' }, [], { now });
    const first = a.columnDefinitions[0];
    assert.ok(first);
    first.name = 'changed';
    assert.equal(printTable({ group: '', kind: 'Pod' }, [], { now }).columnDefinitions[0]?.name, 'Name');
  });

  it('prints a non-object item as an empty object', () => {
    const table = printTable({ group: '', kind: 'ConfigMap' }, [null as unknown as Json], { now });
    assert.deepEqual(table.rows, [{ cells: ['', 0, '<unknown>'], object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: {} } }]);
  });

  it('prints objects of unexpected shape without crashing', () => {
    for (const kind of printedKinds()) {
      const [group = '', k = ''] = kind.split('/');
      for (const o of [{}, { metadata: null, spec: 'x', status: [1] }, { metadata: { name: 5 }, spec: { containers: 'no' } }]) {
        const table = printTable({ group, kind: k }, [o], { now });
        assert.equal(table.rows.length, 1, kind);
        assert.ok(table.rows[0]?.cells.every((c) => c === null || ['string', 'number', 'boolean'].includes(typeof c)), kind);
      }
    }
  });
});

describe('default table', () => {
  const cases: [group: string, kind: string][] = [
    ['rbac.authorization.k8s.io', 'Role'],
    ['rbac.authorization.k8s.io', 'ClusterRole'],
    ['apiextensions.k8s.io', 'CustomResourceDefinition'],
    ['', 'LimitRange'],
    ['storage.k8s.io', 'CSIStorageCapacity'],
    ['example.com', 'Unknown'],
  ];
  for (const [group, kind] of cases) {
    it(`${group || 'core'}/${kind}: NAME, CREATED AT`, () => {
      const table = printTable({ group, kind }, [
        { metadata: { name: 'x', creationTimestamp: '2024-05-01T10:00:00Z' } },
        { metadata: { name: 'y' } },
      ], { now });
      assert.deepEqual(table.columnDefinitions.map((c) => ({ name: c.name, type: c.type, format: c.format, priority: c.priority })), [
        { name: 'Name', type: 'string', format: 'name', priority: 0 },
        { name: 'Created At', type: 'date', format: '', priority: 0 },
      ]);
      assert.match(table.columnDefinitions[1]?.description ?? '', /^CreationTimestamp is a timestamp/);
      assert.deepEqual(table.rows.map((r) => r.cells), [['x', '2024-05-01T10:00:00Z'], ['y', '0001-01-01T00:00:00Z']]);
    });
  }
});

describe('registry', () => {
  it('covers the kinds kubectl users list', () => {
    const kinds = new Set(printedKinds());
    for (const k of [
      '/Pod', '/Namespace', '/Node', '/Service', '/Endpoints', '/ConfigMap', '/Secret', '/ServiceAccount', '/Event',
      'events.k8s.io/Event', '/PersistentVolumeClaim', '/PersistentVolume', 'apps/Deployment', 'apps/ReplicaSet',
      'apps/StatefulSet', 'apps/DaemonSet', 'apps/ControllerRevision', '/ReplicationController', 'batch/Job',
      'batch/CronJob', 'networking.k8s.io/Ingress', 'networking.k8s.io/IngressClass', 'networking.k8s.io/NetworkPolicy',
      'policy/PodDisruptionBudget', 'apiregistration.k8s.io/APIService', 'scheduling.k8s.io/PriorityClass', 'storage.k8s.io/StorageClass',
      'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode',
      'storage.k8s.io/VolumeAttachment', 'node.k8s.io/RuntimeClass', 'coordination.k8s.io/Lease',
      'rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRoleBinding', '/ResourceQuota',
      '/PodTemplate', 'discovery.k8s.io/EndpointSlice', 'autoscaling/HorizontalPodAutoscaler',
    ]) {
      assert.ok(kinds.has(k), k);
    }
    assert.equal(kinds.has('rbac.authorization.k8s.io/Role'), false);
    assert.equal(kinds.has('/LimitRange'), false);
    assert.equal(kinds.has('storage.k8s.io/CSIStorageCapacity'), false);
  });
});
