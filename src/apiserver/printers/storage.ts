/**
 * Printers of the storage.k8s.io group. CSIStorageCapacity has a print handler in kube, but its
 * registry serves the default table (Name, Created At), so it has none here.
 */
import { age, ageColumn, column, nameColumn } from './columns.js';
import { doc } from './descriptions.js';
import { at, bool, list, metadata, name, obj, objects, optBool, optStr, str } from './json.js';
import type { GroupPrinters, Json, Printer } from './types.js';

function annotation(o: Json, key: string): string | undefined {
  return optStr(obj(metadata(o)['annotations'])[key]);
}

/** `storageutil.IsDefaultAnnotation`: the GA or the beta is-default-class annotation is "true". */
function isDefaultClass(o: Json): boolean {
  return annotation(o, 'storageclass.kubernetes.io/is-default-class') === 'true'
    || annotation(o, 'storageclass.beta.kubernetes.io/is-default-class') === 'true';
}

const storageClass: Printer = {
  columns: [
    nameColumn,
    column('Provisioner', 'string', doc.storageClassProvisioner),
    column('ReclaimPolicy', 'string', doc.storageClassReclaimPolicy),
    column('VolumeBindingMode', 'string', doc.storageClassVolumeBindingMode),
    column('AllowVolumeExpansion', 'string', doc.storageClassAllowVolumeExpansion),
    ageColumn,
  ],
  row(o, now) {
    return {
      cells: [
        isDefaultClass(o) ? `${name(o)} (default)` : name(o), str(o['provisioner']),
        optStr(o['reclaimPolicy']) ?? 'Delete', optStr(o['volumeBindingMode']) ?? 'Immediate',
        optBool(o['allowVolumeExpansion']) ?? false, age(o, now),
      ],
    };
  },
};

const volumeAttributesClass: Printer = {
  columns: [nameColumn, column('DriverName', 'string', doc.volumeAttributesClassDriverName), ageColumn],
  row(o, now) {
    const isDefault = annotation(o, 'volumeattributesclass.alpha.kubernetes.io/is-default-class') === 'true';
    return { cells: [isDefault ? `${name(o)} (default)` : name(o), str(o['driverName']), age(o, now)] };
  },
};

const csiDriver: Printer = {
  columns: [
    nameColumn,
    column('AttachRequired', 'boolean', doc.csiDriverSpecAttachRequired),
    column('PodInfoOnMount', 'boolean', doc.csiDriverSpecPodInfoOnMount),
    column('StorageCapacity', 'boolean', doc.csiDriverSpecStorageCapacity),
    column('TokenRequests', 'string', doc.csiDriverSpecTokenRequests),
    column('RequiresRepublish', 'boolean', doc.csiDriverSpecRequiresRepublish),
    column('Modes', 'string', doc.csiDriverSpecVolumeLifecycleModes),
    ageColumn,
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const tokenRequests = Array.isArray(spec['tokenRequests'])
      ? objects(spec['tokenRequests']).map((t) => str(t['audience'])).join(',')
      : '<unset>';
    const modes = list(spec['volumeLifecycleModes']).map(str).join(',');
    return {
      cells: [
        name(o), optBool(spec['attachRequired']) ?? true, optBool(spec['podInfoOnMount']) ?? false,
        optBool(spec['storageCapacity']) ?? false, tokenRequests, optBool(spec['requiresRepublish']) ?? false,
        modes === '' ? '<none>' : modes, age(o, now),
      ],
    };
  },
};

const csiNode: Printer = {
  columns: [
    nameColumn,
    column('Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'),
    ageColumn,
  ],
  row(o, now) {
    return { cells: [name(o), list(at(o, 'spec', 'drivers')).length, age(o, now)] };
  },
};

const volumeAttachment: Printer = {
  columns: [
    nameColumn,
    column('Attacher', 'string', doc.volumeAttachmentSpecAttacher, { format: 'name' }),
    column('PV', 'string', doc.volumeAttachmentSourcePersistentVolumeName),
    column('Node', 'string', doc.volumeAttachmentSpecNodeName),
    column('Attached', 'boolean', doc.volumeAttachmentStatusAttached),
    ageColumn,
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    return {
      cells: [
        name(o), str(spec['attacher']), str(at(spec, 'source', 'persistentVolumeName')), str(spec['nodeName']),
        bool(at(o, 'status', 'attached')), age(o, now),
      ],
    };
  },
};

export const storagePrinters: GroupPrinters = {
  group: 'storage.k8s.io',
  kinds: {
    StorageClass: storageClass,
    VolumeAttributesClass: volumeAttributesClass,
    CSIDriver: csiDriver,
    CSINode: csiNode,
    VolumeAttachment: volumeAttachment,
  },
};
