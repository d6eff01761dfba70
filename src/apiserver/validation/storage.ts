/**
 * storage.k8s.io/v1: StorageClasses, CSIDrivers, CSINodes, CSIStorageCapacities and
 * VolumeAttachments.
 */
import { child, duplicate, forbidden, index, invalid, notSupported, required, tooLong, type FieldError } from './errors.js';
import { deepEqual, obj, objArr, objOrEmpty, str, strArr, strMap, strOr, type Obj } from './json.js';
import { IS_NEGATIVE, metaOf, validateImmutable, validateKubeObjectMeta, validateKubeObjectMetaUpdate, validateLabelName, validateLabelSelector } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { validateCSIDriverName } from './pod-spec.js';
import { formatQuantity, tryParseQuantity } from './quantity.js';
import { isQualifiedName } from './strings.js';
import type { KindValidator } from './types.js';

const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;
const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

function validateAllowedTopologies(terms: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const seen: string[] = [];
  objArr(terms).forEach((term, i) => {
    const p = index('allowedTopologies', i);
    const exprMap: Record<string, string[]> = {};
    objArr(term.matchLabelExpressions).forEach((rq, j) => {
      const rp = index(child(p, 'matchLabelExpressions'), j);
      const values = strArr(rq.values);
      if (values.length === 0) errs.push(required(child(rp, 'values')));
      const set = new Set<string>();
      values.forEach((v, k) => {
        if (set.has(v)) errs.push(duplicate(index(child(rp, 'values'), k), v));
        set.add(v);
      });
      const k = strOr(rq.key);
      errs.push(...validateLabelName(k, child(rp, 'key')));
      if (k in exprMap) errs.push(duplicate(child(rp, 'key'), k));
      exprMap[k] = [...set].sort();
    });
    const canonical = JSON.stringify(Object.keys(exprMap).sort().map((k) => [k, exprMap[k]]));
    if (seen.includes(canonical)) errs.push(duplicate(child(p, 'matchLabelExpressions'), ''));
    seen.push(canonical);
  });
  return errs;
}

function validateStorageClass(sc: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(sc, false, nameIsDNSSubdomain);
  const provisioner = strOr(sc.provisioner);
  if (provisioner === '') errs.push(required('provisioner', provisioner));
  else for (const m of isQualifiedName(provisioner.toLowerCase())) errs.push(invalid('provisioner', provisioner, m));
  const params = strMap(sc.parameters) ?? {};
  const keys = Object.keys(params);
  if (keys.length > MAX_PARAMETERS) errs.push(tooLong('parameters', MAX_PARAMETERS));
  else {
    let size = 0;
    for (const k of keys) {
      if (k.length < 1) errs.push(invalid('parameters', k, 'field can not be empty.'));
      size += Buffer.byteLength(k) + Buffer.byteLength(params[k] ?? '');
    }
    if (size > MAX_PARAMETERS_SIZE) errs.push(tooLong('parameters', MAX_PARAMETERS_SIZE));
  }
  const rp = strOr(sc.reclaimPolicy);
  if (rp !== '' && !RECLAIM_POLICIES.includes(rp)) errs.push(notSupported('reclaimPolicy', rp, RECLAIM_POLICIES));
  const mode = str(sc.volumeBindingMode);
  if (mode === undefined) errs.push(required('volumeBindingMode'));
  else if (!BINDING_MODES.includes(mode)) errs.push(notSupported('volumeBindingMode', mode, BINDING_MODES));
  errs.push(...validateAllowedTopologies(sc.allowedTopologies));
  return errs;
}

export const storageClasses: KindValidator = {
  group: 'storage.k8s.io',
  kind: 'StorageClass',
  resource: 'storageclasses',
  namespaced: false,
  nameRule: 'DNS1123Subdomain',
  create: validateStorageClass,
  update: (o, old) => {
    const errs = [...validateStorageClass(o), ...validateKubeObjectMetaUpdate(o, old)];
    if (!deepEqual(o.parameters, old.parameters)) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
    if (strOr(o.provisioner) !== strOr(old.provisioner)) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (strOr(o.reclaimPolicy) !== strOr(old.reclaimPolicy)) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    errs.push(...validateImmutable(o.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode'));
    return errs;
  },
};

// ---- CSIDriver -----------------------------------------------------------------------------

const FS_GROUP_POLICIES = ['File', 'None', 'ReadWriteOnceWithFSType'];
const LIFECYCLE_MODES = ['Ephemeral', 'Persistent'];

function validateCSIDriver(d: Obj): FieldError[] {
  const errs = validateCSIDriverName(strOr(metaOf(d).name), 'name');
  const spec = objOrEmpty(d.spec);
  if (spec.attachRequired == null) errs.push(required('spec.attachedRequired', 'must specify attachRequired'));
  if (spec.podInfoOnMount == null) errs.push(required('spec.podInfoOnMount', 'must specify podOnMount'));
  if (spec.storageCapacity == null) errs.push(required('spec.storageCapacity', 'must specify storageCapacity'));
  const fsg = str(spec.fsGroupPolicy);
  if (fsg !== undefined && !FS_GROUP_POLICIES.includes(fsg)) errs.push(notSupported('spec.fsGroupPolicy', fsg, FS_GROUP_POLICIES));
  const audiences = new Set<string>();
  objArr(spec.tokenRequests).forEach((tr, i) => {
    const p = index('spec.tokenRequests', i);
    const aud = strOr(tr.audience);
    if (audiences.has(aud)) errs.push(duplicate(child(p, 'audience'), aud));
    audiences.add(aud);
    const exp = tr.expirationSeconds;
    if (typeof exp === 'number') {
      if (exp < 600) errs.push(invalid(child(p, 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(invalid(child(p, 'expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
    }
  });
  for (const m of strArr(spec.volumeLifecycleModes)) {
    if (!LIFECYCLE_MODES.includes(m)) errs.push(notSupported('spec.volumeLifecycleModes', m, LIFECYCLE_MODES));
  }
  if (spec.seLinuxMount == null) errs.push(required('spec.seLinuxMount', 'must specify seLinuxMount'));
  return errs;
}

export const csiDrivers: KindValidator = {
  group: 'storage.k8s.io',
  kind: 'CSIDriver',
  resource: 'csidrivers',
  namespaced: false,
  nameRule: 'DNS1123Subdomain',
  create: validateCSIDriver,
  update: (o, old) => {
    const errs = [...validateKubeObjectMetaUpdate(o, old), ...validateCSIDriver(o)];
    const spec = objOrEmpty(o.spec);
    const oldSpec = objOrEmpty(old.spec);
    errs.push(...validateImmutable(spec.volumeLifecycleModes, oldSpec.volumeLifecycleModes, 'spec.volumeLifecycleModes'));
    errs.push(...validateImmutable(spec.fsGroupPolicy, oldSpec.fsGroupPolicy, 'spec.fsGroupPolicy'));
    return errs;
  },
};

// ---- CSINode -------------------------------------------------------------------------------

function validateCSINode(n: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(n, false, nameIsDNSSubdomain);
  const names = new Set<string>();
  objArr(objOrEmpty(n.spec).drivers).forEach((d, i) => {
    const p = index('spec.drivers', i);
    const name = strOr(d.name);
    errs.push(...validateCSIDriverName(name, child(p, 'name')));
    const nodeID = strOr(d.nodeID);
    if (nodeID === '') errs.push(required(child(p, 'nodeID'), nodeID));
    if (nodeID.length > 192) errs.push(invalid(child(p, 'nodeID'), nodeID, 'must be 192 characters or less'));
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    names.add(name);
    const keys = new Set<string>();
    for (const k of strArr(d.topologyKeys)) {
      if (k === '') errs.push(required(p, k));
      if (keys.has(k)) errs.push(duplicate(p, k));
      keys.add(k);
      for (const m of isQualifiedName(k)) errs.push(invalid(p, d.topologyKeys, m));
    }
    const count = obj(d.allocatable)?.count;
    if (typeof count === 'number' && count < 0) errs.push(invalid(child(p, 'allocatable', 'count'), count, 'must be greater than or equal to 0'));
  });
  return errs;
}

export const csiNodes: KindValidator = {
  group: 'storage.k8s.io',
  kind: 'CSINode',
  resource: 'csinodes',
  namespaced: false,
  nameRule: 'DNS1123Subdomain',
  create: validateCSINode,
  update: (o, old) => {
    const errs = [...validateCSINode(o), ...validateKubeObjectMetaUpdate(o, old)];
    const oldDrivers = objArr(objOrEmpty(old.spec).drivers);
    for (const d of objArr(objOrEmpty(o.spec).drivers)) {
      const prev = oldDrivers.find((x) => strOr(x.name) === strOr(d.name));
      if (prev !== undefined && !deepEqual({ ...prev, allocatable: undefined }, { ...d, allocatable: undefined })) {
        errs.push(invalid('CSINodeDriver', d, 'field is immutable'));
      }
    }
    return errs;
  },
};

// ---- CSIStorageCapacity --------------------------------------------------------------------

function validateCSIStorageCapacity(c: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(c, true, nameIsDNSSubdomain);
  errs.push(...validateLabelSelector(c.nodeTopology, 'nodeTopology'));
  const sc = strOr(c.storageClassName);
  for (const m of nameIsDNSSubdomain(sc, false)) errs.push(invalid('storageClassName', sc, m));
  for (const k of ['capacity', 'maximumVolumeSize']) {
    const q = tryParseQuantity(c[k]);
    if (q !== undefined && q.nanos < 0n) errs.push(invalid(k, formatQuantity(q), IS_NEGATIVE));
  }
  return errs;
}

export const csiStorageCapacities: KindValidator = {
  group: 'storage.k8s.io',
  kind: 'CSIStorageCapacity',
  resource: 'csistoragecapacities',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: validateCSIStorageCapacity,
  update: (o, old) => [
    ...validateCSIStorageCapacity(o),
    ...validateKubeObjectMetaUpdate(o, old),
    ...validateImmutable(o.storageClassName, old.storageClassName, 'storageClassName'),
    ...validateImmutable(o.nodeTopology, old.nodeTopology, 'nodeTopology'),
  ],
};

// ---- VolumeAttachment ----------------------------------------------------------------------

function validateVolumeAttachment(va: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(va, false, nameIsDNSSubdomain);
  const spec = objOrEmpty(va.spec);
  const attacher = strOr(spec.attacher);
  if (attacher === '') errs.push(required('spec.attacher', attacher));
  const source = objOrEmpty(spec.source);
  const pv = str(source.persistentVolumeName);
  const inline = source.inlineVolumeSpec;
  if (pv === undefined && inline == null) errs.push(required('spec.source', 'must specify exactly one of inlineVolumeSpec and persistentVolumeName'));
  else if (pv !== undefined && inline != null) errs.push(forbidden('spec.source', 'must specify exactly one of inlineVolumeSpec and persistentVolumeName'));
  else if (pv !== undefined && pv === '') errs.push(required('spec.source.persistentVolumeName', 'must specify non empty persistentVolumeName'));
  const node = strOr(spec.nodeName);
  for (const m of nameIsDNSSubdomain(node, false)) errs.push(invalid('spec.nodeName', node, m));
  // The v1 API also requires a CSI driver name as the attacher.
  if (attacher !== '') errs.push(...validateCSIDriverName(attacher, 'spec.attacher'));
  if (pv !== undefined && pv !== '') for (const m of nameIsDNSSubdomain(pv, false)) errs.push(invalid('spec.source.persistentVolumeName', pv, m));
  return errs;
}

export const volumeAttachments: KindValidator = {
  group: 'storage.k8s.io',
  kind: 'VolumeAttachment',
  resource: 'volumeattachments',
  namespaced: false,
  nameRule: 'DNS1123Subdomain',
  create: validateVolumeAttachment,
  update: (o, old) => {
    const errs = [...validateKubeObjectMetaUpdate(o, old), ...validateVolumeAttachment(o)];
    if (!deepEqual(o.spec, old.spec)) errs.push(invalid('spec', o.spec ?? null, 'field is immutable'));
    return errs;
  },
};
