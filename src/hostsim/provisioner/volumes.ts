/**
 * PersistentVolume facts the binder and the provisioner need: which available volume fits a claim
 * (kube's FindMatchingVolume: same class and volume mode, access modes covered, enough capacity,
 * selector matched; the smallest wins), and the volume a hostpath provisioner creates for a claim.
 */
import { labelSelectorMatches } from '../../api/label-selector.js';
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { quantityValue } from '../quantity.js';

export const PROVISIONER_NAME = 'vcluster-ts.io/hostpath';
export const DEFAULT_CLASS_NAME = 'standard';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';
export const PROVISIONED_BY_ANNOTATION = 'pv.kubernetes.io/provisioned-by';
export const BIND_COMPLETED_ANNOTATION = 'pv.kubernetes.io/bind-completed';
export const BOUND_BY_CONTROLLER_ANNOTATION = 'pv.kubernetes.io/bound-by-controller';
export const STORAGE_PROVISIONER_ANNOTATION = 'volume.kubernetes.io/storage-provisioner';
export const BETA_STORAGE_PROVISIONER_ANNOTATION = 'volume.beta.kubernetes.io/storage-provisioner';
export const PROVISIONER_FINALIZER = 'external-provisioner.volume.kubernetes.io/finalizer';
export const HOST_PATH_ROOT = '/var/lib/vcluster-ts/storage';

/** The `standard` StorageClass, the default. */
export function defaultStorageClass(): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: DEFAULT_CLASS_NAME, annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
    provisioner: PROVISIONER_NAME,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: false,
  };
}

export function isDefaultClass(sc: StorageClass): boolean {
  const a = sc.metadata?.annotations ?? {};
  return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}

/** The newest default class (kube's rule when there are several). */
export function defaultClassOf(classes: readonly StorageClass[]): StorageClass | undefined {
  return classes.filter(isDefaultClass).sort((a, b) => (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? ''))[0];
}

export function requestedBytes(claim: PersistentVolumeClaim): number {
  const q = claim.spec?.resources?.requests?.storage;
  try {
    return q === undefined ? 0 : quantityValue(q);
  } catch {
    return 0;
  }
}

function capacityBytes(pv: PersistentVolume): number {
  const q = pv.spec?.capacity?.storage;
  try {
    return q === undefined ? 0 : quantityValue(q);
  } catch {
    return 0;
  }
}

/** A claim without a selector takes any volume. */
function selectorMatches(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  return selector === undefined || labelSelectorMatches(selector, labels);
}

/** Whether `pv` could serve `claim` at all (ignoring whether it is free). */
export function volumeFits(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  if ((pv.spec?.storageClassName ?? '') !== (claim.spec?.storageClassName ?? '')) return false;
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (claim.spec?.volumeMode ?? 'Filesystem')) return false;
  const offered = new Set(pv.spec?.accessModes ?? []);
  if (!(claim.spec?.accessModes ?? []).every((m) => offered.has(m))) return false;
  if (capacityBytes(pv) < requestedBytes(claim)) return false;
  return selectorMatches(claim.spec?.selector, pv.metadata?.labels ?? {});
}

/** The smallest Available volume that fits, preferring one already pre-bound to this claim. */
export function findMatchingVolume(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[]): PersistentVolume | undefined {
  let best: PersistentVolume | undefined;
  for (const pv of volumes) {
    if (pv.metadata?.deletionTimestamp !== undefined) continue;
    const ref = pv.spec?.claimRef;
    const preBound = ref !== undefined && ref.name === claim.metadata?.name && (ref.namespace ?? '') === (claim.metadata?.namespace ?? '') && (ref.uid === undefined || ref.uid === claim.metadata?.uid);
    if (ref !== undefined && !preBound) continue;
    if (!preBound && pv.status?.phase !== undefined && pv.status.phase !== 'Available' && pv.status.phase !== 'Pending') continue;
    if (!volumeFits(pv, claim)) continue;
    if (preBound) return pv;
    if (!best || capacityBytes(pv) < capacityBytes(best)) best = pv;
  }
  return best;
}

/** The volume the hostpath provisioner makes for a claim of `sc`. */
export function provisionedVolume(claim: PersistentVolumeClaim, sc: StorageClass): PersistentVolume {
  const name = `pvc-${claim.metadata?.uid ?? ''}`;
  const namespace = claim.metadata?.namespace ?? '';
  const claimName = claim.metadata?.name ?? '';
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: { [PROVISIONED_BY_ANNOTATION]: sc.provisioner },
      finalizers: [PROVISIONER_FINALIZER],
    },
    spec: {
      accessModes: [...(claim.spec?.accessModes ?? ['ReadWriteOnce'])],
      capacity: { storage: claim.spec?.resources?.requests?.storage ?? '0' },
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        name: claimName,
        namespace,
        uid: claim.metadata?.uid ?? '',
        ...(claim.metadata?.resourceVersion ? { resourceVersion: claim.metadata.resourceVersion } : {}),
      },
      hostPath: { path: `${HOST_PATH_ROOT}/${name}_${namespace}_${claimName}`, type: 'DirectoryOrCreate' },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata?.name ?? '',
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      ...(sc.mountOptions && sc.mountOptions.length > 0 ? { mountOptions: [...sc.mountOptions] } : {}),
    },
  };
}
