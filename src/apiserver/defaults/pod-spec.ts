/**
 * Defaults of PodSpecs (pkg/apis/core/v1/defaults.go and its generated walk), which apply to Pods
 * and to every pod template, and the Pod-only extras.
 */
import { canonicalizeQuantityField, defaultResourceList, ensureObj, isObj, objAt, objsAt, setDefault, setDefaultString, type Obj } from './util.js';

const TERMINATION_MESSAGE_PATH = '/dev/termination-log';
const DEFAULT_SCHEDULER = 'default-scheduler';
const DEFAULT_TERMINATION_GRACE_PERIOD = 30;
/** 0644, the default file mode of secret, configMap, downwardAPI and projected volumes. */
const DEFAULT_FILE_MODE = 420;

// distribution/reference grammar, enough to find the tag the way kube's ParseImageName does.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/**
 * The tag kube reads from an image reference: "latest" when neither tag nor digest is given, ""
 * when the reference does not parse.
 */
export function imageTag(image: string): string {
  const m = REFERENCE.exec(image);
  if (m === null) return '';
  const tag = m[2] ?? '';
  const digest = m[3] ?? '';
  return tag === '' && digest === '' ? 'latest' : tag;
}

function defaultHTTPGet(h: Obj | undefined): void {
  if (h === undefined) return;
  setDefaultString(h, 'path', '/');
  setDefaultString(h, 'scheme', 'HTTP');
}

function defaultProbe(p: Obj | undefined): void {
  if (p === undefined) return;
  for (const [k, v] of [
    ['timeoutSeconds', 1],
    ['periodSeconds', 10],
    ['successThreshold', 1],
    ['failureThreshold', 3],
  ] as const) {
    if (p[k] === undefined || p[k] === null || p[k] === 0) p[k] = v;
  }
  defaultHTTPGet(objAt(p, 'httpGet'));
  const grpc = objAt(p, 'grpc');
  if (grpc !== undefined) setDefault(grpc, 'service', '');
}

function defaultFieldRef(ref: Obj | undefined): void {
  if (ref !== undefined) setDefaultString(ref, 'apiVersion', 'v1');
}

export function defaultContainer(c: Obj): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === null || c.imagePullPolicy === '') {
    c.imagePullPolicy = imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent';
  }
  setDefaultString(c, 'terminationMessagePath', TERMINATION_MESSAGE_PATH);
  setDefaultString(c, 'terminationMessagePolicy', 'File');
  for (const port of objsAt(c, 'ports')) setDefaultString(port, 'protocol', 'TCP');
  for (const env of objsAt(c, 'env')) {
    const from = objAt(env, 'valueFrom');
    if (from !== undefined) defaultFieldRef(objAt(from, 'fieldRef'));
  }
  const resources = objAt(c, 'resources');
  if (resources !== undefined) {
    defaultResourceList(resources, 'limits');
    defaultResourceList(resources, 'requests');
  }
  defaultProbe(objAt(c, 'livenessProbe'));
  defaultProbe(objAt(c, 'readinessProbe'));
  defaultProbe(objAt(c, 'startupProbe'));
  const lifecycle = objAt(c, 'lifecycle');
  if (lifecycle !== undefined) {
    for (const k of ['postStart', 'preStop']) {
      const h = objAt(lifecycle, k);
      if (h !== undefined) defaultHTTPGet(objAt(h, 'httpGet'));
    }
  }
}

/** PersistentVolumeClaimSpec defaults (also used inside ephemeral volumes and claim templates). */
export function defaultPVCSpec(spec: Obj): void {
  setDefault(spec, 'volumeMode', 'Filesystem');
  const resources = objAt(spec, 'resources');
  if (resources !== undefined) {
    defaultResourceList(resources, 'limits');
    defaultResourceList(resources, 'requests');
  }
}

const VOLUME_SOURCE_KEYS = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
];

function defaultVolume(v: Obj): void {
  // A volume naming no source at all becomes an emptyDir.
  if (!VOLUME_SOURCE_KEYS.some((k) => v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
  const hostPath = objAt(v, 'hostPath');
  if (hostPath !== undefined) setDefault(hostPath, 'type', '');
  const emptyDir = objAt(v, 'emptyDir');
  if (emptyDir !== undefined) canonicalizeQuantityField(emptyDir, 'sizeLimit');
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = objAt(v, k);
    if (src !== undefined) setDefault(src, 'defaultMode', DEFAULT_FILE_MODE);
  }
  const iscsi = objAt(v, 'iscsi');
  if (iscsi !== undefined) setDefaultString(iscsi, 'iscsiInterface', 'default');
  const azureDisk = objAt(v, 'azureDisk');
  if (azureDisk !== undefined) {
    setDefault(azureDisk, 'cachingMode', 'ReadWrite');
    setDefault(azureDisk, 'kind', 'Shared');
    setDefault(azureDisk, 'fsType', 'ext4');
    setDefault(azureDisk, 'readOnly', false);
  }
  const scaleIO = objAt(v, 'scaleIO');
  if (scaleIO !== undefined) {
    setDefaultString(scaleIO, 'storageMode', 'ThinProvisioned');
    setDefaultString(scaleIO, 'fsType', 'xfs');
  }
  const downward = objAt(v, 'downwardAPI');
  if (downward !== undefined) for (const item of objsAt(downward, 'items')) defaultFieldRef(objAt(item, 'fieldRef'));
  const projected = objAt(v, 'projected');
  if (projected !== undefined) {
    for (const source of objsAt(projected, 'sources')) {
      const d = objAt(source, 'downwardAPI');
      if (d !== undefined) for (const item of objsAt(d, 'items')) defaultFieldRef(objAt(item, 'fieldRef'));
      const sat = objAt(source, 'serviceAccountToken');
      if (sat !== undefined) setDefault(sat, 'expirationSeconds', 3600);
    }
  }
  const ephemeral = objAt(v, 'ephemeral');
  const template = ephemeral === undefined ? undefined : objAt(ephemeral, 'volumeClaimTemplate');
  if (template !== undefined) defaultPVCSpec(ensureObj(template, 'spec'));
}

/**
 * SetDefaults_PodSpec and the nested defaults. Also mirrors serviceAccountName into the deprecated
 * serviceAccount field, which v1 conversion keeps in step.
 */
export function defaultPodSpec(spec: Obj): void {
  setDefaultString(spec, 'dnsPolicy', 'ClusterFirst');
  setDefaultString(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'terminationGracePeriodSeconds', DEFAULT_TERMINATION_GRACE_PERIOD);
  setDefaultString(spec, 'schedulerName', DEFAULT_SCHEDULER);
  for (const v of objsAt(spec, 'volumes')) defaultVolume(v);
  for (const k of ['initContainers', 'containers', 'ephemeralContainers']) for (const c of objsAt(spec, k)) defaultContainer(c);
  defaultResourceList(spec, 'overhead');
  const sa = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : '';
  const deprecated = typeof spec.serviceAccount === 'string' ? spec.serviceAccount : '';
  if (sa === '' && deprecated !== '') spec.serviceAccountName = deprecated;
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') spec.serviceAccount = spec.serviceAccountName;
}

/** Defaults of a pod template (metadata untouched). */
export function defaultPodTemplateSpec(template: Obj): void {
  defaultPodSpec(ensureObj(template, 'spec'));
}

function defaultRequestsFromLimits(containers: Obj[]): void {
  for (const c of containers) {
    const resources = objAt(c, 'resources');
    const limits = resources === undefined ? undefined : objAt(resources, 'limits');
    if (resources === undefined || limits === undefined) continue;
    const requests = ensureObj(resources, 'requests');
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  }
}

/** SetDefaults_Pod: what only real Pods get, before the PodSpec defaults. */
export function defaultPodOnly(spec: Obj): void {
  // Requests default to limits before quantities are canonicalized by the spec defaults.
  defaultRequestsFromLimits(objsAt(spec, 'containers'));
  defaultRequestsFromLimits(objsAt(spec, 'initContainers'));
  setDefault(spec, 'enableServiceLinks', true);
  if (spec.hostNetwork === true) {
    for (const k of ['containers', 'initContainers']) {
      for (const c of objsAt(spec, k)) {
        for (const port of objsAt(c, 'ports')) {
          if (port.hostPort === undefined || port.hostPort === null || port.hostPort === 0) port.hostPort = port.containerPort;
        }
      }
    }
  }
}

const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
export const DEFAULT_TOLERATION_SECONDS = 300;

function tolerates(tolerations: Obj[], taintKey: string): boolean {
  return tolerations.some((t) => {
    const effect = typeof t.effect === 'string' ? t.effect : '';
    if (effect !== '' && effect !== 'NoExecute') return false;
    const k = typeof t.key === 'string' ? t.key : '';
    return (k === '' && t.operator === 'Exists') || k === taintKey;
  });
}

/**
 * What kube-apiserver's default admission plugins add to every new Pod, without looking anything
 * up: priority 0 with PreemptLowerPriority (no priority class, no global default class), the
 * DefaultTolerationSeconds tolerations, and the `default` service account name. The service
 * account token volume needs the ServiceAccount object; see `addServiceAccountTokenVolume`.
 */
export function applyPodAdmissionDefaults(pod: Obj): void {
  const spec = ensureObj(pod, 'spec');
  const pcn = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  if (pcn === '') setDefault(spec, 'priority', 0);
  setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  const tolerations = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  const existing = tolerations.filter(isObj);
  for (const key of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
    if (!tolerates(existing, key)) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    }
  }
  if (tolerations.length > 0) spec.tolerations = tolerations;
  const sa = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '' ? spec.serviceAccountName : 'default';
  spec.serviceAccountName = sa;
  spec.serviceAccount = sa;
}

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** kube-apiserver's projected token lifetime: an hour plus seven seconds of skew. */
export const SERVICE_ACCOUNT_TOKEN_EXPIRATION = 3607;

/**
 * The ServiceAccount admission plugin's token volume: `kube-api-access-<suffix>` projecting a
 * bound token, the cluster CA (ConfigMap kube-root-ca.crt) and the namespace, mounted read-only in
 * every container that does not mount something at the service account path already. Skipped when
 * `automount` is false (from the pod, else the ServiceAccount).
 */
export function addServiceAccountTokenVolume(pod: Obj, volumeSuffix: string, serviceAccountAutomount = true): void {
  const spec = ensureObj(pod, 'spec');
  const automount = typeof spec.automountServiceAccountToken === 'boolean' ? spec.automountServiceAccountToken : serviceAccountAutomount;
  if (!automount) return;
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  const existing = volumes.filter(isObj).find((v) => typeof v.name === 'string' && v.name.startsWith('kube-api-access-'));
  const name = typeof existing?.name === 'string' ? existing.name : `kube-api-access-${volumeSuffix}`;
  if (existing === undefined) {
    volumes.push({
      name,
      projected: {
        defaultMode: DEFAULT_FILE_MODE,
        sources: [
          { serviceAccountToken: { expirationSeconds: SERVICE_ACCOUNT_TOKEN_EXPIRATION, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    });
    spec.volumes = volumes;
  }
  for (const k of ['initContainers', 'containers']) {
    for (const c of objsAt(spec, k)) {
      const mounts = Array.isArray(c.volumeMounts) ? c.volumeMounts : [];
      if (mounts.filter(isObj).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) continue;
      mounts.push({ name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH });
      c.volumeMounts = mounts;
    }
  }
}
