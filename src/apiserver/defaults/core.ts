/**
 * core/v1 defaults (pkg/apis/core/v1/defaults.go), plus the conversion-time rewrites kube applies
 * to every request (Secret stringData merged into data).
 */
import { normalizeClusterIPs } from '../validation/core-service.js';
import { isIPv6String } from '../validation/strings.js';
import { defaultPodOnly, defaultPodSpec, defaultPodTemplateSpec, defaultPVCSpec } from './pod-spec.js';
import { defaultResourceList, ensureObj, isObj, objAt, objsAt, setDefault, setDefaultString, type Obj } from './util.js';

export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

export function defaultPod(pod: Obj): void {
  const spec = ensureObj(pod, 'spec');
  defaultPodOnly(spec);
  defaultPodSpec(spec);
  syncPodStatusIPs(pod);
}

export function defaultPodTemplate(o: Obj): void {
  defaultPodTemplateSpec(ensureObj(o, 'template'));
}

export function defaultReplicationController(rc: Obj): void {
  const spec = ensureObj(rc, 'spec');
  const template = objAt(spec, 'template');
  const labels = template === undefined ? undefined : objAt(ensureObj(template, 'metadata'), 'labels');
  if (labels !== undefined) {
    if (Object.keys(objAt(spec, 'selector') ?? {}).length === 0) spec.selector = { ...labels };
    const meta = ensureObj(rc, 'metadata');
    if (Object.keys(objAt(meta, 'labels') ?? {}).length === 0) meta.labels = { ...labels };
  }
  setDefault(spec, 'replicas', 1);
  if (template !== undefined) defaultPodTemplateSpec(template);
}

function externallyAccessible(spec: Obj): boolean {
  const t = spec.type;
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
}

/**
 * SetDefaults_Service, plus what the service registry fills before storing: clusterIPs in step with
 * clusterIP, and on a single-stack cluster the SingleStack family policy and the family of the
 * cluster IP (IPv4 unless the IP says otherwise). ClusterIP and NodePort allocation are not here.
 */
export function defaultService(svc: Obj): void {
  const spec = ensureObj(svc, 'spec');
  setDefaultString(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = objAt(spec, 'sessionAffinityConfig');
    const clientIP = cfg === undefined ? undefined : objAt(cfg, 'clientIP');
    if (clientIP === undefined || clientIP.timeoutSeconds === undefined || clientIP.timeoutSeconds === null) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
    }
  }
  setDefaultString(spec, 'type', 'ClusterIP');
  for (const port of objsAt(spec, 'ports')) {
    setDefaultString(port, 'protocol', 'TCP');
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') {
      port.targetPort = port.port;
    }
  }
  if (externallyAccessible(spec)) setDefaultString(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') {
    setDefault(spec, 'allocateLoadBalancerNodePorts', true);
    const lb = objAt(objAt(svc, 'status') ?? {}, 'loadBalancer');
    for (const ing of lb === undefined ? [] : objsAt(lb, 'ingress')) {
      if (typeof ing.ip === 'string' && ing.ip !== '') setDefault(ing, 'ipMode', 'VIP');
    }
  }
  if (spec.type !== 'ExternalName') {
    normalizeClusterIPs(svc);
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) {
      const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs.filter((x): x is string => typeof x === 'string' && x !== 'None') : [];
      spec.ipFamilies = ips.length > 0 ? ips.map((ip) => (isIPv6String(ip) ? 'IPv6' : 'IPv4')) : ['IPv4'];
    }
  }
}

/** Secret: type Opaque, and stringData folded into data (base64), as v1 conversion does. */
export function defaultSecret(secret: Obj): void {
  setDefaultString(secret, 'type', 'Opaque');
  const stringData = objAt(secret, 'stringData');
  if (stringData !== undefined) {
    const data = ensureObj(secret, 'data');
    for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(typeof v === 'string' ? v : '', 'utf8').toString('base64');
    delete secret.stringData;
  }
}

export const METADATA_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Namespace: the immutable kubernetes.io/metadata.name label and the Active phase. */
export function defaultNamespace(ns: Obj): void {
  const meta = ensureObj(ns, 'metadata');
  if (typeof meta.name === 'string' && meta.name !== '') ensureObj(meta, 'labels')[METADATA_NAME_LABEL] = meta.name;
  setDefaultString(ensureObj(ns, 'status'), 'phase', 'Active');
}

/** What the namespace registry does on create: the `kubernetes` finalizer is always there. */
export function prepareNamespaceForCreate(ns: Obj): void {
  ns.status = { phase: 'Active' };
  const spec = ensureObj(ns, 'spec');
  const finalizers = Array.isArray(spec.finalizers) ? spec.finalizers : [];
  if (!finalizers.includes('kubernetes')) finalizers.push('kubernetes');
  spec.finalizers = finalizers;
}

export function defaultPersistentVolumeClaim(pvc: Obj): void {
  defaultPVCSpec(ensureObj(pvc, 'spec'));
  setDefaultString(ensureObj(pvc, 'status'), 'phase', 'Pending');
  const status = objAt(pvc, 'status');
  if (status !== undefined) defaultResourceList(status, 'capacity');
}

export function defaultPersistentVolume(pv: Obj): void {
  setDefaultString(ensureObj(pv, 'status'), 'phase', 'Pending');
  const spec = ensureObj(pv, 'spec');
  setDefaultString(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  setDefault(spec, 'volumeMode', 'Filesystem');
  defaultResourceList(spec, 'capacity');
  const hostPath = objAt(spec, 'hostPath');
  if (hostPath !== undefined) setDefault(hostPath, 'type', '');
  const iscsi = objAt(spec, 'iscsi');
  if (iscsi !== undefined) setDefaultString(iscsi, 'iscsiInterface', 'default');
}

/**
 * v1 keeps a singular field in step with its plural (podCIDR/podCIDRs, podIP/podIPs, hostIP/hostIPs):
 * conversion fills the plural from the singular when only that is set, and the singular from the
 * first plural entry.
 */
function syncSingularPlural(o: Obj, singular: string, plural: string, wrap: (v: string) => unknown, unwrap: (v: unknown) => unknown): void {
  const list = Array.isArray(o[plural]) ? (o[plural] as unknown[]) : [];
  const one = o[singular];
  if (list.length === 0 && typeof one === 'string' && one !== '') o[plural] = [wrap(one)];
  else if (list.length > 0 && (one === undefined || one === '')) o[singular] = unwrap(list[0]);
}

const ipOf = (v: unknown): unknown => (isObj(v) ? v.ip : undefined);

/** Pod status podIP/podIPs and hostIP/hostIPs kept in step, as v1 conversion does. */
export function syncPodStatusIPs(pod: Obj): void {
  const status = objAt(pod, 'status');
  if (status === undefined) return;
  syncSingularPlural(status, 'podIP', 'podIPs', (ip) => ({ ip }), ipOf);
  syncSingularPlural(status, 'hostIP', 'hostIPs', (ip) => ({ ip }), ipOf);
}

export function defaultNode(node: Obj): void {
  const spec = objAt(node, 'spec');
  if (spec !== undefined) syncSingularPlural(spec, 'podCIDR', 'podCIDRs', (c) => c, (c) => c);
  const status = objAt(node, 'status');
  if (status === undefined) return;
  defaultResourceList(status, 'capacity');
  defaultResourceList(status, 'allocatable');
  const capacity = objAt(status, 'capacity');
  if (status.allocatable === undefined && capacity !== undefined) status.allocatable = { ...capacity };
}

export function defaultEndpoints(ep: Obj): void {
  for (const subset of objsAt(ep, 'subsets')) for (const port of objsAt(subset, 'ports')) setDefaultString(port, 'protocol', 'TCP');
}

export function defaultLimitRange(lr: Obj): void {
  for (const item of objsAt(ensureObj(lr, 'spec'), 'limits')) {
    for (const k of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) defaultResourceList(item, k);
    if (item.type !== 'Container') continue;
    const def = ensureObj(item, 'default');
    const defReq = ensureObj(item, 'defaultRequest');
    for (const [k, v] of Object.entries(objAt(item, 'max') ?? {})) if (!(k in def)) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (!(k in defReq)) defReq[k] = v;
    for (const [k, v] of Object.entries(objAt(item, 'min') ?? {})) if (!(k in defReq)) defReq[k] = v;
    // Empty maps are not serialized by kube.
    if (Object.keys(def).length === 0) delete item.default;
    if (Object.keys(defReq).length === 0) delete item.defaultRequest;
  }
}

export function defaultResourceQuota(rq: Obj): void {
  const spec = objAt(rq, 'spec');
  if (spec !== undefined) defaultResourceList(spec, 'hard');
  const status = objAt(rq, 'status');
  if (status !== undefined) {
    defaultResourceList(status, 'hard');
    defaultResourceList(status, 'used');
  }
}


