import type { Container, Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import { hasMapSelector, mapSelectorMatches, sameLabels } from './labels.js';
import { isIPv6, isPodReady, podIPs } from './pods.js';

/**
 * The pod port a service port sends to (podutil.FindPort): a numeric targetPort as is, a named
 * one looked up among the containers' (and sidecar init containers') ports with the same protocol.
 */
export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const protocol = servicePort.protocol ?? 'TCP';
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  const containers: Container[] = [...(pod.spec?.containers ?? []), ...sidecars];
  for (const container of containers) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  return undefined;
}

/** A pod's hostname is published when its subdomain names the service (ShouldSetHostname). */
export function shouldSetHostname(pod: Pod, service: Service): boolean {
  const hostname = pod.spec?.hostname ?? '';
  return hostname !== '' && pod.spec?.subdomain === service.metadata?.name && pod.metadata?.namespace === service.metadata?.namespace;
}

/** Services with a selector and no ExternalName: the ones the endpoint controllers serve. */
export function servesEndpoints(service: Service): boolean {
  return service.spec?.type !== 'ExternalName' && hasMapSelector(service.spec?.selector);
}

/** A cluster IP is allocated (not headless). */
export function isServiceIPSet(service: Service): boolean {
  const ip = service.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
}

/** The pods a service selects (of those given, which should be in its namespace). */
export function selectedPods(service: Service, pods: readonly Pod[]): Pod[] {
  const selector = service.spec?.selector;
  return pods.filter((p) => p.metadata?.namespace === service.metadata?.namespace && mapSelectorMatches(selector, p.metadata?.labels));
}

/** Keys (`namespace/name`) of the services among `services` that select a pod with these labels. */
export function serviceKeysForPod(services: readonly Service[], pod: Pod): string[] {
  return services.filter((s) => servesEndpoints(s) && mapSelectorMatches(s.spec?.selector, pod.metadata?.labels)).map((s) => `${s.metadata?.namespace ?? ''}/${s.metadata?.name ?? ''}`);
}

/**
 * Whether a pod change can change any endpoint (addresses, readiness, termination, hostname) or
 * the services it belongs to (labels), as kube's podEndpointsChanged.
 */
export function podEndpointsChanged(old: Pod, cur: Pod): { endpoints: boolean; membership: boolean } {
  const membership = !sameLabels(old.metadata?.labels, cur.metadata?.labels) || old.spec?.hostname !== cur.spec?.hostname || old.spec?.subdomain !== cur.spec?.subdomain;
  const endpoints =
    old.metadata?.deletionTimestamp !== cur.metadata?.deletionTimestamp ||
    isPodReady(old) !== isPodReady(cur) ||
    old.status?.phase !== cur.status?.phase ||
    old.spec?.nodeName !== cur.spec?.nodeName ||
    podIPs(old).join(',') !== podIPs(cur).join(',');
  return { endpoints, membership };
}

/** The IP family the Endpoints of a service use (podToEndpointAddressForService). */
export function endpointsIPFamily(service: Service, pod: Pod): 'IPv4' | 'IPv6' {
  const first = service.spec?.ipFamilies?.[0];
  if (first === 'IPv4' || first === 'IPv6') return first;
  if (isServiceIPSet(service)) return isIPv6(service.spec?.clusterIP ?? '') ? 'IPv6' : 'IPv4';
  return isIPv6(pod.status?.podIP ?? '') ? 'IPv6' : 'IPv4';
}
