/**
 * The virtual cluster's `default/kubernetes` Service, Endpoints and EndpointSlice point at the
 * virtual API server as the host sees it: the cluster IP(s) and ports of the vcluster's own host
 * Service (ports named `kubelet` dropped, no node ports), and the addresses of its host Endpoints
 * (spec §3.2 "special services", upstream's k8sdefaultendpoint controller).
 */
import type { EndpointPort, EndpointSubset, Endpoints, Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { SERVICE_NAME_LABEL } from '../../api/labels.js';
import { clone, jsonEqual } from '../metadata.translate.js';

export const KUBERNETES_SERVICE = { name: 'kubernetes', namespace: 'default' } as const;

/** Where the virtual API server is when the vcluster has no host Service (bare host, tests). */
export interface ApiServerAddress {
  readonly clusterIp?: string;
  readonly port: number;
}

type MutableSpec = { -readonly [K in keyof ServiceSpec]: ServiceSpec[K] };

function servicePorts(host: Service | undefined, fallback: ApiServerAddress): ServicePort[] {
  const ports = (host?.spec?.ports ?? [])
    .filter((p) => p.name !== 'kubelet')
    .map(({ nodePort: _nodePort, ...rest }) => rest);
  if (ports.length > 0) return ports;
  return [{ name: 'https', port: 443, protocol: 'TCP', targetPort: fallback.port }];
}

function clusterIpOf(host: Service | undefined, fallback: ApiServerAddress): string | undefined {
  const ip = host?.spec?.clusterIP;
  if (ip !== undefined && ip !== '' && ip !== 'None') return ip;
  return fallback.clusterIp;
}

export type KubernetesServicePlan =
  | { readonly kind: 'none' }
  | { readonly kind: 'update'; readonly object: Service }
  | { readonly kind: 'recreate'; readonly object: Service; readonly fallback: Service };

/** A brand-new `default/kubernetes` Service. */
export function newKubernetesService(host: Service | undefined, fallback: ApiServerAddress): Service {
  const ip = clusterIpOf(host, fallback);
  const spec: MutableSpec = { type: 'ClusterIP', ports: servicePorts(host, fallback), sessionAffinity: 'None' };
  if (ip !== undefined) {
    spec.clusterIP = ip;
    spec.clusterIPs = host?.spec?.clusterIPs === undefined ? [ip] : [...host.spec.clusterIPs];
  }
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { ...KUBERNETES_SERVICE, labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec,
  };
}

/** What has to change on the virtual `default/kubernetes` Service. */
export function planKubernetesService(virtual: Service, host: Service | undefined, fallback: ApiServerAddress): KubernetesServicePlan {
  const ip = clusterIpOf(host, fallback);
  if (ip !== undefined && virtual.spec?.clusterIP !== ip) {
    const object = newKubernetesService(host, fallback);
    const { uid: _uid, resourceVersion: _rv, creationTimestamp: _ct, managedFields: _mf, ...metadata } = virtual.metadata ?? {};
    return {
      kind: 'recreate',
      object: { ...object, metadata: { ...metadata, name: KUBERNETES_SERVICE.name, namespace: KUBERNETES_SERVICE.namespace } },
      fallback: { apiVersion: 'v1', kind: 'Service', metadata: { ...metadata }, ...(virtual.spec === undefined ? {} : { spec: clone(virtual.spec) }) },
    };
  }
  const ports = servicePorts(host, fallback);
  const current = (virtual.spec?.ports ?? []).map(({ nodePort: _nodePort, ...rest }) => rest);
  if (host === undefined || jsonEqual(current, ports)) return { kind: 'none' };
  const object = clone(virtual);
  object.spec = { ...object.spec, ports };
  return { kind: 'update', object };
}

/** The https port of the host Endpoints, named as kube-apiserver names it. */
function endpointPorts(subset: EndpointSubset): EndpointPort[] {
  const ports = subset.ports ?? [];
  const https = ports.find((p) => p.name === 'https') ?? ports.find((p) => p.name !== 'kubelet') ?? ports[0];
  return https === undefined ? [] : [{ name: 'https', port: https.port, protocol: https.protocol ?? 'TCP' }];
}

/** The subsets the virtual `default/kubernetes` Endpoints should have; `undefined`: leave them. */
export function kubernetesEndpointSubsets(host: Endpoints | undefined): EndpointSubset[] | undefined {
  const subsets = (host?.subsets ?? [])
    .filter((s) => (s.addresses ?? []).length > 0)
    .map((s) => ({ addresses: (s.addresses ?? []).map((a) => ({ ip: a.ip })), ports: endpointPorts(s) }));
  return subsets.length === 0 ? undefined : subsets;
}

/** The virtual `default/kubernetes` Endpoints with `subsets` (unchanged object when equal). */
export function kubernetesEndpoints(virtual: Endpoints | undefined, subsets: EndpointSubset[]): Endpoints {
  if (virtual === undefined) {
    return {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...KUBERNETES_SERVICE, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets,
    };
  }
  return { ...clone(virtual), subsets };
}

/** The virtual `default/kubernetes` EndpointSlice matching `subsets`. */
export function kubernetesEndpointSlice(virtual: EndpointSlice | undefined, subsets: readonly EndpointSubset[]): EndpointSlice {
  const addresses = subsets.flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
  const ports = subsets[0]?.ports ?? [];
  const base: EndpointSlice = virtual === undefined
    ? {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          ...KUBERNETES_SERVICE,
          labels: { [SERVICE_NAME_LABEL]: 'kubernetes', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
        },
        addressType: 'IPv4',
        endpoints: [],
      }
    : clone(virtual);
  return {
    ...base,
    endpoints: addresses.map((address) => ({ addresses: [address], conditions: { ready: true } })),
    ports: ports.map((p) => ({ name: p.name ?? 'https', port: p.port, protocol: p.protocol ?? 'TCP' })),
  };
}
