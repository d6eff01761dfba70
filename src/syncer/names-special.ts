/**
 * Names derived by single resource syncers (spec §1.3 "Special names", §3): event names, pod and
 * node hostnames, EndpointSlice service labels, CSIStorageCapacity names, namespace mappings.
 */
import { safeConcatName, type NameContext, type NamespacedName } from './names-core.js';

/**
 * `kubernetes.io/service-name` of a host EndpointSlice: `<svc>-x-<vNs>-x-<VC>`, joined **without**
 * the 63-character cut, unlike the Service's own host name (trap 11).
 */
export function endpointSliceServiceNameLabel(ctx: NameContext, serviceName: string, virtualNamespace: string): string {
  return `${serviceName}-x-${virtualNamespace}-x-${ctx.vclusterName}`;
}

/** The virtual copy of a host CSIStorageCapacity lives in `kube-system`. */
export function csiStorageCapacityVirtualName(hostName: string, hostNamespace: string): NamespacedName {
  return { name: safeConcatName(hostName, 'x', hostNamespace), namespace: 'kube-system' };
}

/**
 * A host event is named after its involved object; the virtual copy gets the virtual object's
 * name in its place (replaced once, only as a prefix).
 */
export function hostEventNameToVirtual(
  hostEventName: string,
  hostInvolvedObjectName: string,
  virtualInvolvedObjectName: string,
): string {
  if (!hostEventName.startsWith(hostInvolvedObjectName)) return hostEventName;
  return virtualInvolvedObjectName + hostEventName.slice(hostInvolvedObjectName.length);
}

/**
 * `spec.hostname` of a host pod: the pod's own hostname if set; otherwise the virtual pod name cut
 * to 63 characters, `.` → `-` (Kubernetes refuses dots there), one trailing `-` removed.
 */
export function podHostname(virtualPodName: string, specHostname = ''): string {
  if (specHostname !== '') return specHostname;
  const dashed = virtualPodName.slice(0, 63).replaceAll('.', '-');
  return dashed.endsWith('-') ? dashed.slice(0, -1) : dashed;
}

/** The DNS suffix of the addresses of virtual nodes. */
export const NODE_SUFFIX = 'nodes.vcluster.com';

/** The hostname a virtual node advertises (kubelet proxy): `<node with . → ->.nodes.vcluster.com`. */
export function nodeHostname(nodeName: string): string {
  return `${nodeName.replaceAll('.', '-')}.${NODE_SUFFIX}`;
}

/** The v0.14 form of `nodeHostname`, still answered for compatibility. */
export function legacyNodeHostname(ctx: NameContext, nodeName: string): string {
  return `${nodeName.replaceAll('.', '-')}.${ctx.vclusterName}.${ctx.currentNamespace ?? ctx.hostNamespace}.${NODE_SUFFIX}`;
}

/** `kubernetes.io/hostname` of a fake node. */
export function fakeNodeHostnameLabel(nodeName: string): string {
  return `fake-${nodeName}`;
}

/** The virtual Secret that holds a pod's service-account tokens (`useSecretsForSATokens`). */
export function serviceAccountTokenSecretName(podName: string): string {
  return `${podName}-sa-token`;
}

const NAME_PLACEHOLDER = '${name}';
const WILDCARD = '*';

/** `${name}` in a namespace mapping stands for the vcluster name. */
export function processNamespaceName(pattern: string, vclusterName: string): string {
  return pattern.replaceAll(NAME_PLACEHOLDER, vclusterName);
}

/** The part of `name` the single `*` of `pattern` stands for, if it matches. */
export function matchWildcard(name: string, pattern: string): string | undefined {
  const star = pattern.indexOf(WILDCARD);
  if (star < 0) return undefined;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length < prefix.length + suffix.length) return undefined;
  return name.slice(prefix.length, name.length - suffix.length);
}

/**
 * Namespace sync (`sync.toHost.namespaces.mappings.byName`, virtual → host patterns): the virtual
 * namespace of a host namespace. Exact entries are tried before patterns.
 */
export function translateHostNamespace(
  vclusterName: string,
  hostNs: string,
  mappings: Readonly<Record<string, string>>,
): string | undefined {
  const entries = Object.entries(mappings);
  for (const [virtual, host] of entries) {
    if (host.includes(WILDCARD) || virtual.includes(WILDCARD)) continue;
    if (processNamespaceName(host, vclusterName) === hostNs) return processNamespaceName(virtual, vclusterName);
  }
  for (const [virtual, host] of entries) {
    if (!host.includes(WILDCARD) || !virtual.includes(WILDCARD)) continue;
    const value = matchWildcard(hostNs, processNamespaceName(host, vclusterName));
    if (value !== undefined) return processNamespaceName(virtual, vclusterName).replace(WILDCARD, () => value);
  }
  return undefined;
}
