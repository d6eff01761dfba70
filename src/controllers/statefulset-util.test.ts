import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { claimsFor, countReplicas, identityMatches, newVersionedPod, parentAndOrdinal, storageMatches } from './statefulset-util.js';

const owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1' };
const set = (image: string, partition?: number): StatefulSet => ({
  metadata: { name: 'web', namespace: 'ns' },
  spec: {
    serviceName: 'nginx',
    replicas: 3,
    selector: { matchLabels: { app: 'nginx' } },
    updateStrategy: { type: 'RollingUpdate', ...(partition !== undefined ? { rollingUpdate: { partition } } : {}) },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'c', image }], volumes: [{ name: 'config', emptyDir: {} }] } },
    volumeClaimTemplates: [{ metadata: { name: 'www', labels: { kind: 'data' } }, spec: { accessModes: ['ReadWriteOnce'] } }],
  },
});

describe('parentAndOrdinal', () => {
  const cases: [string, string, number][] = [
    ['web-0', 'web', 0],
    ['my-web-12', 'my-web', 12],
    ['web', '', -1],
    ['web-x', '', -1],
    ['-3', '', -1],
  ];
  for (const [name, parent, ordinal] of cases) {
    it(name, () => {
      assert.deepEqual(parentAndOrdinal({ metadata: { name } }), { parent, ordinal });
    });
  }
});

describe('newVersionedPod', () => {
  it('gives the pod its identity, claims and the revision of its side of the partition', () => {
    const current = set('nginx:1.25', 2);
    const update = set('nginx:1.26', 2);
    const low = newVersionedPod(current, update, owner, 'web-old', 'web-new', 1);
    const high = newVersionedPod(current, update, owner, 'web-old', 'web-new', 2);
    assert.deepEqual([low.spec?.containers[0]?.image, low.metadata?.labels?.['controller-revision-hash']], ['nginx:1.25', 'web-old']);
    assert.deepEqual([high.spec?.containers[0]?.image, high.metadata?.labels?.['controller-revision-hash']], ['nginx:1.26', 'web-new']);
    assert.equal(high.metadata?.name, 'web-2');
    assert.deepEqual(high.metadata.labels, { app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-2', 'apps.kubernetes.io/pod-index': '2', 'controller-revision-hash': 'web-new' });
    assert.deepEqual([high.spec?.hostname, high.spec?.subdomain], ['web-2', 'nginx']);
    assert.deepEqual(high.spec?.volumes, [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-2' } }, { name: 'config', emptyDir: {} }]);
    assert.equal(identityMatches(current, high), true);
    assert.equal(storageMatches(current, high), true);
    assert.equal(identityMatches(current, { ...high, metadata: { ...high.metadata, labels: { app: 'nginx' } } }), false);
    assert.equal(storageMatches(current, { ...high, spec: { containers: [] } }), false);
  });
  it('without a partition every new pod is at the update revision', () => {
    assert.equal(newVersionedPod(set('a'), set('b'), owner, 'old', 'new', 0).metadata?.labels?.['controller-revision-hash'], 'new');
  });
  it('claims are named <template>-<set>-<ordinal> with the selector labels', () => {
    const [claim] = claimsFor(set('a'), 4);
    assert.deepEqual([claim?.metadata?.name, claim?.metadata?.labels], ['www-web-4', { kind: 'data', app: 'nginx' }]);
  });
});

describe('countReplicas', () => {
  it('counts created, ready, available, current and updated pods; terminating pods are neither current nor updated', () => {
    const p = (name: string, phase: string | undefined, rev: string, ready: boolean, deleting = false): Pod => ({
      metadata: { name, labels: { 'controller-revision-hash': rev }, ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
      ...(phase ? { status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2026-01-01T00:00:00Z' }] } } : {}),
    });
    const status = { replicas: 0 };
    countReplicas(status, [p('web-0', 'Running', 'old', true), p('web-1', 'Running', 'new', true), p('web-2', 'Pending', 'new', false), p('web-3', 'Running', 'new', true, true), p('web-4', undefined, 'new', false)], 0, 'old', 'new', Date.UTC(2026, 0, 2));
    assert.deepEqual(status, { replicas: 4, readyReplicas: 3, availableReplicas: 3, currentReplicas: 1, updatedReplicas: 2 });
  });
});
