import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1.js';
import { HEADLESS_LABEL, shouldPodBeInEndpoints } from './endpoints-subsets.js';
import { isIPv6, isPodReady, podIPs } from './shared/pods.js';
import { findPort, isServiceIPSet, shouldSetHostname } from './shared/service-pods.js';

export type AddressType = 'IPv4' | 'IPv6';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
const RESERVED_LABELS = new Set([SERVICE_NAME_LABEL, MANAGED_BY_LABEL, HEADLESS_LABEL]);

/** The endpoints of one port set: all of them share one list of ports, so they share slices. */
export interface EndpointGroup {
  readonly ports: EndpointPort[];
  readonly endpoints: Endpoint[];
}

/** The address types a service's slices have (from spec.ipFamilies, else its cluster IP, else IPv4). */
export function serviceAddressTypes(service: Service): AddressType[] {
  const types = new Set<AddressType>();
  for (const family of service.spec?.ipFamilies ?? []) if (family === 'IPv4' || family === 'IPv6') types.add(family);
  if (types.size > 0) return [...types];
  if (isServiceIPSet(service)) return [isIPv6(service.spec?.clusterIP ?? '') ? 'IPv6' : 'IPv4'];
  return ['IPv4'];
}

/** The labels a service's slices carry: the service's own (but reserved keys) plus the controller's. */
export function endpointSliceLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata?.labels ?? {})) if (!RESERVED_LABELS.has(k)) labels[k] = v;
  labels[SERVICE_NAME_LABEL] = service.metadata?.name ?? '';
  labels[MANAGED_BY_LABEL] = ENDPOINTSLICE_CONTROLLER_NAME;
  if (!isServiceIPSet(service)) labels[HEADLESS_LABEL] = '';
  return labels;
}

/** The ports of a pod's endpoint: one per service port the pod serves (getEndpointPorts). */
export function endpointPorts(service: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of service.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol !== undefined) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}

/**
 * A pod as an endpoint of one address type (podToEndpoint), or undefined when it has no address
 * of that type. `serving` is readiness, `terminating` a deletion in progress; `ready` is serving
 * and not terminating, unless the service publishes not-ready addresses.
 */
export function podToEndpoint(service: Service, pod: Pod, addressType: AddressType, zoneOf: (node: string) => string | undefined): Endpoint | undefined {
  const addresses = podIPs(pod).filter((ip) => isIPv6(ip) === (addressType === 'IPv6'));
  if (addresses.length === 0) return undefined;
  const serving = isPodReady(pod);
  const terminating = pod.metadata?.deletionTimestamp !== undefined;
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const endpoint: Endpoint = {
    addresses,
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
  };
  const nodeName = pod.spec?.nodeName ?? '';
  if (nodeName !== '') {
    endpoint.nodeName = nodeName;
    const zone = zoneOf(nodeName);
    if (zone !== undefined) endpoint.zone = zone;
  }
  if (shouldSetHostname(pod, service)) endpoint.hostname = pod.spec?.hostname ?? '';
  return endpoint;
}

/** Identifies a list of ports regardless of order. */
export function portSetKey(ports: readonly EndpointPort[] | undefined): string {
  return (ports ?? [])
    .map((p) => JSON.stringify([p.name ?? '', p.port ?? 0, p.protocol ?? 'TCP', p.appProtocol ?? '']))
    .sort()
    .join(';');
}

/** Identifies an endpoint across slices: its pod, else its addresses. */
export function endpointKey(endpoint: Endpoint): string {
  const uid = endpoint.targetRef?.uid ?? '';
  return uid !== '' ? `uid:${uid}` : `ip:${[...endpoint.addresses].sort().join(',')}`;
}

/**
 * The endpoints a service should have for one address type, grouped by port set. Terminating
 * pods stay (with their conditions); finished pods and pods without an address of the type do not.
 */
export function desiredEndpointGroups(service: Service, pods: readonly Pod[], addressType: AddressType, zoneOf: (node: string) => string | undefined): Map<string, EndpointGroup> {
  const groups = new Map<string, EndpointGroup>();
  const sorted = [...pods].sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  for (const pod of sorted) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const endpoint = podToEndpoint(service, pod, addressType, zoneOf);
    if (!endpoint) continue;
    const ports = endpointPorts(service, pod);
    const key = portSetKey(ports);
    let group = groups.get(key);
    if (!group) {
      group = { ports, endpoints: [] };
      groups.set(key, group);
    }
    group.endpoints.push(endpoint);
  }
  return groups;
}
