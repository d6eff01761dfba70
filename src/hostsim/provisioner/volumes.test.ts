import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { defaultClassOf, defaultStorageClass, findMatchingVolume, provisionedVolume } from './volumes.js';

const claim = (extra: Partial<NonNullable<PersistentVolumeClaim['spec']>> = {}): PersistentVolumeClaim => ({
  metadata: { name: 'data', namespace: 'app', uid: 'c-1', resourceVersion: '7' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'manual', ...extra },
});

const pv = (name: string, storage: string, extra: Partial<NonNullable<PersistentVolume['spec']>> = {}, labels: Record<string, string> = {}, phase = 'Available'): PersistentVolume => ({
  metadata: { name, labels },
  spec: { capacity: { storage }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], storageClassName: 'manual', hostPath: { path: `/tmp/${name}` }, ...extra },
  status: { phase },
});

describe('findMatchingVolume', () => {
  const cases: [string, PersistentVolumeClaim, PersistentVolume[], string | undefined][] = [
    ['the smallest volume that is large enough', claim(), [pv('big', '10Gi'), pv('small', '512Mi'), pv('right', '2Gi')], 'right'],
    ['none large enough', claim(), [pv('small', '512Mi')], undefined],
    ['another class', claim(), [pv('other', '5Gi', { storageClassName: 'fast' })], undefined],
    ['access modes must be covered', claim({ accessModes: ['ReadWriteMany'] }), [pv('rwo', '5Gi')], undefined],
    ['bound volumes are skipped', claim(), [pv('taken', '5Gi', { claimRef: { name: 'other', namespace: 'app' } }, {}, 'Bound')], undefined],
    ['a volume pre-bound to the claim wins', claim(), [pv('right', '1Gi'), pv('mine', '8Gi', { claimRef: { name: 'data', namespace: 'app' } })], 'mine'],
    ['the selector must match', claim({ selector: { matchLabels: { tier: 'db' } } }), [pv('web', '1Gi', {}, { tier: 'web' }), pv('db', '5Gi', {}, { tier: 'db' })], 'db'],
    ['released volumes are not reused', claim(), [pv('old', '1Gi', {}, {}, 'Released')], undefined],
  ];
  for (const [name, c, volumes, want] of cases) it(name, () => { assert.equal(findMatchingVolume(c, volumes)?.metadata?.name, want); });
});

describe('provisioning', () => {
  it('makes a hostPath volume for the claim', () => {
    const v = provisionedVolume(claim({ storageClassName: 'standard', resources: { requests: { storage: '5Gi' } } }), defaultStorageClass());
    assert.equal(v.metadata?.name, 'pvc-c-1');
    assert.deepEqual(v.spec?.capacity, { storage: '5Gi' });
    assert.deepEqual(v.spec.claimRef, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'data', namespace: 'app', uid: 'c-1', resourceVersion: '7' });
    assert.equal(v.spec.persistentVolumeReclaimPolicy, 'Delete');
    assert.equal(v.spec.storageClassName, 'standard');
    assert.equal(v.metadata.annotations?.['pv.kubernetes.io/provisioned-by'], 'vcluster-ts.io/hostpath');
    assert.equal(v.spec.hostPath?.path, '/var/lib/vcluster-ts/storage/pvc-c-1_app_data');
  });
  it('knows the default class', () => {
    const standard = defaultStorageClass();
    assert.equal(defaultClassOf([{ ...standard, metadata: { name: 'x' } }, standard])?.metadata?.name, 'standard');
    assert.equal(defaultClassOf([{ ...standard, metadata: { name: 'x' } }]), undefined);
  });
});
