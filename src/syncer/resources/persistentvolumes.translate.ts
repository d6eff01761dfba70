/**
 * Fake PersistentVolumes (spec §3.8, upstream `persistentvolumes/fake_syncer.go`): when PVs are not
 * synced, each virtual claim bound to a volume gets a virtual PV of that name, so that `kubectl get
 * pv` and the claim's binding look as in a real cluster; nothing of the host PV is shown.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { FAKE_PV_LABEL } from '../../api/labels.js';

export const FAKE_PV_PROVISIONER = 'fake-pv-provisioner';

/** The claims a fake PV named `name` exists for (`pvNeeded`). */
export function claimsOfVolume(name: string, claims: readonly PersistentVolumeClaim[]): PersistentVolumeClaim[] {
  return claims.filter((c) => (c.spec?.volumeName ?? '') === name && name !== '');
}

/** The fake PV for a bound claim (`CreateFakePersistentVolume`), without status. */
export function fakePersistentVolume(name: string, claim: PersistentVolumeClaim): PersistentVolume {
  const spec = claim.spec ?? {};
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      labels: { [FAKE_PV_LABEL]: 'true' },
      annotations: {
        'kubernetes.io/createdby': FAKE_PV_PROVISIONER,
        'pv.kubernetes.io/bound-by-controller': 'true',
        'pv.kubernetes.io/provisioned-by': FAKE_PV_PROVISIONER,
      },
    },
    spec: {
      flexVolume: { driver: 'fake' },
      ...(spec.resources?.requests === undefined ? {} : { capacity: { ...spec.resources.requests } }),
      ...(spec.accessModes === undefined ? {} : { accessModes: [...spec.accessModes] }),
      claimRef: {
        kind: 'PersistentVolumeClaim',
        namespace: claim.metadata?.namespace ?? '',
        name: claim.metadata?.name ?? '',
        uid: claim.metadata?.uid ?? '',
        apiVersion: 'v1',
        resourceVersion: claim.metadata?.resourceVersion ?? '',
      },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: spec.storageClassName ?? '',
      ...(spec.volumeMode === undefined ? {} : { volumeMode: spec.volumeMode }),
    },
  };
}

/** A fake PV reports itself bound, as the virtual cluster's volume binder would. */
export function boundStatus(pv: PersistentVolume): PersistentVolume {
  return { ...pv, status: { phase: 'Bound' } };
}
