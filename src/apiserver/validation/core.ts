/**
 * The remaining core/v1 kinds: ConfigMaps, Secrets, Namespaces, ServiceAccounts,
 * PersistentVolumeClaims, PersistentVolumes, Nodes, Events, LimitRanges and ResourceQuotas.
 */
import { describeChanges } from './diff.js';
import { goUnmarshalObjectError } from './go-json.js';
import {
  child,
  duplicate,
  fieldError,
  forbidden,
  index,
  invalid,
  key,
  notSupported,
  required,
  tooLong,
  type FieldError,
} from './errors.js';
import { clone, deepEqual, obj, objArr, objOrEmpty, str, strArr, strMap, strOr, type Obj } from './json.js';
import {
  FIELD_IMMUTABLE,
  metaOf,
  validateFinalizerName,
  validateImmutable,
  validateKubeFinalizerName,
  validateKubeObjectMeta,
  validateKubeObjectMetaUpdate,
  validateLabelName,
  validateQualifiedName,
} from './meta.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { validateCSIDriverName, validateNodeSelector, validatePersistentVolumeClaimSpec, validateTaintEffect } from './pod-spec.js';
import { compareQuantity, formatQuantity, quantityMilliValue, quantityValue, tryParseQuantity, type Quantity } from './quantity.js';
import {
  isOvercommitAllowed,
  isQuantity,
  readQuantity,
  validateContainerResourceName,
  validateResourceName,
  validateResourceQuantityValue,
  validateResourceQuotaResourceName,
} from './resources.js';
import { isConfigMapKey, isDNS1123Subdomain, isDualStackPair, isQualifiedName, isValidCIDR, isValidLabelValue } from './strings.js';
import type { KindValidator } from './types.js';

/** core.MaxSecretSize, which also bounds ConfigMaps. */
export const MAX_SECRET_SIZE = 1024 * 1024;
const IMMUTABLE_WHEN_SET = 'field is immutable when `immutable` is set';

function metaCreate(namespaced: boolean, nameFn = nameIsDNSSubdomain) {
  return (o: Obj): FieldError[] => validateKubeObjectMeta(o, namespaced, nameFn);
}

// ---- ConfigMap -----------------------------------------------------------------------------

function base64Length(v: unknown): number {
  if (typeof v !== 'string') return 0;
  return Buffer.from(v, 'base64').length;
}

function validateConfigMap(o: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(o, true, nameIsDNSSubdomain);
  const data = objOrEmpty(o.data);
  const binary = objOrEmpty(o.binaryData);
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('data', k), k, m));
    if (k in binary) errs.push(invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    total += typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0;
  }
  for (const [k, v] of Object.entries(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('binaryData', k), k, m));
    total += base64Length(v);
  }
  // kube names the whole object with an empty path, which renders as "[]".
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('[]', MAX_SECRET_SIZE));
  return errs;
}

function validateImmutableData(o: Obj, old: Obj, fields: string[]): FieldError[] {
  const errs: FieldError[] = [];
  if (old.immutable !== true) return errs;
  if (o.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE_WHEN_SET));
  for (const f of fields) if (!deepEqual(o[f] ?? null, old[f] ?? null)) errs.push(forbidden(f, IMMUTABLE_WHEN_SET));
  return errs;
}

export const configMaps: KindValidator = {
  group: '',
  kind: 'ConfigMap',
  resource: 'configmaps',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: validateConfigMap,
  update: (o, old) => [...validateKubeObjectMetaUpdate(o, old), ...validateImmutableData(o, old, ['data', 'binaryData']), ...validateConfigMap(o)],
};

// ---- Secret --------------------------------------------------------------------------------

/** data with stringData merged in, as kube's conversion does before validating. */
function secretData(o: Obj): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(objOrEmpty(o.data))) out.set(k, Buffer.from(typeof v === 'string' ? v : '', 'base64'));
  for (const [k, v] of Object.entries(objOrEmpty(o.stringData))) out.set(k, Buffer.from(typeof v === 'string' ? v : '', 'utf8'));
  return out;
}

function validateSecret(o: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(o, true, nameIsDNSSubdomain);
  const data = secretData(o);
  let total = 0;
  for (const [k, v] of data) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('data', k), k, m));
    total += v.length;
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE));
  const type = strOr(o.type);
  const need = (k: string): void => {
    if (!data.has(k)) errs.push(required(key('data', k)));
  };
  switch (type) {
    case 'kubernetes.io/service-account-token':
      if (strOr((strMap(metaOf(o).annotations) ?? {})['kubernetes.io/service-account.name']) === '') {
        errs.push(required(key('metadata.annotations', 'kubernetes.io/service-account.name')));
      }
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const k = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      const raw = data.get(k);
      if (raw === undefined) {
        need(k);
        break;
      }
      const e = goUnmarshalObjectError(raw);
      if (e !== undefined) errs.push(invalid(key('data', k), '<secret contents redacted>', e));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!data.has('username') && !data.has('password')) {
        errs.push(required(key('data', 'username')), required(key('data', 'password')));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if ((data.get('ssh-privatekey')?.length ?? 0) === 0) errs.push(required(key('data', 'ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      need('tls.crt');
      need('tls.key');
      break;
    default:
  }
  return errs;
}

export const secrets: KindValidator = {
  group: '',
  kind: 'Secret',
  resource: 'secrets',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: validateSecret,
  update: (o, old) => {
    const errs = validateKubeObjectMetaUpdate(o, old);
    errs.push(...validateImmutable(strOr(o.type), strOr(old.type), 'type'));
    if (old.immutable === true) {
      if (o.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE_WHEN_SET));
      const a = secretData(o);
      const b = secretData(old);
      const same = a.size === b.size && [...a].every(([k, v]) => b.get(k)?.equals(v) === true);
      if (!same) errs.push(forbidden('data', IMMUTABLE_WHEN_SET));
    }
    errs.push(...validateSecret(o));
    return errs;
  },
};

// ---- Namespace -----------------------------------------------------------------------------

function validateNamespace(o: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(o, false, nameIsDNSLabel);
  for (const f of strArr(objOrEmpty(o.spec).finalizers)) {
    // kube reports every spec finalizer at the list itself, without an index.
    errs.push(...validateFinalizerName(f, 'spec.finalizers'), ...validateKubeFinalizerName(f, 'spec.finalizers'));
  }
  return errs;
}

export const namespaces: KindValidator = {
  group: '',
  kind: 'Namespace',
  resource: 'namespaces',
  namespaced: false,
  nameRule: 'DNS1123Label',
  create: validateNamespace,
  update: (o, old) => [...validateNamespace(o), ...validateKubeObjectMetaUpdate(o, old)],
};

// ---- ServiceAccount ------------------------------------------------------------------------

export const serviceAccounts: KindValidator = {
  group: '',
  kind: 'ServiceAccount',
  resource: 'serviceaccounts',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: metaCreate(true),
  update: (o, old) => [...validateKubeObjectMetaUpdate(o, old), ...validateKubeObjectMeta(o, true, nameIsDNSSubdomain)],
};

// ---- PersistentVolumeClaim -----------------------------------------------------------------

function validatePVC(o: Obj): FieldError[] {
  return [...validateKubeObjectMeta(o, true, nameIsDNSSubdomain), ...validatePersistentVolumeClaimSpec(objOrEmpty(o.spec), 'spec')];
}

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

function validatePVCUpdate(o: Obj, old: Obj): FieldError[] {
  const errs = [...validateKubeObjectMetaUpdate(o, old), ...validatePVC(o)];
  const newSpec = clone(objOrEmpty(o.spec));
  const oldSpec = clone(objOrEmpty(old.spec));
  // The volume binder fills volumeName once.
  if (strOr(oldSpec.volumeName) === '') oldSpec.volumeName = newSpec.volumeName;
  const oldAnn = strMap(metaOf(old).annotations) ?? {};
  const newAnn = strMap(metaOf(o).annotations) ?? {};
  const oldSC = str(oldSpec.storageClassName);
  const newSC = str(newSpec.storageClassName);
  const oldAnnSC = oldAnn[BETA_STORAGE_CLASS];
  const fromAnnotation =
    oldAnnSC !== undefined && oldSC === undefined && newSC === oldAnnSC && (newAnn[BETA_STORAGE_CLASS] === undefined || newAnn[BETA_STORAGE_CLASS] === oldAnnSC);
  if (fromAnnotation) {
    delete newSpec.storageClassName;
  } else {
    if ((newAnn[BETA_STORAGE_CLASS] ?? '') !== (oldAnnSC ?? '')) {
      errs.push(invalid(key('metadata.annotations', BETA_STORAGE_CLASS), newAnn[BETA_STORAGE_CLASS] ?? '', FIELD_IMMUTABLE));
    }
    if (newSC !== undefined && oldSC === undefined && (oldAnnSC === undefined || newSC === oldAnnSC)) {
      delete newSpec.storageClassName;
    }
  }
  const newRequests = obj(objOrEmpty(newSpec.resources).requests);
  if (strOr(objOrEmpty(o.status).phase) === 'Bound' && newRequests !== undefined) {
    newRequests.storage = objOrEmpty(objOrEmpty(oldSpec.resources).requests).storage;
  }
  newSpec.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  if (!deepEqual(newSpec, oldSpec)) {
    errs.push(
      forbidden(
        'spec',
        `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${describeChanges(oldSpec, newSpec)}`,
      ),
    );
  }
  const size = (x: Obj, path: 'spec' | 'status'): Quantity | undefined =>
    tryParseQuantity(path === 'spec' ? objOrEmpty(objOrEmpty(objOrEmpty(x.spec).resources).requests).storage : objOrEmpty(objOrEmpty(x.status).capacity).storage);
  const newSize = size(o, 'spec');
  const oldSize = size(old, 'spec');
  const statusSize = size(old, 'status') ?? { nanos: 0n, format: 'DecimalSI' as const };
  if (newSize !== undefined && oldSize !== undefined && compareQuantity(newSize, oldSize) < 0 && compareQuantity(newSize, statusSize) <= 0) {
    errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  errs.push(...validateImmutable(objOrEmpty(o.spec).volumeMode, objOrEmpty(old.spec).volumeMode, 'volumeMode'));
  return errs;
}

export const persistentVolumeClaims: KindValidator = {
  group: '',
  kind: 'PersistentVolumeClaim',
  resource: 'persistentvolumeclaims',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: validatePVC,
  update: validatePVCUpdate,
};

// ---- PersistentVolume ----------------------------------------------------------------------

const PV_SOURCES: readonly [string, string][] = [
  ['hostPath', 'hostPath'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['nfs', 'nfs'],
  ['rbd', 'rbd'],
  ['quobyte', 'quobyte'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephfs'],
  ['iscsi', 'iscsi'],
  ['fc', 'fc'],
  ['azureFile', 'azureFile'],
  ['flexVolume', 'flexVolume'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['scaleIO', 'scaleIO'],
  ['local', 'local'],
  ['storageos', 'storageos'],
  ['csi', 'csi'],
];
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];

function validatePVSpec(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const modes = strArr(spec.accessModes);
  if (modes.length === 0) errs.push(required('spec.accessModes'), required('spec.accessModes'));
  let rwop = false;
  let other = false;
  for (const m of modes) {
    if (!ACCESS_MODES.includes(m)) errs.push(notSupported('spec.accessModes', m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(forbidden('spec.accessModes', 'may not use ReadWriteOncePod with other access modes'));
  const capacity = objOrEmpty(spec.capacity);
  const names = Object.keys(capacity);
  if (names.length === 0) errs.push(required('spec.capacity'));
  if (!('storage' in capacity) || names.length > 1) errs.push(notSupported('spec.capacity', capacity, ['storage']));
  for (const [r, raw] of Object.entries(capacity)) {
    const p = key('spec.capacity', r);
    const q = readQuantity(raw, p);
    if (!isQuantity(q)) {
      errs.push(q);
      continue;
    }
    if (q.nanos < 0n) errs.push(invalid(p, Number(quantityValue(q)), 'must be a valid resource quantity'));
    if (q.nanos <= 0n) errs.push(invalid(p, formatQuantity(q), 'must be greater than zero'));
  }
  const rp = strOr(spec.persistentVolumeReclaimPolicy);
  if (rp !== '' && !RECLAIM_POLICIES.includes(rp)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', rp, RECLAIM_POLICIES));
  const na = obj(spec.nodeAffinity);
  if (na !== undefined) {
    const req = obj(na.required);
    if (req === undefined) errs.push(required('spec.nodeAffinity.required'));
    else errs.push(...validateNodeSelector(req, 'spec.nodeAffinity.required'));
  }
  let count = 0;
  for (const [k, errName] of PV_SOURCES) {
    const src = obj(spec[k]);
    if (src === undefined) continue;
    if (count > 0) {
      errs.push(forbidden(child('spec', errName), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    const p = child('spec', k);
    if (k === 'hostPath' || k === 'local' || k === 'nfs') {
      if (strOr(src.path) === '') errs.push(required(child(p, 'path')));
      if (k === 'nfs' && strOr(src.server) === '') errs.push(required(child(p, 'server')));
    }
    if (k === 'local' && na === undefined) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
    if (k === 'csi') {
      errs.push(...validateCSIDriverName(strOr(src.driver), child(p, 'driver')));
      if (strOr(src.volumeHandle) === '') errs.push(required(child(p, 'volumeHandle')));
    }
  }
  if (count === 0) errs.push(required('spec', 'must specify a volume type'));
  const hostPath = obj(spec.hostPath);
  if (hostPath !== undefined && /^\/+$/.test(strOr(hostPath.path)) && rp === 'Recycle') {
    errs.push(forbidden('spec.persistentVolumeReclaimPolicy', "may not be 'recycle' for a hostPath mount of '/'"));
  }
  const sc = strOr(spec.storageClassName);
  if (sc !== '') for (const m of isDNS1123Subdomain(sc)) errs.push(invalid('spec.storageClassName', sc, m));
  const vm = str(spec.volumeMode);
  if (vm !== undefined && !VOLUME_MODES.includes(vm)) errs.push(notSupported('spec.volumeMode', vm, VOLUME_MODES));
  return errs;
}

function pvSource(spec: Obj): Obj {
  const out: Obj = {};
  for (const [k] of PV_SOURCES) if (spec[k] !== undefined) out[k] = spec[k];
  return out;
}

export const persistentVolumes: KindValidator = {
  group: '',
  kind: 'PersistentVolume',
  resource: 'persistentvolumes',
  namespaced: false,
  nameRule: 'DNS1123Subdomain',
  create: (o) => [...validateKubeObjectMeta(o, false, nameIsDNSSubdomain), ...validatePVSpec(objOrEmpty(o.spec))],
  update: (o, old) => {
    const errs = [...validateKubeObjectMetaUpdate(o, old), ...validateKubeObjectMeta(o, false, nameIsDNSSubdomain), ...validatePVSpec(objOrEmpty(o.spec))];
    const spec = objOrEmpty(o.spec);
    const oldSpec = objOrEmpty(old.spec);
    const newSrc = pvSource(spec);
    const oldSrc = pvSource(oldSpec);
    // Adding a controller-expand secret to a CSI volume that had none is allowed.
    const newCSI = obj(newSrc.csi);
    if (newCSI !== undefined && obj(oldSrc.csi)?.controllerExpandSecretRef == null && newCSI.controllerExpandSecretRef != null) {
      newSrc.csi = { ...newCSI, controllerExpandSecretRef: undefined };
    }
    if (!deepEqual(newSrc, oldSrc)) {
      errs.push(forbidden('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n${describeChanges(oldSrc, newSrc)}`));
    }
    errs.push(...validateImmutable(spec.volumeMode, oldSpec.volumeMode, 'volumeMode'));
    if (oldSpec.nodeAffinity != null && !deepEqual(spec.nodeAffinity, oldSpec.nodeAffinity)) {
      errs.push(invalid('nodeAffinity', spec.nodeAffinity ?? null, FIELD_IMMUTABLE));
    }
    return errs;
  },
};

// ---- Node ----------------------------------------------------------------------------------

function validateTaints(taints: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  objArr(taints).forEach((t, i) => {
    const p = index(field, i);
    const k = strOr(t.key);
    const effect = strOr(t.effect);
    errs.push(...validateLabelName(k, child(p, 'key')));
    const v = strOr(t.value);
    const msgs = isValidLabelValue(v);
    if (msgs.length > 0) errs.push(invalid(child(p, 'value'), v, msgs.join(';')));
    errs.push(...validateTaintEffect(effect, false, child(p, 'effect')));
    const keys = unique.get(effect) ?? new Set<string>();
    if (keys.has(k)) {
      errs.push(fieldError('FieldValueDuplicate', p, 'taints must be unique by key and effect pair', t));
      return;
    }
    keys.add(k);
    unique.set(effect, keys);
  });
  return errs;
}

function validateNodeResources(o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const status = objOrEmpty(o.status);
  for (const section of ['capacity', 'allocatable']) {
    for (const [k, raw] of Object.entries(objOrEmpty(status[section]))) {
      const p = `status.${section}.${k}`;
      const q = readQuantity(raw, p);
      if (!isQuantity(q)) errs.push(q);
      else errs.push(...validateResourceQuantityValue(k, q, p));
    }
  }
  return errs;
}

function validateNode(o: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(o, false, nameIsDNSSubdomain);
  const spec = objOrEmpty(o.spec);
  // kube reports taint problems under metadata.taints.
  errs.push(...validateTaints(spec.taints, 'metadata.taints'));
  errs.push(...validateNodeResources(o));
  // v1 conversion fills podCIDRs from the singular podCIDR.
  const cidrs = strArr(spec.podCIDRs).length > 0 || strOr(spec.podCIDR) === '' ? strArr(spec.podCIDRs) : [strOr(spec.podCIDR)];
  cidrs.forEach((c, i) => errs.push(...isValidCIDR(index('spec.podCIDRs', i), c)));
  if (cidrs.length > 1) {
    if (!isDualStackPair(cidrs, true)) errs.push(invalid('spec.podCIDRs', cidrs, 'may specify no more than one CIDR for each IP family'));
    const seen = new Set<string>();
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(duplicate(index('spec.podCIDRs', i), c));
      seen.add(c);
    });
  }
  return errs;
}

export const nodes: KindValidator = {
  group: '',
  kind: 'Node',
  resource: 'nodes',
  namespaced: false,
  nameRule: 'DNS1123Subdomain',
  create: validateNode,
  update: (o, old) => {
    const errs = [...validateNode(o), ...validateKubeObjectMetaUpdate(o, old)];
    const spec = objOrEmpty(o.spec);
    const oldSpec = objOrEmpty(old.spec);
    const seen = new Set<string>();
    objArr(objOrEmpty(o.status).addresses).forEach((a, i) => {
      const k = `${strOr(a.type)}/${strOr(a.address)}`;
      if (seen.has(k)) errs.push(duplicate(index('status.addresses', i), a));
      seen.add(k);
    });
    const oldCIDRs = strArr(oldSpec.podCIDRs);
    // v1 conversion fills podCIDRs from the singular podCIDR.
  const cidrs = strArr(spec.podCIDRs).length > 0 || strOr(spec.podCIDR) === '' ? strArr(spec.podCIDRs) : [strOr(spec.podCIDR)];
    if (oldCIDRs.length > 0) {
      const msg = 'node updates may not change podCIDR except from "" to valid';
      if (oldCIDRs.length !== cidrs.length) errs.push(forbidden('spec.podCIDRs', msg));
      else oldCIDRs.forEach((c, i) => c !== cidrs[i] && errs.push(forbidden('spec.podCIDRs', msg)));
    }
    const oldProvider = strOr(oldSpec.providerID);
    if (oldProvider !== '' && oldProvider !== strOr(spec.providerID)) {
      errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
    }
    if (strOr(spec.externalID) !== strOr(oldSpec.externalID)) errs.push(forbidden('spec.externalID', 'may not be updated'));
    return errs;
  },
};

// ---- Event (core/v1) -----------------------------------------------------------------------

/**
 * legacyValidateEvent for requests in core/v1 (and the events.k8s.io rules, selected by
 * `reportingField`). Event names are only checked by the generic path-segment rule.
 */
export function legacyValidateEvent(ev: Obj, reportingField: 'reportingComponent' | 'reportingController', view: EventView): FieldError[] {
  const errs: FieldError[] = [];
  const ns = strOr(metaOf(ev).namespace);
  const involvedNS = view.involvedNamespace;
  if (view.eventTime === '') {
    if (involvedNS === '') {
      if (ns !== '' && ns !== 'default') errs.push(invalid('involvedObject.namespace', involvedNS, 'does not match event.namespace'));
    } else if (ns !== involvedNS) {
      errs.push(invalid('involvedObject.namespace', involvedNS, 'does not match event.namespace'));
    }
  } else {
    if (involvedNS === '' && ns !== 'default' && ns !== 'kube-system') {
      errs.push(invalid('involvedObject.namespace', involvedNS, 'does not match event.namespace'));
    }
    if (view.reportingController === '') errs.push(required(reportingField));
    errs.push(...validateQualifiedName(view.reportingController, reportingField));
    if (view.reportingInstance === '') errs.push(required('reportingInstance'));
    if (view.reportingInstance.length > 128) errs.push(invalid('reportingInstance', '', 'can have at most 128 characters'));
    if (view.action === '') errs.push(required('action'));
    if (view.action.length > 128) errs.push(invalid('action', '', 'can have at most 128 characters'));
    if (view.reason === '') errs.push(required('reason'));
    if (view.reason.length > 128) errs.push(invalid('reason', '', 'can have at most 128 characters'));
    if (view.message.length > 1024) errs.push(invalid('message', '', 'can have at most 1024 characters'));
  }
  for (const m of isDNS1123Subdomain(ns)) errs.push(invalid('namespace', ns, m));
  return errs;
}

/** The fields of an Event that validation reads, from either wire form. */
export interface EventView {
  involvedNamespace: string;
  eventTime: string;
  reportingController: string;
  reportingInstance: string;
  action: string;
  reason: string;
  message: string;
}

export function coreEventView(ev: Obj): EventView {
  return {
    involvedNamespace: strOr(objOrEmpty(ev.involvedObject).namespace),
    eventTime: strOr(ev.eventTime),
    reportingController: strOr(ev.reportingComponent),
    reportingInstance: strOr(ev.reportingInstance),
    action: strOr(ev.action),
    reason: strOr(ev.reason),
    message: strOr(ev.message),
  };
}

export const events: KindValidator = {
  group: '',
  kind: 'Event',
  resource: 'events',
  namespaced: true,
  nameRule: 'PathSegment',
  create: (o) => legacyValidateEvent(o, 'reportingComponent', coreEventView(o)),
  update: (o) => legacyValidateEvent(o, 'reportingComponent', coreEventView(o)),
};

// ---- LimitRange ----------------------------------------------------------------------------

const LIMIT_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);

function limitResourceName(type: string, name: string, field: string): FieldError[] {
  return type === 'Pod' || type === 'Container' ? validateContainerResourceName(name, field) : validateResourceName(name, field);
}

function validateLimitRange(o: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(o, true, nameIsDNSSubdomain);
  const types = new Set<string>();
  objArr(objOrEmpty(o.spec).limits).forEach((limit, i) => {
    const p = index('spec.limits', i);
    const type = strOr(limit.type);
    const typeErrs = isQualifiedName(type).map((m) => invalid(child(p, 'type'), type, m));
    errs.push(...typeErrs);
    if (typeErrs.length === 0 && !type.includes('/') && !LIMIT_TYPES.has(type)) {
      errs.push(invalid(child(p, 'type'), type, 'must be a standard limit type or fully qualified'));
    }
    if (types.has(type)) errs.push(duplicate(child(p, 'type'), type));
    types.add(type);
    const read = (section: string): Map<string, Quantity> => {
      const out = new Map<string, Quantity>();
      for (const [k, raw] of Object.entries(objOrEmpty(limit[section]))) {
        const kp = key(child(p, section), k);
        errs.push(...limitResourceName(type, k, kp));
        const q = readQuantity(raw, kp);
        if (isQuantity(q)) out.set(k, q);
        else errs.push(q);
      }
      return out;
    };
    const max = read('max');
    const min = read('min');
    let defaults = new Map<string, Quantity>();
    let defaultRequests = new Map<string, Quantity>();
    if (type === 'Pod') {
      if (Object.keys(objOrEmpty(limit.default)).length > 0) errs.push(forbidden(child(p, 'default'), "may not be specified when `type` is 'Pod'"));
      if (Object.keys(objOrEmpty(limit.defaultRequest)).length > 0) errs.push(forbidden(child(p, 'defaultRequest'), "may not be specified when `type` is 'Pod'"));
    } else {
      defaults = read('default');
      defaultRequests = read('defaultRequest');
    }
    if (type === 'PersistentVolumeClaim' && !min.has('storage') && !max.has('storage')) {
      errs.push(required(child(p, 'limits'), 'either minimum or maximum storage value is required, but neither was provided'));
    }
    const ratios = read('maxLimitRequestRatio');
    const keys = new Set([...max.keys(), ...min.keys(), ...defaults.keys(), ...defaultRequests.keys(), ...ratios.keys()]);
    for (const k of keys) {
      const mn = min.get(k);
      const mx = max.get(k);
      const df = defaults.get(k);
      const dr = defaultRequests.get(k);
      const ratio = ratios.get(k);
      const f = formatQuantity;
      if (mn && mx && compareQuantity(mn, mx) > 0) errs.push(invalid(key(child(p, 'min'), k), f(mn), `min value ${f(mn)} is greater than max value ${f(mx)}`));
      if (dr && mn && compareQuantity(mn, dr) > 0) errs.push(invalid(key(child(p, 'defaultRequest'), k), f(dr), `min value ${f(mn)} is greater than default request value ${f(dr)}`));
      if (dr && mx && compareQuantity(dr, mx) > 0) errs.push(invalid(key(child(p, 'defaultRequest'), k), f(dr), `default request value ${f(dr)} is greater than max value ${f(mx)}`));
      if (dr && df && compareQuantity(dr, df) > 0) errs.push(invalid(key(child(p, 'defaultRequest'), k), f(dr), `default request value ${f(dr)} is greater than default limit value ${f(df)}`));
      if (df && mn && compareQuantity(mn, df) > 0) errs.push(invalid(key(child(p, 'default'), k), f(mn), `min value ${f(mn)} is greater than default value ${f(df)}`));
      if (df && mx && compareQuantity(df, mx) > 0) errs.push(invalid(key(child(p, 'default'), k), f(mx), `default value ${f(df)} is greater than max value ${f(mx)}`));
      if (ratio && ratio.nanos < 1_000_000_000n) errs.push(invalid(key(child(p, 'maxLimitRequestRatio'), k), f(ratio), `ratio ${f(ratio)} is less than 1`));
      if (ratio && mn && mx) {
        const limit = Number(quantityMilliValue(mx)) / Number(quantityMilliValue(mn));
        if (Number(quantityMilliValue(ratio)) / 1000 > limit) {
          errs.push(invalid(key(child(p, 'maxLimitRequestRatio'), k), f(ratio), `ratio ${f(ratio)} is greater than max/min = ${limit.toFixed(6)}`));
        }
      }
      if (!isOvercommitAllowed(k) && df && dr && compareQuantity(df, dr) !== 0) {
        errs.push(invalid(key(child(p, 'defaultRequest'), k), f(dr), `default value ${f(df)} must equal to defaultRequest value ${f(dr)} in ${k}`));
      }
    }
  });
  return errs;
}

export const limitRanges: KindValidator = {
  group: '',
  kind: 'LimitRange',
  resource: 'limitranges',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: validateLimitRange,
  update: (o, old) => [...validateKubeObjectMetaUpdate(o, old), ...validateLimitRange(o)],
};

// ---- ResourceQuota -------------------------------------------------------------------------

const QUOTA_SCOPES = new Set(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity']);
const POD_COMPUTE = new Set(['pods', 'cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);

function scopeValidForResource(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating':
    case 'NotTerminating':
    case 'NotBestEffort':
    case 'PriorityClass':
    case 'CrossNamespacePodAffinity':
      return POD_COMPUTE.has(resource);
    case 'BestEffort':
      return resource === 'pods';
    default:
      return true;
  }
}

function validateQuotaList(list: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, raw] of Object.entries(objOrEmpty(list))) {
    const p = key(field, k);
    errs.push(...validateResourceQuotaResourceName(k, p));
    const q = readQuantity(raw, p);
    if (!isQuantity(q)) errs.push(q);
    else errs.push(...validateResourceQuantityValue(k, q, p));
  }
  return errs;
}

function validateResourceQuota(o: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(o, true, nameIsDNSSubdomain);
  const spec = objOrEmpty(o.spec);
  errs.push(...validateQuotaList(spec.hard, 'spec.hard'));
  const hard = Object.keys(objOrEmpty(spec.hard)).sort();
  const scopes = strArr(spec.scopes);
  for (const scope of scopes) {
    if (!QUOTA_SCOPES.has(scope)) errs.push(invalid('spec.scopes', scopes, 'unsupported scope'));
    for (const r of hard) {
      if (!r.includes('/') && !scopeValidForResource(scope, r)) errs.push(invalid('spec.scopes', scopes, 'unsupported scope applied to resource'));
    }
  }
  const conflicting = (set: Set<string>): boolean =>
    (set.has('BestEffort') && set.has('NotBestEffort')) || (set.has('Terminating') && set.has('NotTerminating'));
  if (conflicting(new Set(scopes))) errs.push(invalid('spec.scopes', scopes, 'conflicting scopes'));
  const selector = obj(spec.scopeSelector);
  if (selector !== undefined) {
    const p = 'spec.scopeSelector.matchExpressions';
    const seen = new Set<string>();
    for (const req of objArr(selector.matchExpressions)) {
      const scope = strOr(req.scopeName);
      const op = strOr(req.operator);
      if (!QUOTA_SCOPES.has(scope)) errs.push(invalid(child(p, 'scopeName'), scope, 'unsupported scope'));
      if (['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'].includes(scope) && op !== 'Exists') {
        errs.push(
          invalid(
            child(p, 'operator'),
            op,
            "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
          ),
        );
      }
      const values = strArr(req.values);
      if (op === 'In' || op === 'NotIn') {
        if (values.length === 0) errs.push(required(child(p, 'values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
      } else if (op === 'Exists' || op === 'DoesNotExist') {
        if (values.length !== 0) errs.push(invalid(child(p, 'values'), values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
      } else {
        errs.push(invalid(child(p, 'operator'), op, 'not a valid selector operator'));
      }
      seen.add(scope);
    }
    if (conflicting(seen)) errs.push(invalid(p, scopes, 'conflicting scopes'));
  }
  const status = objOrEmpty(o.status);
  errs.push(...validateQuotaList(status.hard, 'status.hard'), ...validateQuotaList(status.used, 'status.used'));
  return errs;
}

export const resourceQuotas: KindValidator = {
  group: '',
  kind: 'ResourceQuota',
  resource: 'resourcequotas',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: validateResourceQuota,
  update: (o, old) => {
    const errs = [...validateKubeObjectMetaUpdate(o, old), ...validateResourceQuota(o)];
    const a = new Set(strArr(objOrEmpty(o.spec).scopes));
    const b = new Set(strArr(objOrEmpty(old.spec).scopes));
    if (a.size !== b.size || [...a].some((s) => !b.has(s))) errs.push(invalid('spec.scopes', strArr(objOrEmpty(o.spec).scopes), FIELD_IMMUTABLE));
    return errs;
  },
};

