/**
 * PodSpec validation (pkg/apis/core/validation), shared by Pods and every pod template (Deployments,
 * Jobs, …): containers, volumes, probes, security context, scheduling constraints.
 */
import {
  child,
  duplicate,
  fieldError,
  forbidden,
  goValue,
  index,
  internalError,
  invalid,
  key,
  notFound,
  notSupported,
  required,
  type FieldError,
} from './errors.js';
import { goQuote } from './go-format.js';
import { isObj, num, obj, objArr, objOrEmpty, str, strArr, strMap, strOr, type Obj } from './json.js';
import {
  validateAnnotations,
  validateLabelName,
  validateLabels,
  validateLabelSelector,
  validateNonnegative,
  validateQualifiedName,
} from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { formatQuantity, tryParseQuantity } from './quantity.js';
import { readQuantity, isQuantity, validateResourceRequirements } from './resources.js';
import {
  inclusiveRangeError,
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isHTTPHeaderName,
  isValidGroupID,
  isValidIP,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  isValidUserID,
} from './strings.js';

export interface PodValidationOptions {
  /** The spec is a Pod's own, not a template inside another object. */
  resourceIsPod: boolean;
}

const MAX_INT32 = 2147483647;
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validateDNS1123Label(value: string, field: string): FieldError[] {
  return isDNS1123Label(value).map((m) => invalid(field, value, m));
}

export function validateDNS1123Subdomain(value: string, field: string): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => invalid(field, value, m));
}

function validateNameWith(fn: (n: string, p: boolean) => string[], value: string, field: string): FieldError[] {
  return fn(value, false).map((m) => invalid(field, value, m));
}

// ---- paths inside volumes ------------------------------------------------------------------

function validatePathNoBacksteps(target: string, field: string): FieldError[] {
  return target.split('/').includes('..') ? [invalid(field, target, "must not contain '..'")] : [];
}

function validateLocalDescendingPath(target: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(invalid(field, target, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(target, field));
  return errs;
}

function validateLocalNonReservedPath(target: string, field: string): FieldError[] {
  const errs = validateLocalDescendingPath(target, field);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(field, target, "must not start with '..'"));
  return errs;
}

function validateMode(mode: unknown, field: string): FieldError[] {
  const m = num(mode);
  return m !== undefined && (m > 0o777 || m < 0) ? [invalid(field, m, FILE_MODE_ERROR)] : [];
}

function validateKeyToPath(kp: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (strOr(kp.key) === '') errs.push(required(child(field, 'key')));
  if (strOr(kp.path) === '') errs.push(required(child(field, 'path')));
  errs.push(...validateLocalNonReservedPath(strOr(kp.path), child(field, 'path')));
  errs.push(...validateMode(kp.mode, child(field, 'mode')));
  return errs;
}

// ---- downward API --------------------------------------------------------------------------

const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const DOWNWARD_LABELS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

function splitSubscripted(path: string): [string, string] | undefined {
  if (!path.endsWith("']")) return undefined;
  const s = path.slice(0, -2);
  const i = s.indexOf("['");
  if (i <= 0) return undefined;
  return [s.slice(0, i), s.slice(i + 2)];
}

/** podshelper.ConvertDownwardAPIFieldLabel. */
function convertDownwardLabel(version: string, label: string): string {
  if (version !== 'v1') throw new Error(`unsupported pod version: ${version}`);
  const sub = splitSubscripted(label);
  if (sub !== undefined) {
    if (sub[0] === 'metadata.annotations' || sub[0] === 'metadata.labels') return label;
    throw new Error(`field label does not support subscript: ${label}`);
  }
  if (DOWNWARD_LABELS.has(label)) return label;
  if (label === 'spec.host') return 'spec.nodeName';
  throw new Error(`field label not supported: ${label}`);
}

function validateObjectFieldSelector(fs: Obj, expressions: readonly string[], field: string): FieldError[] {
  const apiVersion = strOr(fs.apiVersion);
  if (apiVersion === '') return [required(child(field, 'apiVersion'))];
  const fieldPath = strOr(fs.fieldPath);
  if (fieldPath === '') return [required(child(field, 'fieldPath'))];
  let internal: string;
  try {
    internal = convertDownwardLabel(apiVersion, fieldPath);
  } catch (e) {
    return [invalid(child(field, 'fieldPath'), fieldPath, `error converting fieldPath: ${(e as Error).message}`)];
  }
  const sub = splitSubscripted(internal);
  if (sub !== undefined) {
    const [path, subscript] = sub;
    if (path === 'metadata.annotations') return validateQualifiedName(subscript.toLowerCase(), field);
    if (path === 'metadata.labels') return validateQualifiedName(subscript, field);
    return [invalid(field, path, 'does not support subscript')];
  }
  if (!expressions.includes(internal)) return [notSupported(child(field, 'fieldPath'), internal, expressions)];
  return [];
}

const DIVISORS_CPU = ['1m', '1'];
const DIVISORS_BYTES = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

function validateResourceFieldSelector(fs: Obj, field: string, volume: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const resource = strOr(fs.resource);
  if (volume && strOr(fs.containerName) === '') errs.push(required(child(field, 'containerName')));
  else if (resource === '') errs.push(required(child(field, 'resource')));
  else if (!RESOURCE_FIELD_PATHS.includes(resource) && !resource.startsWith('requests.hugepages-') && !resource.startsWith('limits.hugepages-')) {
    errs.push(notSupported(child(field, 'resource'), resource, RESOURCE_FIELD_PATHS));
  }
  const divisor = tryParseQuantity(fs.divisor);
  if (divisor !== undefined && divisor.nanos !== 0n) {
    const text = formatQuantity(divisor);
    const divisorPath = child(field, 'divisor');
    if ((resource === 'limits.cpu' || resource === 'requests.cpu') && !DIVISORS_CPU.includes(text)) {
      errs.push(invalid(divisorPath, resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
    } else if ((resource === 'limits.memory' || resource === 'requests.memory') && !DIVISORS_BYTES.includes(text)) {
      errs.push(invalid(divisorPath, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"));
    } else if ((resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') && !DIVISORS_BYTES.includes(text)) {
      errs.push(invalid(divisorPath, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource"));
    }
    if ((resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-')) && !DIVISORS_BYTES.includes(text)) {
      errs.push(invalid(divisorPath, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource"));
    }
  }
  return errs;
}


function validateDownwardAPIVolumeFile(file: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const path = strOr(file.path);
  if (path === '') errs.push(required(child(field, 'path')));
  errs.push(...validateLocalNonReservedPath(path, child(field, 'path')));
  const fieldRef = obj(file.fieldRef);
  const resourceFieldRef = obj(file.resourceFieldRef);
  if (fieldRef !== undefined) {
    errs.push(...validateObjectFieldSelector(fieldRef, VOLUME_FIELD_PATHS, child(field, 'fieldRef')));
    if (resourceFieldRef !== undefined) errs.push(invalid(field, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (resourceFieldRef !== undefined) {
    errs.push(...validateResourceFieldSelector(resourceFieldRef, child(field, 'resourceFieldRef'), true));
  } else {
    errs.push(required(field, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file.mode, child(field, 'mode')));
  return errs;
}

// ---- volumes -------------------------------------------------------------------------------

/** Volume source keys in the order kube checks them, with the path it names in errors. */
const VOLUME_SOURCES: readonly [string, string][] = [
  ['emptyDir', 'emptyDir'],
  ['hostPath', 'hostPath'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI'],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateSourceDetails(srcKey: string, src: Obj, field: string, volName: string, podName: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  switch (srcKey) {
    case 'emptyDir': {
      const limit = tryParseQuantity(src.sizeLimit);
      if (limit !== undefined && limit.nanos < 0n) errs.push(forbidden(child(field, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      break;
    }
    case 'hostPath': {
      const path = strOr(src.path);
      if (path === '') return [required(child(field, 'path'))];
      errs.push(...validatePathNoBacksteps(path, child(field, 'path')));
      const t = str(src.type);
      if (t !== undefined && !HOST_PATH_TYPES.includes(t)) errs.push(notSupported(child(field, 'type'), t, HOST_PATH_TYPES));
      break;
    }
    case 'gitRepo':
      if (strOr(src.repository) === '') errs.push(required(child(field, 'repository')));
      errs.push(...validateLocalDescendingPath(strOr(src.directory), child(field, 'directory')));
      break;
    case 'secret':
      if (strOr(src.secretName) === '') errs.push(required(child(field, 'secretName')));
      errs.push(...validateMode(src.defaultMode, child(field, 'defaultMode')));
      objArr(src.items).forEach((kp, i) => errs.push(...validateKeyToPath(kp, index(child(field, 'items'), i))));
      break;
    case 'configMap':
      if (strOr(src.name) === '') errs.push(required(child(field, 'name')));
      errs.push(...validateMode(src.defaultMode, child(field, 'defaultMode')));
      objArr(src.items).forEach((kp, i) => errs.push(...validateKeyToPath(kp, index(child(field, 'items'), i))));
      break;
    case 'nfs':
      if (strOr(src.server) === '') errs.push(required(child(field, 'server')));
      if (strOr(src.path) === '') errs.push(required(child(field, 'path')));
      if (!strOr(src.path).startsWith('/')) errs.push(invalid(child(field, 'path'), strOr(src.path), 'must be an absolute path'));
      break;
    case 'persistentVolumeClaim':
      if (strOr(src.claimName) === '') errs.push(required(child(field, 'claimName')));
      break;
    case 'downwardAPI':
      errs.push(...validateMode(src.defaultMode, child(field, 'defaultMode')));
      for (const f of objArr(src.items)) errs.push(...validateDownwardAPIVolumeFile(f, field));
      break;
    case 'projected':
      errs.push(...validateMode(src.defaultMode, child(field, 'defaultMode')));
      errs.push(...validateProjectionSources(src, field));
      break;
    case 'csi': {
      errs.push(...validateCSIDriverName(strOr(src.driver), child(field, 'driver')));
      const ref = obj(src.nodePublishSecretRef);
      if (ref !== undefined) {
        const name = strOr(ref.name);
        if (name === '') errs.push(required(child(field, 'nodePublishSecretRef', 'name')));
        else errs.push(...validateNameWith(nameIsDNSSubdomain, name, child(field, 'name')));
      }
      break;
    }
    case 'ephemeral': {
      const template = obj(src.volumeClaimTemplate);
      if (template === undefined) errs.push(required(child(field, 'volumeClaimTemplate')));
      else errs.push(...validatePersistentVolumeClaimTemplate(template, child(field, 'volumeClaimTemplate')));
      if (podName !== undefined && podName !== '' && volName !== '') {
        const pvcName = `${podName}-${volName}`;
        for (const m of isDNS1123Subdomain(pvcName)) errs.push(invalid(child(field, 'name'), volName, `PVC name "${pvcName}": ${m}`));
      }
      break;
    }
    case 'image':
      if (strOr(src.reference) === '') errs.push(required(child(field, 'reference')));
      break;
  }
  return errs;
}

export function validateCSIDriverName(driver: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (driver === '') errs.push(required(field));
  if (driver.length > 63) errs.push(fieldError('FieldValueTooLong', field, 'may not be more than 63 bytes'));
  for (const m of isDNS1123Subdomain(driver.toLowerCase())) errs.push(invalid(field, driver, m));
  return errs;
}

function validateProjectionSources(projection: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const allPaths = new Set<string>();
  objArr(projection.sources).forEach((source, i) => {
    let count = 0;
    const srcPath = index(child(field, 'sources'), i);
    for (const kind of ['secret', 'configMap'] as const) {
      const s = obj(source[kind]);
      if (s === undefined) continue;
      count++;
      const projPath = child(srcPath, kind);
      if (strOr(s.name) === '') errs.push(required(child(projPath, 'name')));
      objArr(s.items).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, index(child(projPath, 'items'), j)));
        const p = strOr(kp.path);
        if (p !== '') {
          if (allPaths.has(p)) errs.push(invalid(field, strOr(s.name), 'conflicting duplicate paths'));
          else allPaths.add(p);
        }
      });
    }
    const dapi = obj(source.downwardAPI);
    if (dapi !== undefined) {
      count++;
      for (const f of objArr(dapi.items)) {
        errs.push(...validateDownwardAPIVolumeFile(f, child(srcPath, 'downwardAPI')));
        const p = strOr(f.path);
        if (p !== '') {
          if (allPaths.has(p)) errs.push(invalid(field, p, 'conflicting duplicate paths'));
          else allPaths.add(p);
        }
      }
    }
    const sat = obj(source.serviceAccountToken);
    if (sat !== undefined) {
      count++;
      const exp = num(sat.expirationSeconds) ?? 0;
      const projPath = child(srcPath, 'serviceAccountToken');
      if (exp < 600) errs.push(invalid(child(projPath, 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(invalid(child(projPath, 'expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      const p = strOr(sat.path);
      if (p === '') errs.push(required(child(field, 'path')));
      else errs.push(...validateLocalNonReservedPath(p, child(field, 'path')));
    }
    const ctb = obj(source.clusterTrustBundle);
    if (ctb !== undefined) {
      count++;
      const projPath = child(srcPath, 'clusterTrustBundlePEM');
      const usingName = str(ctb.name) !== undefined;
      const usingSigner = str(ctb.signerName) !== undefined;
      if (usingName && usingSigner) errs.push(invalid(projPath, ctb, 'only one of name and signerName may be used'));
      else if (!usingName && !usingSigner) errs.push(required(projPath, 'either name or signerName must be specified'));
      const p = strOr(ctb.path);
      if (p === '') errs.push(required(child(projPath, 'path')));
      errs.push(...validateLocalNonReservedPath(p, child(projPath, 'path')));
      if (allPaths.has(p)) errs.push(invalid(field, p, 'conflicting duplicate paths'));
      else allPaths.add(p);
    }
    if (count > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type'));
  });
  return errs;
}

function validateVolumeSource(vol: Obj, field: string, volName: string, podName: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const [srcKey, errName] of VOLUME_SOURCES) {
    const src = vol[srcKey];
    if (src === undefined || src === null) continue;
    if (count > 0) {
      errs.push(forbidden(child(field, errName), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...validateSourceDetails(srcKey, objOrEmpty(src), child(field, srcKey), volName, podName));
  }
  if (count === 0) errs.push(required(field, 'must specify a volume type'));
  return errs;
}

export interface VolumeInfo {
  readonly isClaim: boolean;
}

export function validateVolumes(volumes: unknown, podName: string | undefined, field: string): [Map<string, VolumeInfo>, FieldError[]] {
  const errs: FieldError[] = [];
  const vols = new Map<string, VolumeInfo>();
  const list = objArr(volumes);
  const createdPVCs = new Set<string>();
  if (podName !== undefined && podName !== '') {
    for (const v of list) if (v.ephemeral != null) createdPVCs.add(`${podName}-${strOr(v.name)}`);
  }
  list.forEach((vol, i) => {
    const p = index(field, i);
    const name = strOr(vol.name);
    const el = validateVolumeSource(vol, p, name, podName);
    if (name === '') el.push(required(child(p, 'name')));
    else el.push(...validateDNS1123Label(name, child(p, 'name')));
    if (vols.has(name)) el.push(duplicate(child(p, 'name'), name));
    if (el.length === 0) vols.set(name, { isClaim: vol.persistentVolumeClaim != null || vol.ephemeral != null });
    else errs.push(...el);
    const claim = obj(vol.persistentVolumeClaim);
    if (claim !== undefined && createdPVCs.has(strOr(claim.claimName))) {
      errs.push(invalid(child(p, 'persistentVolumeClaim', 'claimName'), strOr(claim.claimName), 'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return [vols, errs];
}

// ---- PVC templates (generic ephemeral volumes, StatefulSet claim templates) ----------------

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];

export function validatePersistentVolumeClaimSpec(spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const modes = strArr(spec.accessModes);
  if (modes.length === 0) errs.push(required(child(field, 'accessModes'), 'at least 1 access mode is required'));
  if (spec.selector != null) errs.push(...validateLabelSelector(spec.selector, child(field, 'selector')));
  let rwop = false;
  let other = false;
  for (const m of modes) {
    if (!ACCESS_MODES.includes(m)) errs.push(notSupported(child(field, 'accessModes'), m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(forbidden(child(field, 'accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  const storagePath = key(child(field, 'resources'), 'storage');
  const requests = obj(objOrEmpty(spec.resources).requests);
  if (requests === undefined || !('storage' in requests)) {
    errs.push(required(storagePath));
  } else {
    const q = readQuantity(requests.storage, storagePath);
    if (!isQuantity(q)) errs.push(q);
    else if (q.nanos <= 0n) errs.push(invalid(storagePath, formatQuantity(q), 'must be greater than zero'));
  }
  const sc = str(spec.storageClassName);
  if (sc !== undefined && sc !== '') errs.push(...validateNameWith(nameIsDNSSubdomain, sc, child(field, 'storageClassName')));
  const vm = str(spec.volumeMode);
  if (vm !== undefined && !VOLUME_MODES.includes(vm)) errs.push(notSupported(child(field, 'volumeMode'), vm, VOLUME_MODES));
  for (const [k, label] of [
    ['dataSource', 'dataSource'],
    ['dataSourceRef', 'dataSourceRef'],
  ] as const) {
    const ds = obj(spec[k]);
    if (ds === undefined) continue;
    const p = child(field, label);
    if (strOr(ds.name) === '') errs.push(required(child(p, 'name')));
    if (strOr(ds.kind) === '') errs.push(required(child(p, 'kind')));
    const group = strOr(ds.apiGroup);
    if (group === '' && strOr(ds.kind) !== 'PersistentVolumeClaim') {
      errs.push(invalid(p, strOr(ds.kind), "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
    }
    if (group !== '') for (const m of isDNS1123Subdomain(group)) errs.push(invalid(child(p, 'apiGroup'), group, m));
  }
  return errs;
}

function validatePersistentVolumeClaimTemplate(t: Obj, field: string): FieldError[] {
  const m = objOrEmpty(t.metadata);
  const errs = validateAnnotations(strMap(m.annotations), child(field, 'metadata', 'annotations'));
  errs.push(...validateLabels(strMap(m.labels), child(field, 'metadata', 'labels')));
  errs.push(...validatePersistentVolumeClaimSpec(objOrEmpty(t.spec), child(field, 'spec')));
  return errs;
}

// ---- containers ----------------------------------------------------------------------------

function validateContainerPorts(ports: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  objArr(ports).forEach((port, i) => {
    const p = index(field, i);
    const name = strOr(port.name);
    if (name !== '') {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const m of msgs) errs.push(invalid(child(p, 'name'), name, m));
      else if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const cp = num(port.containerPort) ?? 0;
    if (cp === 0) errs.push(required(child(p, 'containerPort')));
    else for (const m of isValidPortNum(cp)) errs.push(invalid(child(p, 'containerPort'), cp, m));
    const hp = num(port.hostPort) ?? 0;
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(invalid(child(p, 'hostPort'), hp, m));
    const proto = strOr(port.protocol);
    if (proto === '') errs.push(required(child(p, 'protocol')));
    else if (!PROTOCOLS.includes(proto)) errs.push(notSupported(child(p, 'protocol'), proto, PROTOCOLS));
  });
  return errs;
}

/** IsRelaxedEnvVarName: on by default since Kubernetes 1.32 (RelaxedEnvironmentVariableValidation). */
function relaxedEnvVarNameErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push('environment variable name must be non-empty');
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x7e || cp < 0x20 || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

function validateKeySelector(s: Obj, field: string): FieldError[] {
  const errs = validateNameWith(nameIsDNSSubdomain, strOr(s.name), child(field, 'name'));
  const k = strOr(s.key);
  if (k === '') errs.push(required(child(field, 'key')));
  else for (const m of isConfigMapKey(k)) errs.push(invalid(child(field, 'key'), k, m));
  return errs;
}

function validateEnv(env: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objArr(env).forEach((ev, i) => {
    const p = index(field, i);
    const name = strOr(ev.name);
    if (name === '') errs.push(required(child(p, 'name')));
    else for (const m of relaxedEnvVarNameErrors(name)) errs.push(invalid(child(p, 'name'), name, m));
    const from = obj(ev.valueFrom);
    if (from === undefined) return;
    const vf = child(p, 'valueFrom');
    let sources = 0;
    const fieldRef = obj(from.fieldRef);
    if (fieldRef !== undefined) {
      sources++;
      errs.push(...validateObjectFieldSelector(fieldRef, ENV_FIELD_PATHS, child(vf, 'fieldRef')));
    }
    const resourceFieldRef = obj(from.resourceFieldRef);
    if (resourceFieldRef !== undefined) {
      sources++;
      errs.push(...validateResourceFieldSelector(resourceFieldRef, child(vf, 'resourceFieldRef'), false));
    }
    const cm = obj(from.configMapKeyRef);
    if (cm !== undefined) {
      sources++;
      errs.push(...validateKeySelector(cm, child(vf, 'configMapKeyRef')));
    }
    const sec = obj(from.secretKeyRef);
    if (sec !== undefined) {
      sources++;
      errs.push(...validateKeySelector(sec, child(vf, 'secretKeyRef')));
    }
    if (sources === 0) {
      errs.push(invalid(vf, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    } else if (strOr(ev.value) !== '') {
      errs.push(invalid(vf, '', 'may not be specified when `value` is not empty'));
    } else if (sources > 1) {
      errs.push(invalid(vf, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateEnvFrom(envFrom: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objArr(envFrom).forEach((ev, i) => {
    const p = index(field, i);
    const prefix = strOr(ev.prefix);
    if (prefix !== '') for (const m of relaxedEnvVarNameErrors(prefix)) errs.push(invalid(child(p, 'prefix'), prefix, m));
    let sources = 0;
    for (const k of ['configMapRef', 'secretRef'] as const) {
      const ref = obj(ev[k]);
      if (ref === undefined) continue;
      sources++;
      const name = strOr(ref.name);
      if (name === '') errs.push(required(child(p, k, 'name')));
      else for (const m of nameIsDNSSubdomain(name, true)) errs.push(invalid(child(p, k, 'name'), name, m));
    }
    if (sources === 0) errs.push(invalid(field, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalid(field, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

const MOUNT_PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const RECURSIVE_READ_ONLY = ['Disabled', 'Enabled', 'IfPossible'];

function validateVolumeMounts(ctr: Obj, volumes: Map<string, VolumeInfo>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const devices = new Map(objArr(ctr.volumeDevices).map((d) => [strOr(d.name), strOr(d.devicePath)]));
  const devicePaths = new Set(devices.values());
  const mountPoints = new Set<string>();
  const privileged = objOrEmpty(ctr.securityContext).privileged === true;
  objArr(ctr.volumeMounts).forEach((mnt, i) => {
    const p = index(field, i);
    const name = strOr(mnt.name);
    const mountPath = strOr(mnt.mountPath);
    if (name === '') errs.push(required(child(p, 'name')));
    if (!volumes.has(name)) errs.push(notFound(child(p, 'name'), name));
    if (mountPath === '') errs.push(required(child(p, 'mountPath')));
    if (mountPoints.has(mountPath)) errs.push(invalid(child(p, 'mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (devices.has(name)) errs.push(invalid(child(p, 'name'), name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath)) errs.push(invalid(child(p, 'mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    const subPath = strOr(mnt.subPath);
    if (subPath !== '') errs.push(...validateLocalDescendingPath(subPath, child(field, 'subPath')));
    const subPathExpr = strOr(mnt.subPathExpr);
    if (subPathExpr !== '') {
      if (subPath !== '') errs.push(invalid(child(p, 'subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, child(field, 'subPathExpr')));
    }
    const prop = str(mnt.mountPropagation);
    if (prop !== undefined) {
      const pp = child(field, 'mountPropagation');
      if (!MOUNT_PROPAGATIONS.includes(prop)) errs.push(notSupported(pp, prop, MOUNT_PROPAGATIONS));
      if (prop === 'Bidirectional' && !privileged) errs.push(forbidden(pp, 'Bidirectional mount propagation is available only to privileged containers'));
    }
    const rro = str(mnt.recursiveReadOnly);
    if (rro !== undefined) {
      const rp = child(field, 'recursiveReadOnly');
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (mnt.readOnly !== true) errs.push(forbidden(rp, 'may only be specified when readOnly is true'));
        if (prop !== undefined && prop !== 'None') errs.push(forbidden(rp, 'may only be specified when mountPropagation is None or not specified'));
      } else if (rro !== 'Disabled') {
        errs.push(notSupported(rp, rro, RECURSIVE_READ_ONLY));
      }
    }
  });
  return errs;
}

function validateVolumeDevices(ctr: Obj, volumes: Map<string, VolumeInfo>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const mounts = new Map(objArr(ctr.volumeMounts).map((m) => [strOr(m.name), strOr(m.mountPath)]));
  const mountPaths = new Set(mounts.values());
  const names = new Set<string>();
  const paths = new Set<string>();
  objArr(ctr.volumeDevices).forEach((dev, i) => {
    const p = index(field, i);
    const name = strOr(dev.name);
    const devicePath = strOr(dev.devicePath);
    const vol = volumes.get(name);
    if (name === '') errs.push(required(child(p, 'name')));
    if (names.has(name)) errs.push(invalid(child(p, 'name'), name, 'must be unique'));
    if (vol !== undefined && !vol.isClaim) {
      errs.push(invalid(child(p, 'name'), name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    }
    if (vol === undefined) errs.push(notFound(child(p, 'name'), name));
    if (devicePath === '') errs.push(required(child(p, 'devicePath')));
    if (paths.has(devicePath)) errs.push(invalid(child(p, 'devicePath'), devicePath, 'must be unique'));
    if (devicePath !== '' && devicePath.split('/').includes('..')) {
      errs.push(invalid(child(p, 'devicePath'), devicePath, "can not contain backsteps ('..')"));
    } else {
      paths.add(devicePath);
    }
    if (mounts.has(name)) errs.push(invalid(child(p, 'name'), name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devicePath)) errs.push(invalid(child(p, 'devicePath'), devicePath, 'must not already exist as a path in volumeMounts'));
    if (name !== '') names.add(name);
  });
  return errs;
}

function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(field, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(field, port, m));
  return [internalError(field, `unknown type: ${port === undefined ? 'undefined' : typeof port}`)];
}

function validateHandler(h: Obj, gracePeriod: number, field: string, kind: 'probe' | 'lifecycle'): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  const handlers = kind === 'probe' ? ['exec', 'httpGet', 'tcpSocket', 'grpc'] : ['exec', 'httpGet', 'tcpSocket', 'sleep'];
  for (const k of handlers) {
    const a = obj(h[k]);
    if (a === undefined) continue;
    const p = child(field, k);
    if (count > 0) {
      errs.push(forbidden(p, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    switch (k) {
      case 'exec':
        if (strArr(a.command).length === 0) errs.push(required(child(p, 'command')));
        break;
      case 'httpGet': {
        if (strOr(a.path) === '') errs.push(required(child(p, 'path')));
        errs.push(...validatePortNumOrName(a.port, child(p, 'port')));
        const scheme = strOr(a.scheme);
        if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(child(p, 'scheme'), scheme, ['HTTP', 'HTTPS']));
        for (const hdr of objArr(a.httpHeaders)) {
          for (const m of isHTTPHeaderName(strOr(hdr.name))) errs.push(invalid(child(p, 'httpHeaders'), strOr(hdr.name), m));
        }
        break;
      }
      case 'tcpSocket':
        errs.push(...validatePortNumOrName(a.port, child(p, 'port')));
        break;
      case 'grpc':
        errs.push(...validatePortNumOrName(num(a.port) ?? 0, child(p, 'port')));
        break;
      case 'sleep': {
        const seconds = num(a.seconds) ?? 0;
        if (seconds <= 0 || seconds > gracePeriod) {
          errs.push(invalid(p, seconds, `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod})`));
        }
        break;
      }
    }
  }
  if (count === 0) errs.push(required(field, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: Obj, gracePeriod: number, field: string): FieldError[] {
  const errs = validateHandler(probe, gracePeriod, field, 'probe');
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegative(num(probe[k]) ?? 0, child(field, k)));
  }
  const tgps = num(probe.terminationGracePeriodSeconds);
  if (tgps !== undefined && tgps <= 0) errs.push(invalid(child(field, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  return errs;
}

function validateProbes(ctr: Obj, gracePeriod: number, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const liveness = obj(ctr.livenessProbe);
  if (liveness !== undefined) {
    errs.push(...validateProbe(liveness, gracePeriod, child(path, 'livenessProbe')));
    const st = num(liveness.successThreshold) ?? 0;
    if (st !== 1) errs.push(invalid(child(path, 'livenessProbe', 'successThreshold'), st, 'must be 1'));
  }
  const readiness = obj(ctr.readinessProbe);
  if (readiness !== undefined) {
    errs.push(...validateProbe(readiness, gracePeriod, child(path, 'readinessProbe')));
    if (readiness.terminationGracePeriodSeconds != null) {
      errs.push(invalid(child(path, 'readinessProbe', 'terminationGracePeriodSeconds'), readiness.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
    }
  }
  const startup = obj(ctr.startupProbe);
  if (startup !== undefined) {
    errs.push(...validateProbe(startup, gracePeriod, child(path, 'startupProbe')));
    const st = num(startup.successThreshold) ?? 0;
    if (st !== 1) errs.push(invalid(child(path, 'startupProbe', 'successThreshold'), st, 'must be 1'));
  }
  return errs;
}

function validateLifecycle(lc: Obj, gracePeriod: number, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['postStart', 'preStop']) {
    const h = obj(lc[k]);
    if (h !== undefined) errs.push(...validateHandler(h, gracePeriod, child(field, k), 'lifecycle'));
  }
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];
const APPARMOR_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

function validateSeccompProfile(sp: unknown, field: string): FieldError[] {
  const s = obj(sp);
  if (s === undefined) return [];
  const errs: FieldError[] = [];
  const t = strOr(s.type);
  if (t === '') errs.push(required(child(field, 'type'), 'type is required when seccompProfile is set'));
  else if (!SECCOMP_TYPES.includes(t)) errs.push(notSupported(child(field, 'type'), t, SECCOMP_TYPES));
  const lp = str(s.localhostProfile);
  if (t === 'Localhost') {
    if (lp === undefined) errs.push(required(child(field, 'localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(lp, child(field, 'localhostProfile')));
  } else if (lp !== undefined) {
    errs.push(invalid(child(field, 'localhostProfile'), s, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

function validateAppArmorProfile(ap: unknown, field: string): FieldError[] {
  const a = obj(ap);
  if (a === undefined) return [];
  const errs: FieldError[] = [];
  const t = strOr(a.type);
  if (t === '') errs.push(required(child(field, 'type'), 'type is required when appArmorProfile is set'));
  else if (!APPARMOR_TYPES.includes(t)) errs.push(notSupported(child(field, 'type'), t, APPARMOR_TYPES));
  const lp = str(a.localhostProfile);
  if (t === 'Localhost') {
    if (lp === undefined || lp.trim() === '') errs.push(required(child(field, 'localhostProfile'), 'must be set when AppArmor type is Localhost'));
  } else if (lp !== undefined) {
    errs.push(invalid(child(field, 'localhostProfile'), lp, 'can only be set when AppArmor type is Localhost'));
  }
  return errs;
}

function validateSecurityContext(sc: unknown, field: string, hostUsers: boolean): FieldError[] {
  const s = obj(sc);
  if (s === undefined) return [];
  const errs: FieldError[] = [];
  const runAsUser = num(s.runAsUser);
  if (runAsUser !== undefined) for (const m of isValidUserID(runAsUser)) errs.push(invalid(child(field, 'runAsUser'), runAsUser, m));
  const runAsGroup = num(s.runAsGroup);
  if (runAsGroup !== undefined) for (const m of isValidGroupID(runAsGroup)) errs.push(invalid(child(field, 'runAsGroup'), runAsGroup, m));
  const procMount = str(s.procMount);
  if (procMount !== undefined) {
    if (procMount !== 'Default' && procMount !== 'Unmasked') errs.push(notSupported(child(field, 'procMount'), procMount, ['Default', 'Unmasked']));
    if (hostUsers && procMount === 'Unmasked') errs.push(invalid(child(field, 'procMount'), procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfile(s.seccompProfile, child(field, 'seccompProfile')));
  if (s.allowPrivilegeEscalation === false) {
    if (s.privileged === true) errs.push(invalid(field, s, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of strArr(objOrEmpty(s.capabilities).add)) {
      if (cap === 'CAP_SYS_ADMIN') errs.push(invalid(field, s, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateAppArmorProfile(s.appArmorProfile, child(field, 'appArmorProfile')));
  return errs;
}

/** validateContainerCommon: what every container type must satisfy. */
function validateContainerCommon(ctr: Obj, volumes: Map<string, VolumeInfo>, claims: ReadonlySet<string>, path: string, hostUsers: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const name = strOr(ctr.name);
  if (name === '') errs.push(required(child(path, 'name')));
  else errs.push(...validateDNS1123Label(name, child(path, 'name')));
  if (strOr(ctr.image) === '') errs.push(required(child(path, 'image')));
  const tmp = strOr(ctr.terminationMessagePolicy);
  if (tmp === '') errs.push(required(child(path, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(child(path, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(ctr.ports, child(path, 'ports')));
  errs.push(...validateEnv(ctr.env, child(path, 'env')));
  errs.push(...validateEnvFrom(ctr.envFrom, child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(ctr, volumes, child(path, 'volumeMounts')));
  errs.push(...validateVolumeDevices(ctr, volumes, child(path, 'volumeDevices')));
  const pull = strOr(ctr.imagePullPolicy);
  if (pull === '') errs.push(required(child(path, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(child(path, 'imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateResourceRequirements(ctr.resources, child(path, 'resources'), claims));
  errs.push(...validateSecurityContext(ctr.securityContext, child(path, 'securityContext'), hostUsers));
  return errs;
}

function checkHostPortConflicts(containers: Obj[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((ctr, ci) => {
    objArr(ctr.ports).forEach((port, pi) => {
      const hp = num(port.hostPort) ?? 0;
      if (hp === 0) return;
      const k = `${strOr(port.protocol)}/${strOr(port.hostIP)}/${hp}`;
      if (seen.has(k)) errs.push(duplicate(child(index(child(index(field, ci), 'ports'), pi), 'hostPort'), k));
      else seen.add(k);
    });
  });
  return errs;
}

function validateContainers(containers: Obj[], volumes: Map<string, VolumeInfo>, claims: ReadonlySet<string>, gracePeriod: number, field: string, hostUsers: boolean): FieldError[] {
  if (containers.length === 0) return [required(field)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((ctr, i) => {
    const p = index(field, i);
    errs.push(...validateContainerCommon(ctr, volumes, claims, p, hostUsers));
    const name = strOr(ctr.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else names.add(name);
    const lc = obj(ctr.lifecycle);
    if (lc !== undefined) errs.push(...validateLifecycle(lc, gracePeriod, child(p, 'lifecycle')));
    errs.push(...validateProbes(ctr, gracePeriod, p));
    if (ctr.restartPolicy != null) errs.push(forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, field));
  return errs;
}

function validateInitContainers(inits: Obj[], regular: Obj[], volumes: Map<string, VolumeInfo>, claims: ReadonlySet<string>, gracePeriod: number, field: string, hostUsers: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => strOr(c.name)));
  inits.forEach((ctr, i) => {
    const p = index(field, i);
    errs.push(...validateContainerCommon(ctr, volumes, claims, p, hostUsers));
    const rp = str(ctr.restartPolicy);
    if (rp !== undefined && rp !== 'Always') errs.push(notSupported(child(p, 'restartPolicy'), rp, ['Always']));
    const restartAlways = rp === 'Always';
    const name = strOr(ctr.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else if (name !== '') names.add(name);
    errs.push(...checkHostPortConflicts([ctr], field));
    if (restartAlways) {
      const lc = obj(ctr.lifecycle);
      if (lc !== undefined) errs.push(...validateLifecycle(lc, gracePeriod, child(p, 'lifecycle')));
      errs.push(...validateProbes(ctr, gracePeriod, p));
    } else {
      for (const k of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (ctr[k] != null) errs.push(forbidden(child(p, k), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
    if (Array.isArray(ctr.resizePolicy) && ctr.resizePolicy.length > 0) {
      errs.push(invalid(child(p, 'resizePolicy'), ctr.resizePolicy, 'must not be set for init containers'));
    }
  });
  return errs;
}

const EPHEMERAL_FORBIDDEN = ['ports', 'resources', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'resizePolicy', 'restartPolicy'];

function validateEphemeralContainers(ephemeral: Obj[], containers: Obj[], inits: Obj[], volumes: Map<string, VolumeInfo>, claims: ReadonlySet<string>, field: string, hostUsers: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const others = new Set([...containers, ...inits].map((c) => strOr(c.name)));
  const all = new Set(others);
  ephemeral.forEach((ec, i) => {
    const p = index(field, i);
    errs.push(...validateContainerCommon(ec, volumes, claims, p, hostUsers));
    errs.push(...validateContainerOnlyForPod(ec, p));
    const name = strOr(ec.name);
    if (all.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else all.add(name);
    const target = strOr(ec.targetContainerName);
    if (target !== '' && !others.has(target)) errs.push(notFound(child(p, 'targetContainerName'), target));
    for (const k of EPHEMERAL_FORBIDDEN) {
      const v = ec[k];
      if (v != null && !(Array.isArray(v) && v.length === 0) && !(isObj(v) && Object.keys(v).length === 0)) {
        errs.push(forbidden(child(p, k), 'cannot be set for an Ephemeral Container'));
      }
    }
    objArr(ec.volumeMounts).forEach((vm, j) => {
      if (strOr(vm.subPath) !== '') errs.push(forbidden(child(index(child(p, 'volumeMounts'), j), 'subPath'), 'cannot be set for an Ephemeral Container'));
      if (strOr(vm.subPathExpr) !== '') errs.push(forbidden(child(index(child(p, 'volumeMounts'), j), 'subPathExpr'), 'cannot be set for an Ephemeral Container'));
    });
  });
  return errs;
}

export function validateContainerOnlyForPod(ctr: Obj, path: string): FieldError[] {
  const image = strOr(ctr.image);
  return image.length !== image.trim().length ? [invalid(child(path, 'image'), image, 'must not have leading or trailing whitespace')] : [];
}

// ---- scheduling ----------------------------------------------------------------------------

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTaintEffect(effect: string, allowEmpty: boolean, field: string): FieldError[] {
  if (!allowEmpty && effect === '') return [required(field)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(field, effect, TAINT_EFFECTS)];
}

/** `%#v` of a core.Toleration (a set tolerationSeconds shows its value, not Go's pointer address). */
function goToleration(t: Obj): unknown {
  const seconds = typeof t.tolerationSeconds === 'number' ? `(*int64)(${t.tolerationSeconds})` : '(*int64)(nil)';
  const q = (k: string): string => goQuote(strOr(t[k]));
  return goValue(`core.Toleration{Key:${q('key')}, Operator:${q('operator')}, Value:${q('value')}, Effect:${q('effect')}, TolerationSeconds:${seconds}}`);
}

export function validateTolerations(tolerations: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objArr(tolerations).forEach((t, i) => {
    const p = index(field, i);
    const k = strOr(t.key);
    const op = strOr(t.operator);
    const effect = strOr(t.effect);
    const value = strOr(t.value);
    if (k !== '') errs.push(...validateLabelName(k, child(p, 'key')));
    if (k === '' && op !== 'Exists') {
      errs.push(invalid(child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds != null && effect !== 'NoExecute') {
      errs.push(invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length > 0) errs.push(invalid(child(p, 'operator'), value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value !== '') errs.push(invalid(child(p, 'operator'), goToleration(t), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect !== '') errs.push(...validateTaintEffect(effect, true, child(p, 'effect')));
  });
  return errs;
}

function validateNodeSelectorTerm(term: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objArr(term.matchExpressions).forEach((rq, j) => {
    const p = index(child(field, 'matchExpressions'), j);
    const op = strOr(rq.operator);
    const values = strArr(rq.values);
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else if (op === 'Gt' || op === 'Lt') {
      if (values.length !== 1) errs.push(required(child(p, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
    } else {
      errs.push(invalid(child(p, 'operator'), op, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(strOr(rq.key), child(p, 'key')));
  });
  objArr(term.matchFields).forEach((rq, j) => {
    const p = index(child(field, 'matchFields'), j);
    const op = strOr(rq.operator);
    const values = strArr(rq.values);
    if (op === 'In' || op === 'NotIn') {
      if (values.length !== 1) errs.push(required(child(p, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else {
      errs.push(invalid(child(p, 'operator'), op, 'not a valid selector operator'));
    }
    if (strOr(rq.key) !== 'metadata.name') errs.push(invalid(child(p, 'key'), strOr(rq.key), 'not a valid field selector key'));
    else values.forEach((v, k) => errs.push(...validateNameWith(nameIsDNSSubdomain, v, index(child(p, 'values'), k))));
  });
  return errs;
}

export function validateNodeSelector(ns: Obj, field: string): FieldError[] {
  const termPath = child(field, 'nodeSelectorTerms');
  const terms = objArr(ns.nodeSelectorTerms);
  if (terms.length === 0) return [required(termPath, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, index(termPath, i)));
}

function validatePodAffinityTerm(term: Obj, field: string): FieldError[] {
  const errs = validateLabelSelector(term.labelSelector, child(field, 'labelSelector'));
  errs.push(...validateLabelSelector(term.namespaceSelector, child(field, 'namespaceSelector')));
  for (const ns of strArr(term.namespaces)) for (const m of isDNS1123Label(ns)) errs.push(invalid(child(field, 'namespace'), ns, m));
  const topologyKey = strOr(term.topologyKey);
  if (topologyKey === '') errs.push(required(child(field, 'topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(topologyKey, child(field, 'topologyKey')));
  return errs;
}

function validateWeightedTerms(terms: unknown, field: string, inner: 'podAffinityTerm' | 'preference'): FieldError[] {
  const errs: FieldError[] = [];
  objArr(terms).forEach((t, i) => {
    const w = num(t.weight) ?? 0;
    if (w <= 0 || w > 100) errs.push(invalid(child(index(field, i), 'weight'), w, 'must be in the range 1-100'));
    const p = child(index(field, i), inner);
    errs.push(...(inner === 'preference' ? validateNodeSelectorTerm(objOrEmpty(t.preference), p) : validatePodAffinityTerm(objOrEmpty(t.podAffinityTerm), p)));
  });
  return errs;
}

function validateAffinity(affinity: unknown, field: string): FieldError[] {
  const a = obj(affinity);
  if (a === undefined) return [];
  const errs: FieldError[] = [];
  const na = obj(a.nodeAffinity);
  if (na !== undefined) {
    const p = child(field, 'nodeAffinity');
    const req = obj(na.requiredDuringSchedulingIgnoredDuringExecution);
    if (req !== undefined) errs.push(...validateNodeSelector(req, child(p, 'requiredDuringSchedulingIgnoredDuringExecution')));
    errs.push(...validateWeightedTerms(na.preferredDuringSchedulingIgnoredDuringExecution, child(p, 'preferredDuringSchedulingIgnoredDuringExecution'), 'preference'));
  }
  for (const k of ['podAffinity', 'podAntiAffinity']) {
    const pa = obj(a[k]);
    if (pa === undefined) continue;
    const p = child(field, k);
    objArr(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      errs.push(...validatePodAffinityTerm(t, index(child(p, 'requiredDuringSchedulingIgnoredDuringExecution'), i)));
    });
    errs.push(...validateWeightedTerms(pa.preferredDuringSchedulingIgnoredDuringExecution, child(p, 'preferredDuringSchedulingIgnoredDuringExecution'), 'podAffinityTerm'));
  }
  return errs;
}

function validateTopologySpreadConstraints(constraints: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = objArr(constraints);
  list.forEach((c, i) => {
    const p = index(field, i);
    const maxSkew = num(c.maxSkew) ?? 0;
    if (maxSkew <= 0) errs.push(invalid(child(p, 'maxSkew'), maxSkew, 'must be greater than zero'));
    const tk = strOr(c.topologyKey);
    if (tk === '') errs.push(required(child(p, 'topologyKey'), 'can not be empty'));
    const wu = strOr(c.whenUnsatisfiable);
    if (wu !== 'DoNotSchedule' && wu !== 'ScheduleAnyway') errs.push(notSupported(child(p, 'whenUnsatisfiable'), wu, ['DoNotSchedule', 'ScheduleAnyway']));
    if (list.slice(i + 1).some((o) => strOr(o.topologyKey) === tk && strOr(o.whenUnsatisfiable) === wu)) {
      errs.push(duplicate(child(p, '{topologyKey, whenUnsatisfiable}'), `{${tk}, ${wu}}`));
    }
    const minDomains = num(c.minDomains);
    if (minDomains !== undefined) {
      if (minDomains <= 0) errs.push(invalid(child(p, 'minDomains'), minDomains, 'must be greater than zero'));
      if (wu !== 'DoNotSchedule') errs.push(invalid(child(p, 'minDomains'), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${wu}`));
    }
    for (const k of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const v = str(c[k]);
      if (v !== undefined && v !== 'Honor' && v !== 'Ignore') errs.push(notSupported(child(p, k), v, ['Honor', 'Ignore']));
    }
    errs.push(...validateLabelSelector(c.labelSelector, child(p, 'labelSelector')));
  });
  return errs;
}

function validatePodDNSConfig(cfg: unknown, dnsPolicy: string, field: string): FieldError[] {
  const c = obj(cfg);
  if (dnsPolicy === 'None') {
    if (c === undefined) return [required(field, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (strArr(c.nameservers).length === 0) return [required(child(field, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (c === undefined) return [];
  const errs: FieldError[] = [];
  const ns = strArr(c.nameservers);
  if (ns.length > 3) errs.push(invalid(child(field, 'nameservers'), ns, 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...isValidIP(index(child(field, 'nameservers'), i), n)));
  const searches = strArr(c.searches);
  if (searches.length > 32) errs.push(invalid(child(field, 'searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) errs.push(invalid(child(field, 'searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  searches.forEach((s, i) => errs.push(...validateDNS1123Subdomain(s.replace(/\.$/, ''), index(child(field, 'searches'), i))));
  objArr(c.options).forEach((o, i) => {
    if (strOr(o.name) === '') errs.push(required(index(child(field, 'options'), i), 'must not be empty'));
  });
  return errs;
}

function validatePodSecurityContext(spec: Obj, field: string): FieldError[] {
  const sc = obj(spec.securityContext);
  if (sc === undefined) return [];
  const errs: FieldError[] = [];
  for (const [k, fn] of [
    ['fsGroup', isValidGroupID],
    ['runAsUser', isValidUserID],
    ['runAsGroup', isValidGroupID],
  ] as const) {
    const v = num(sc[k]);
    if (v !== undefined) for (const m of fn(v)) errs.push(invalid(child(field, k), v, m));
  }
  (Array.isArray(sc.supplementalGroups) ? sc.supplementalGroups : []).forEach((g, i) => {
    const v = num(g) ?? 0;
    for (const m of isValidGroupID(v)) errs.push(invalid(index(child(field, 'supplementalGroups'), i), v, m));
  });
  if (sc.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(invalid(child(field, 'shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const fsg = str(sc.fsGroupChangePolicy);
  if (fsg !== undefined && fsg !== 'Always' && fsg !== 'OnRootMismatch') {
    errs.push(notSupported(child(field, 'fsGroupChangePolicy'), fsg, ['Always', 'OnRootMismatch']));
  }
  objArr(sc.sysctls).forEach((s, i) => {
    const name = strOr(s.name);
    const p = child(index(child(field, 'sysctls'), i), 'name');
    if (name === '') errs.push(required(p));
    else if (!/^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 253) {
      errs.push(invalid(p, name, "must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"));
    }
  });
  errs.push(...validateSeccompProfile(sc.seccompProfile, child(field, 'seccompProfile')));
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, child(field, 'appArmorProfile')));
  return errs;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

export function validatePreemptionPolicy(policy: string, field: string): FieldError[] {
  if (policy === '') return [required(field)];
  return PREEMPTION_POLICIES.includes(policy) ? [] : [notSupported(field, policy, PREEMPTION_POLICIES)];
}

/** ValidatePodSpec. `podName` is set only for real Pods (generic ephemeral volume names). */
export function validatePodSpec(spec: Obj, podName: string | undefined, field: string, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const gracePeriod = num(spec.terminationGracePeriodSeconds) ?? 0;
  const sc = objOrEmpty(spec.securityContext);
  const hostUsers = sc.hostUsers !== false;
  const [volumes, volErrs] = validateVolumes(spec.volumes, podName, child(field, 'volumes'));
  errs.push(...volErrs);
  const claims = new Set(objArr(spec.resourceClaims).map((c) => strOr(c.name)).filter((n) => n !== ''));
  const claimNames = new Set<string>();
  objArr(spec.resourceClaims).forEach((c, i) => {
    const p = index(child(field, 'resourceClaims'), i);
    const name = strOr(c.name);
    if (name === '') errs.push(required(child(p, 'name')));
    else {
      if (claimNames.has(name)) errs.push(duplicate(child(p, 'name'), name));
      claimNames.add(name);
      errs.push(...validateDNS1123Label(name, child(p, 'name')));
    }
  });
  const containers = objArr(spec.containers);
  const inits = objArr(spec.initContainers);
  errs.push(...validateContainers(containers, volumes, claims, gracePeriod, child(field, 'containers'), hostUsers));
  errs.push(...validateInitContainers(inits, containers, volumes, claims, gracePeriod, child(field, 'initContainers'), hostUsers));
  errs.push(...validateEphemeralContainers(objArr(spec.ephemeralContainers), containers, inits, volumes, claims, child(field, 'ephemeralContainers'), hostUsers));
  if (spec.hostNetwork === true) {
    containers.forEach((ctr, i) => {
      objArr(ctr.ports).forEach((port, j) => {
        const hp = num(port.hostPort) ?? 0;
        const cp = num(port.containerPort) ?? 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== cp) {
          errs.push(invalid(child(index(child(index(child(field, 'containers'), i), 'ports'), j), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  const restartPolicy = strOr(spec.restartPolicy);
  if (restartPolicy === '') errs.push(required(child(field, 'restartPolicy')));
  else if (!RESTART_POLICIES.includes(restartPolicy)) errs.push(notSupported(child(field, 'restartPolicy'), restartPolicy, RESTART_POLICIES));
  const dnsPolicy = strOr(spec.dnsPolicy);
  if (dnsPolicy === '') errs.push(required(child(field, 'dnsPolicy')));
  else if (!DNS_POLICIES.includes(dnsPolicy)) errs.push(notSupported(child(field, 'dnsPolicy'), dnsPolicy, DNS_POLICIES));
  errs.push(...validateLabels(strMap(spec.nodeSelector), child(field, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(spec, child(field, 'securityContext')));
  objArr(spec.imagePullSecrets).forEach((ref, i) => {
    if (Object.keys(ref).some((k) => k !== 'name')) errs.push(invalid(index(child(field, 'imagePullSecrets'), i), ref, 'only name may be set'));
  });
  errs.push(...validateAffinity(spec.affinity, child(field, 'affinity')));
  errs.push(...validatePodDNSConfig(spec.dnsConfig, dnsPolicy, child(field, 'dnsConfig')));
  objArr(spec.readinessGates).forEach((g, i) => {
    errs.push(...validateQualifiedName(strOr(g.conditionType), child(index(child(field, 'readinessGates'), i), 'conditionType')));
  });
  const gates = new Set<string>();
  objArr(spec.schedulingGates).forEach((g, i) => {
    const name = strOr(g.name);
    const p = index(child(field, 'schedulingGates'), i);
    errs.push(...validateQualifiedName(name, p));
    if (gates.has(name)) errs.push(duplicate(p, name));
    gates.add(name);
  });
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, child(field, 'topologySpreadConstraints')));
  if (!hostUsers) {
    if (spec.hostNetwork === true) errs.push(forbidden(child(field, 'hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostPID === true) errs.push(forbidden(child(field, 'HostPID'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostIPC === true) errs.push(forbidden(child(field, 'HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  }
  for (const [k, fn] of [
    ['serviceAccountName', nameIsDNSSubdomain],
    ['nodeName', nameIsDNSSubdomain],
  ] as const) {
    const v = strOr(spec[k]);
    if (v !== '') errs.push(...validateNameWith(fn, v, child(field, k)));
  }
  const ads = num(spec.activeDeadlineSeconds);
  if (ads !== undefined && (ads < 1 || ads > MAX_INT32)) {
    errs.push(invalid(child(field, 'activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const k of ['hostname', 'subdomain']) {
    const v = strOr(spec[k]);
    if (v !== '') errs.push(...validateDNS1123Label(v, child(field, k)));
  }
  errs.push(...validateTolerations(spec.tolerations, child(field, 'tolerations')));
  objArr(spec.hostAliases).forEach((ha, i) => {
    const p = index(child(field, 'hostAliases'), i);
    errs.push(...isValidIP(child(p, 'ip'), strOr(ha.ip)));
    strArr(ha.hostnames).forEach((h, j) => errs.push(...validateDNS1123Subdomain(h, index(child(p, 'hostnames'), j))));
  });
  const pcn = strOr(spec.priorityClassName);
  if (pcn !== '') errs.push(...validateNameWith(nameIsDNSSubdomain, pcn, child(field, 'priorityClassName')));
  const rcn = str(spec.runtimeClassName);
  if (rcn !== undefined) errs.push(...validateNameWith(nameIsDNSSubdomain, rcn, child(field, 'runtimeClassName')));
  const pp = str(spec.preemptionPolicy);
  if (pp !== undefined) errs.push(...validatePreemptionPolicy(pp, child(field, 'preemptionPolicy')));
  if (spec.overhead != null) errs.push(...validateResourceRequirements({ limits: spec.overhead }, child(field, 'overhead')));
  const os = obj(spec.os);
  if (os !== undefined) {
    const name = strOr(os.name);
    if (name === '') errs.push(required(child(field, 'os', 'name')));
    else if (name !== 'linux' && name !== 'windows') errs.push(notSupported(child(field, 'os', 'name'), name, ['linux', 'windows']));
  }
  return errs;
}

/** ValidatePodTemplateSpec: the template's labels, annotations and spec. */
export function validatePodTemplateSpec(template: Obj, field: string): FieldError[] {
  const m = objOrEmpty(template.metadata);
  // Kube reports template label problems under `<template>.labels`, not `.metadata.labels`.
  const errs = validateLabels(strMap(m.labels), child(field, 'labels'));
  errs.push(...validateAnnotations(strMap(m.annotations), child(field, 'annotations')));
  errs.push(...validatePodSpecificAnnotations(strMap(m.annotations), objOrEmpty(template.spec), child(field, 'annotations')));
  const spec = objOrEmpty(template.spec);
  errs.push(...validatePodSpec(spec, undefined, child(field, 'spec'), { resourceIsPod: false }));
  if (objArr(spec.ephemeralContainers).length > 0) {
    errs.push(forbidden(child(field, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

export function validatePodSpecificAnnotations(annotations: Record<string, string> | undefined, spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const a = annotations ?? {};
  const mirror = a[MIRROR_POD_ANNOTATION];
  if (mirror !== undefined && strOr(spec.nodeName) === '') {
    errs.push(invalid(key(field, MIRROR_POD_ANNOTATION), mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  }
  const cost = a[DELETION_COST_ANNOTATION];
  if (cost !== undefined) {
    const n = /^[+-]?[0-9]+$/.test(cost.trim()) ? Number(cost.trim()) : NaN;
    if (!Number.isInteger(n) || n > MAX_INT32 || n < -MAX_INT32 - 1) {
      errs.push(invalid(key(field, DELETION_COST_ANNOTATION), cost, 'must be a 32bit integer'));
    }
  }
  return errs;
}

