/**
 * EndpointSlices, virtual → host, only for Services without a selector (spec §3.3): pod target
 * references point at the host pods (uid kept) and `kubernetes.io/service-name` names the host
 * Service (`<svc>-x-<ns>-x-<vcluster>`, never cut to 63 characters: trap 11).
 */
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { SERVICE_NAME_LABEL } from '../../api/labels.js';
import { endpointSliceServiceNameLabel, hostMetadata, hostName, type GroupVersionKind, type HostOwner, type NameContext, type NamespacedName } from '../names.js';
import { clone, syncMetadata, withMetadata, type SyncPair } from '../metadata.translate.js';
import { ENDPOINTS_EXCLUDED_ANNOTATIONS } from './endpoints.translate.js';

export const ENDPOINTSLICE_GVK: GroupVersionKind = { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' };

/** The virtual Service a virtual EndpointSlice belongs to (its `kubernetes.io/service-name` label). */
export function serviceOfSlice(slice: EndpointSlice): NamespacedName | undefined {
  const name = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
  if (name === undefined || name === '') return undefined;
  return { name, namespace: slice.metadata?.namespace ?? '' };
}

function translateEndpoint(names: NameContext, endpoint: Endpoint, namespace: string): Endpoint {
  const ref = endpoint.targetRef;
  if (ref?.kind !== 'Pod' || ref.name === undefined || ref.name === '') return clone(endpoint);
  const target = hostName(names, ref.name, ref.namespace ?? namespace);
  return { ...clone(endpoint), targetRef: { ...clone(ref), name: target.name, namespace: target.namespace } };
}

/** Host labels with `kubernetes.io/service-name` naming the host Service of the virtual slice's Service. */
function hostLabelsOf(names: NameContext, labels: Readonly<Record<string, string>> | undefined, virtual: EndpointSlice): Record<string, string> | undefined {
  const service = serviceOfSlice(virtual);
  if (service === undefined) return labels === undefined ? undefined : { ...labels };
  return { ...labels, [SERVICE_NAME_LABEL]: endpointSliceServiceNameLabel(names, service.name, service.namespace) };
}

/** The host copy of a virtual EndpointSlice. */
export function toHostEndpointSlice(names: NameContext, virtual: EndpointSlice, host: NamespacedName, owner?: HostOwner): EndpointSlice {
  const namespace = virtual.metadata?.namespace ?? '';
  const metadata = hostMetadata(names, { gvk: ENDPOINTSLICE_GVK, metadata: virtual.metadata ?? {} }, host, {
    ...(owner === undefined ? {} : { owner }),
    excludedAnnotations: ENDPOINTS_EXCLUDED_ANNOTATIONS,
  });
  const labels = hostLabelsOf(names, metadata.labels, virtual);
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { ...metadata, ...(labels === undefined ? {} : { labels }) },
    addressType: virtual.addressType,
    endpoints: virtual.endpoints.map((e) => translateEndpoint(names, e, namespace)),
    ...(virtual.ports === undefined ? {} : { ports: clone(virtual.ports) }),
  };
}

/** Spec §3.3 Sync: endpoints and ports one way, labels and annotations both ways. */
export function syncEndpointSlice(names: NameContext, event: SyncPair<EndpointSlice>): { virtual: EndpointSlice; host: EndpointSlice } {
  const namespace = event.virtual.metadata?.namespace ?? '';
  const metadata = syncMetadata(
    names,
    ENDPOINTSLICE_GVK,
    { virtualOld: event.virtualOld?.metadata, virtual: event.virtual.metadata ?? {}, hostOld: event.hostOld?.metadata, host: event.host.metadata ?? {} },
    ENDPOINTS_EXCLUDED_ANNOTATIONS,
  );
  const virtual = clone(event.virtual);
  virtual.metadata = withMetadata(virtual.metadata ?? {}, metadata.virtual);
  const host = clone(event.host);
  const hostLabels = hostLabelsOf(names, metadata.host.labels, event.virtual);
  host.metadata = withMetadata(host.metadata ?? {}, { ...metadata.host, ...(hostLabels === undefined ? {} : { labels: hostLabels }) });
  host.endpoints = event.virtual.endpoints.map((e) => translateEndpoint(names, e, namespace));
  if (event.virtual.ports === undefined) delete host.ports;
  else host.ports = clone(event.virtual.ports);
  return { virtual, host };
}
