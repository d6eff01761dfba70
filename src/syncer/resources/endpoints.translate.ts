/**
 * Endpoints, virtual → host, only for Services without a selector (spec §3.3): for the others the
 * host's endpoints controller fills the host Endpoints from the translated selector. Pod target
 * references point at the host pods.
 */
import type { EndpointAddress, EndpointSubset, Endpoints, Service } from 'kubernetes-types/core/v1.js';
import { NAME_ANNOTATION } from '../../api/labels.js';
import { hostMetadata, hostName, type GroupVersionKind, type HostOwner, type NameContext, type NamespacedName } from '../names.js';
import { clone, syncMetadata, withMetadata, type SyncPair } from '../metadata.translate.js';

export const ENDPOINTS_GVK: GroupVersionKind = { group: '', version: 'v1', kind: 'Endpoints' };

/** The leader-election annotation of old control planes: never copied. */
export const ENDPOINTS_EXCLUDED_ANNOTATIONS: readonly string[] = ['control-plane.alpha.kubernetes.io/leader'];

/** Who keeps the host Endpoints (or EndpointSlices) of a Service up to date. */
export type EndpointsOwner =
  /** The virtual Service is gone (or not known yet): leave the object alone. */
  | 'nobody'
  /** The Service has a selector: the host's controllers build the host object from the host Service. */
  | 'host'
  /** No selector: vcluster copies the virtual object. */
  | 'vcluster';

export function endpointsOwner(service: Service | undefined): EndpointsOwner {
  if (service === undefined) return 'nobody';
  const selector = service.spec?.selector;
  return selector !== undefined && Object.keys(selector).length > 0 ? 'host' : 'vcluster';
}

/** Was this host object written by vcluster (as opposed to a host controller)? */
export function writtenByVcluster(host: { readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> } }): boolean {
  const name = host.metadata?.annotations?.[NAME_ANNOTATION];
  return name !== undefined && name !== '';
}

function translateAddress(names: NameContext, address: EndpointAddress, namespace: string): EndpointAddress {
  const ref = address.targetRef;
  if (ref?.kind !== 'Pod' || ref.name === undefined || ref.name === '') return clone(address);
  const target = hostName(names, ref.name, ref.namespace ?? namespace);
  const { uid: _uid, resourceVersion: _rv, ...rest } = ref;
  return { ...clone(address), targetRef: { ...rest, name: target.name, namespace: target.namespace } };
}

/** Subsets with pod target references pointing at the host pods (uid and resourceVersion cleared). */
export function translateSubsets(names: NameContext, subsets: readonly EndpointSubset[] | undefined, namespace: string): EndpointSubset[] | undefined {
  return subsets?.map((subset) => {
    const out: { -readonly [K in keyof EndpointSubset]: EndpointSubset[K] } = clone(subset);
    if (subset.addresses !== undefined) out.addresses = subset.addresses.map((a) => translateAddress(names, a, namespace));
    if (subset.notReadyAddresses !== undefined) out.notReadyAddresses = subset.notReadyAddresses.map((a) => translateAddress(names, a, namespace));
    return out;
  });
}

/** The host copy of virtual Endpoints. */
export function toHostEndpoints(names: NameContext, virtual: Endpoints, host: NamespacedName, owner?: HostOwner): Endpoints {
  const subsets = translateSubsets(names, virtual.subsets, virtual.metadata?.namespace ?? '');
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: hostMetadata(names, { gvk: ENDPOINTS_GVK, metadata: virtual.metadata ?? {} }, host, {
      ...(owner === undefined ? {} : { owner }),
      excludedAnnotations: ENDPOINTS_EXCLUDED_ANNOTATIONS,
    }),
    ...(subsets === undefined ? {} : { subsets }),
  };
}

/** Spec §3.3 Sync: subsets one way, labels and annotations both ways. */
export function syncEndpoints(names: NameContext, event: SyncPair<Endpoints>): { virtual: Endpoints; host: Endpoints } {
  const metadata = syncMetadata(
    names,
    ENDPOINTS_GVK,
    { virtualOld: event.virtualOld?.metadata, virtual: event.virtual.metadata ?? {}, hostOld: event.hostOld?.metadata, host: event.host.metadata ?? {} },
    ENDPOINTS_EXCLUDED_ANNOTATIONS,
  );
  const virtual = clone(event.virtual);
  virtual.metadata = withMetadata(virtual.metadata ?? {}, metadata.virtual);
  const host = clone(event.host);
  host.metadata = withMetadata(host.metadata ?? {}, metadata.host);
  const subsets = translateSubsets(names, event.virtual.subsets, event.virtual.metadata?.namespace ?? '');
  if (subsets === undefined || subsets.length === 0) delete host.subsets;
  else host.subsets = subsets;
  return { virtual, host };
}
