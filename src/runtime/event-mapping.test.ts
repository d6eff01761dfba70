import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../api/object.js';
import { allOf, controllerOf, enqueueObject, enqueueOwner, generationChanged, labelsChanged, ownerReference, resourceVersionChanged, type ObjectEvent } from './event-mapping.js';

const obj = (meta: KubeObject['metadata']): KubeObject => ({ metadata: meta });

describe('enqueueOwner', () => {
  const refs = [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: '1', controller: true },
    { apiVersion: 'apps/v1beta2', kind: 'ReplicaSet', name: 'old-version', uid: '2' },
    { apiVersion: 'example.com/v1', kind: 'ReplicaSet', name: 'other-group', uid: '3', controller: true },
    { apiVersion: 'v1', kind: 'Node', name: 'n', uid: '4', controller: true },
  ];
  const pod = obj({ namespace: 'ns', name: 'p', ownerReferences: refs });
  const cases: [string, Parameters<typeof enqueueOwner>[0], string[]][] = [
    ['controller only (default)', { group: 'apps', kind: 'ReplicaSet' }, ['ns/rs']],
    ['any owner of the kind, any version', { group: 'apps', kind: 'ReplicaSet', controllerOnly: false }, ['ns/rs', 'ns/old-version']],
    ['core group, cluster-scoped owner keeps the namespace', { group: '', kind: 'Node' }, ['ns/n']],
    ['no match', { group: 'batch', kind: 'Job' }, []],
  ];
  for (const [name, selector, want] of cases) {
    it(name, () => {
      assert.deepEqual([...enqueueOwner(selector)(pod)], want);
    });
  }
  it('enqueueObject keys by namespace/name', () => {
    assert.deepEqual([...enqueueObject(pod)], ['ns/p']);
    assert.deepEqual([...enqueueObject(obj({ name: 'cluster-wide' }))], ['cluster-wide']);
  });
  it('controllerOf finds the controlling reference', () => {
    assert.equal(controllerOf(pod)?.name, 'rs');
    assert.equal(controllerOf(obj({ name: 'x' })), undefined);
  });
});

describe('ownerReference', () => {
  it('builds a controller reference', () => {
    assert.deepEqual(ownerReference({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', uid: 'u1' } }), {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'web',
      uid: 'u1',
      controller: true,
      blockOwnerDeletion: true,
    });
  });
  it('refuses an owner without uid', () => {
    assert.throws(() => ownerReference({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }), /uid/);
  });
});

describe('predicates', () => {
  const a = obj({ name: 'x', generation: 1, resourceVersion: '1', labels: { app: 'a' } });
  const statusOnly = obj({ name: 'x', generation: 1, resourceVersion: '2', labels: { app: 'a' } });
  const specChange = obj({ name: 'x', generation: 2, resourceVersion: '3', labels: { app: 'a' } });
  const relabel = obj({ name: 'x', generation: 1, resourceVersion: '4', labels: { app: 'b' } });
  const update = (old: KubeObject, o: KubeObject): ObjectEvent<KubeObject> => ({ type: 'update', old, obj: o });
  const cases: [string, (e: ObjectEvent<KubeObject>) => boolean, ObjectEvent<KubeObject>, boolean][] = [
    ['generation: status-only update skipped', generationChanged, update(a, statusOnly), false],
    ['generation: spec update passes', generationChanged, update(a, specChange), true],
    ['generation: adds pass', generationChanged, { type: 'add', obj: a }, true],
    ['generation: deletes pass', generationChanged, { type: 'delete', obj: a }, true],
    ['resourceVersion: resync skipped', resourceVersionChanged, update(a, a), false],
    ['resourceVersion: real update passes', resourceVersionChanged, update(a, statusOnly), true],
    ['labels: unchanged skipped', labelsChanged, update(a, specChange), false],
    ['labels: changed passes', labelsChanged, update(a, relabel), true],
    ['allOf', allOf(resourceVersionChanged, labelsChanged), update(a, statusOnly), false],
  ];
  for (const [name, predicate, event, want] of cases) {
    it(name, () => {
      assert.equal(predicate(event), want);
    });
  }
});
