/** PersistentVolumes and PersistentVolumeClaims. */
import { age, ageColumn, column, nameColumn, wide } from './columns.js';
import { doc } from './descriptions.js';
import { at, hasDeletionTimestamp, list, metadata, name, obj, optStr, str } from './json.js';
import { quantityField } from './quantity.js';
import type { Json, Printer } from './types.js';

/** `helper.GetAccessModesAsString`. */
export function accessModes(modes: unknown): string {
  const set = new Set(list(modes).map(str));
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

function betaStorageClass(o: Json): string | undefined {
  const annotations = obj(metadata(o)['annotations']);
  return BETA_STORAGE_CLASS_ANNOTATION in annotations ? str(annotations[BETA_STORAGE_CLASS_ANNOTATION]) : undefined;
}

export const persistentVolumePrinter: Printer = {
  columns: [
    nameColumn,
    column('Capacity', 'string', doc.pvSpecCapacity),
    column('Access Modes', 'string', doc.pvSpecAccessModes),
    column('Reclaim Policy', 'string', doc.pvSpecReclaimPolicy),
    column('Status', 'string', doc.pvStatusPhase),
    column('Claim', 'string', doc.pvSpecClaimRef),
    column('StorageClass', 'string', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    column('Reason', 'string', doc.pvStatusReason),
    ageColumn,
    wide('VolumeMode', 'string', doc.pvSpecVolumeMode),
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const status = obj(o['status']);
    const claimRef = spec['claimRef'];
    const claim = claimRef === undefined || claimRef === null
      ? ''
      : `${str(at(claimRef, 'namespace'))}/${str(at(claimRef, 'name'))}`;
    const phase = hasDeletionTimestamp(o) ? 'Terminating' : str(status['phase']);
    return {
      cells: [
        name(o), quantityField(at(spec, 'capacity', 'storage')), accessModes(spec['accessModes']),
        str(spec['persistentVolumeReclaimPolicy']), phase, claim,
        betaStorageClass(o) ?? str(spec['storageClassName']),
        optStr(spec['volumeAttributesClassName']) ?? '<unset>', str(status['reason']), age(o, now),
        optStr(spec['volumeMode']) ?? '<unset>',
      ],
    };
  },
};

export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    nameColumn,
    column('Status', 'string', doc.pvcStatusPhase),
    column('Volume', 'string', doc.pvcSpecVolumeName),
    column('Capacity', 'string', doc.pvcStatusCapacity),
    column('Access Modes', 'string', doc.pvcStatusAccessModes),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    wide('VolumeMode', 'string', doc.pvcSpecVolumeMode),
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const status = obj(o['status']);
    const volumeName = str(spec['volumeName']);
    // Capacity and access modes are only shown once the claim names a volume.
    const bound = volumeName !== '';
    return {
      cells: [
        name(o), hasDeletionTimestamp(o) ? 'Terminating' : str(status['phase']), volumeName,
        bound ? quantityField(at(status, 'capacity', 'storage')) : '', bound ? accessModes(status['accessModes']) : '',
        betaStorageClass(o) ?? str(spec['storageClassName']), optStr(spec['volumeAttributesClassName']) ?? '<unset>',
        age(o, now), optStr(spec['volumeMode']) ?? '<unset>',
      ],
    };
  },
};

