import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { boundStatus, claimsOfVolume, fakePersistentVolume } from './persistentvolumes.translate.js';

const claim: PersistentVolumeClaim = {
  metadata: { name: 'data', namespace: 'app', uid: 'claim-uid', resourceVersion: '42' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem', volumeName: 'pvc-abc' },
};

describe('fake persistent volumes', () => {
  it('the fake PV for a bound claim (upstream CreateFakePersistentVolume)', () => {
    assert.deepEqual(boundStatus(fakePersistentVolume('pvc-abc', claim)), {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: 'pvc-abc',
        labels: { 'vcluster.loft.sh/fake-pv': 'true' },
        annotations: {
          'kubernetes.io/createdby': 'fake-pv-provisioner',
          'pv.kubernetes.io/bound-by-controller': 'true',
          'pv.kubernetes.io/provisioned-by': 'fake-pv-provisioner',
        },
      },
      spec: {
        flexVolume: { driver: 'fake' },
        capacity: { storage: '5Gi' },
        accessModes: ['ReadWriteOnce'],
        claimRef: { kind: 'PersistentVolumeClaim', namespace: 'app', name: 'data', uid: 'claim-uid', apiVersion: 'v1', resourceVersion: '42' },
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'standard',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    });
  });
  it('a claim without a class gives an empty class', () => {
    assert.equal(fakePersistentVolume('v', { metadata: { name: 'c', namespace: 'n' }, spec: {} }).spec?.storageClassName, '');
  });
  const needed: [string, PersistentVolumeClaim[], number][] = [
    ['pvc-abc', [claim], 1],
    ['other', [claim], 0],
    ['', [{ spec: {} }], 0],
  ];
  for (const [name, claims, count] of needed) {
    it(`claims of volume "${name}"`, () => {
      assert.equal(claimsOfVolume(name, claims).length, count);
    });
  }
});
