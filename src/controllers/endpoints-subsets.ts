import type { EndpointAddress, EndpointPort, EndpointSubset, Pod, Service } from 'kubernetes-types/core/v1.js';
import { isIPv6, isPodReady, isPodTerminal, podIPs } from './shared/pods.js';
import { endpointsIPFamily, findPort, isServiceIPSet, shouldSetHostname } from './shared/service-pods.js';

/** Addresses an Endpoints object holds at most (kube's maxCapacity). */
export const ENDPOINTS_MAX_CAPACITY = 1000;
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

/**
 * Whether a pod belongs in a service's endpoints at all (ShouldPodBeInEndpoints): it has an IP,
 * has not finished, and is not terminating unless terminating pods are wanted.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (podIPs(pod).length === 0) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp !== undefined) return false;
  return true;
}

/** The pod's address for the service's IP family, or undefined when it has none of that family. */
function podAddress(service: Service, pod: Pod): EndpointAddress | undefined {
  const family = endpointsIPFamily(service, pod);
  const ip = podIPs(pod).find((i) => isIPv6(i) === (family === 'IPv6'));
  if (ip === undefined) return undefined;
  const address: EndpointAddress = {
    ip,
    targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
  };
  const nodeName = pod.spec?.nodeName ?? '';
  if (nodeName !== '') address.nodeName = nodeName;
  if (shouldSetHostname(pod, service)) address.hostname = pod.spec?.hostname ?? '';
  return address;
}

interface PortAddresses {
  readonly port: EndpointPort | undefined;
  /** address key → ready; ready wins when a pod appears twice. */
  readonly ready: Map<string, boolean>;
}

const addressKey = (a: EndpointAddress): string => `${a.ip}|${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPort | undefined): string => (p ? JSON.stringify([p.name ?? '', p.port, p.protocol ?? '', p.appProtocol ?? '']) : '');

function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  const na = a.name ?? '';
  const nb = b.name ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  if (a.port !== b.port) return a.port - b.port;
  return (a.protocol ?? '') < (b.protocol ?? '') ? -1 : (a.protocol ?? '') > (b.protocol ?? '') ? 1 : 0;
}

/**
 * The Endpoints subsets of a service (kube's endpoints controller): one address per selected pod
 * that should be in the endpoints, ready ones (or all with publishNotReadyAddresses) in
 * `addresses`, others in `notReadyAddresses`; ports resolved per pod from the service's
 * targetPorts; then repacked so that addresses offering the same ports share a subset. Headless
 * services without ports get port-less subsets; other services without ports get none.
 */
export function computeEndpointSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const tolerateUnready = service.spec?.publishNotReadyAddresses === true;
  const servicePorts = service.spec?.ports ?? [];
  const addresses = new Map<string, EndpointAddress>();
  const byPort = new Map<string, PortAddresses>();
  const add = (address: EndpointAddress, port: EndpointPort | undefined, ready: boolean): void => {
    const key = addressKey(address);
    if (!addresses.has(key)) addresses.set(key, address);
    const pk = portKey(port);
    let entry = byPort.get(pk);
    if (!entry) {
      entry = { port, ready: new Map() };
      byPort.set(pk, entry);
    }
    if (entry.ready.get(key) !== true) entry.ready.set(key, ready);
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const address = podAddress(service, pod);
    if (!address) continue;
    const ready = tolerateUnready || isPodReady(pod);
    if (servicePorts.length === 0) {
      if (service.spec?.clusterIP === 'None') add(address, undefined, ready);
      continue;
    }
    for (const sp of servicePorts) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
      if (sp.name !== undefined && sp.name !== '') ep.name = sp.name;
      if (sp.appProtocol !== undefined) ep.appProtocol = sp.appProtocol;
      add(address, ep, ready);
    }
  }
  // Ports offered by exactly the same addresses (with the same readiness) share a subset.
  const groups = new Map<string, { ready: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, ready } of byPort.values()) {
    const signature = [...ready].map(([k, r]) => `${k}=${r}`).sort().join(',');
    let group = groups.get(signature);
    if (!group) {
      group = { ready, ports: [] };
      groups.set(signature, group);
    }
    if (port) group.ports.push(port);
  }
  const subsets: EndpointSubset[] = [];
  for (const { ready, ports } of groups.values()) {
    const readyAddresses: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [key, isReady] of ready) {
      const address = addresses.get(key);
      if (address) (isReady ? readyAddresses : notReady).push(address);
    }
    const subset: EndpointSubset = {};
    if (readyAddresses.length > 0) subset.addresses = readyAddresses.sort(compareAddresses);
    if (notReady.length > 0) subset.notReadyAddresses = notReady.sort(compareAddresses);
    if (ports.length > 0) subset.ports = ports.sort(comparePorts);
    subsets.push(subset);
  }
  return subsets.sort((a, b) => {
    const fa = a.addresses?.[0] ?? a.notReadyAddresses?.[0];
    const fb = b.addresses?.[0] ?? b.notReadyAddresses?.[0];
    const byAddress = fa && fb ? compareAddresses(fa, fb) : 0;
    if (byAddress !== 0) return byAddress;
    return portKey(a.ports?.[0]) < portKey(b.ports?.[0]) ? -1 : portKey(a.ports?.[0]) > portKey(b.ports?.[0]) ? 1 : 0;
  });
}

/**
 * Keeps at most `max` addresses (kube's truncateEndpoints): ready addresses first, each subset
 * keeping its proportional share rounded up. Returns the subsets and whether any were dropped.
 */
export function truncateEndpointSubsets(subsets: readonly EndpointSubset[], max = ENDPOINTS_MAX_CAPACITY): { subsets: EndpointSubset[]; truncated: boolean } {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0;
    totalNotReady += s.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= max) return { subsets: [...subsets], truncated: false };
  const truncateReady = totalReady > max;
  const budget = truncateReady ? max : max - totalReady;
  const total = truncateReady ? totalReady : totalNotReady;
  let left = budget;
  const out = subsets.map((s) => {
    const pool = (truncateReady ? s.addresses : s.notReadyAddresses) ?? [];
    const share = Math.min(left, Math.ceil((pool.length / total) * budget));
    const kept = pool.slice(0, share);
    left -= kept.length;
    const next: EndpointSubset = { ...s };
    if (truncateReady) {
      if (kept.length > 0) next.addresses = kept;
      else delete next.addresses;
      delete next.notReadyAddresses;
    } else if (kept.length > 0) next.notReadyAddresses = kept;
    else delete next.notReadyAddresses;
    return next;
  });
  return { subsets: out, truncated: true };
}

/** The labels of a service's Endpoints: the service's, plus the headless marker when it has no cluster IP. */
export function endpointsLabels(service: Service): Record<string, string> {
  const { [HEADLESS_LABEL]: _headless, ...labels } = service.metadata?.labels ?? {};
  return isServiceIPSet(service) ? labels : { ...labels, [HEADLESS_LABEL]: '' };
}
