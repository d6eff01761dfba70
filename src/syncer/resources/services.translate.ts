/**
 * Services, virtual → host with some fields both ways (spec §3.2): the host copy selects only this
 * vcluster's pods of the namespace; the host's cluster IP becomes the virtual one (by re-creating
 * the virtual Service); load-balancer status flows back.
 */
import type { Service, ServicePort, ServiceSpec, ServiceStatus } from 'kubernetes-types/core/v1.js';
import {
  hostLabelsMap,
  hostMetadata,
  virtualLabelsMap,
  virtualMetadata,
  type GroupVersionKind,
  type HostOwner,
  type NameContext,
  type NamespacedName,
} from '../names.js';
import { clone, copyBidirectional, jsonEqual, mapsEqual, syncMetadata, withMetadata, type SyncPair } from '../metadata.translate.js';

export const SERVICE_GVK: GroupVersionKind = { group: '', version: 'v1', kind: 'Service' };

/** Rancher's annotation, never copied in either direction. */
export const SERVICE_EXCLUDED_ANNOTATIONS: readonly string[] = ['field.cattle.io/publicEndpoints'];

type MutableSpec = { -readonly [K in keyof ServiceSpec]: ServiceSpec[K] };

const NODE_PORT_TYPES: readonly string[] = ['NodePort', 'LoadBalancer'];

function withoutNodePorts(ports: readonly ServicePort[] | undefined): ServicePort[] | undefined {
  return ports?.map(({ nodePort: _nodePort, ...rest }) => rest);
}

/**
 * A copy of `spec` with `selector` in place of its own and without what each cluster allocates for
 * itself: cluster IPs (a headless `None` stays), IP families and node ports.
 */
function withoutAllocations(source: ServiceSpec | undefined, selector: Record<string, string> | undefined): MutableSpec {
  const spec: MutableSpec = clone(source ?? {});
  if (selector === undefined) delete spec.selector;
  else spec.selector = selector;
  if (spec.clusterIP !== 'None') delete spec.clusterIP;
  delete spec.clusterIPs;
  delete spec.ipFamilies;
  delete spec.ipFamilyPolicy;
  delete spec.healthCheckNodePort;
  const ports = withoutNodePorts(spec.ports);
  if (ports !== undefined) spec.ports = ports;
  return spec;
}

/** The host copy of a virtual Service (spec §3.2 Translate). */
export function toHostService(names: NameContext, virtual: Service, host: NamespacedName, owner?: HostOwner): Service {
  const namespace = virtual.metadata?.namespace ?? '';
  const spec = withoutAllocations(virtual.spec, hostLabelsMap(names, virtual.spec?.selector, undefined, namespace, false));
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: hostMetadata(names, { gvk: SERVICE_GVK, metadata: virtual.metadata ?? {} }, host, {
      ...(owner === undefined ? {} : { owner }),
      excludedAnnotations: SERVICE_EXCLUDED_ANNOTATIONS,
    }),
    spec,
  };
}

/**
 * The host copy asking for the virtual Service's cluster IP, so that the virtual Service need not
 * be re-created with a host-chosen one; `undefined` when it has none to ask for. Hosts with another
 * service range, or where the IP is taken, refuse it: then `toHostService` is created instead.
 */
export function toHostServiceWithVirtualIp(host: Service, virtual: Service): Service | undefined {
  const ip = virtual.spec?.clusterIP;
  if (ip === undefined || ip === '' || ip === 'None' || virtual.spec?.type === 'ExternalName') return undefined;
  return { ...host, spec: { ...host.spec, clusterIP: ip } };
}

/** A virtual Service made from a host one that vcluster ≤ 0.20 synced (spec §3.2 SyncToVirtual). */
export function importService(names: NameContext, host: Service, virtual: NamespacedName): Service {
  const spec = withoutAllocations(host.spec, virtualLabelsMap(names, host.spec?.selector, undefined));
  return { apiVersion: 'v1', kind: 'Service', metadata: virtualMetadata(names, host.metadata ?? {}, virtual, SERVICE_EXCLUDED_ANNOTATIONS), spec };
}

/** What a sync of a Service asks for. */
export type ServiceSyncPlan =
  /** The virtual Service must be created again with the host's cluster IP (`fallback`: as it was). */
  | { readonly kind: 'recreate-virtual'; readonly object: Service; readonly fallback: Service }
  /** The host Service must be created again (switching to or from ExternalName). */
  | { readonly kind: 'recreate-host'; readonly object: Service }
  | { readonly kind: 'update'; readonly virtual: Service; readonly host: Service };

/** A Service as it is created: no server-set metadata, no status. */
export function freshService(service: Service): Service {
  const { uid: _uid, resourceVersion: _rv, creationTimestamp: _ct, managedFields: _mf, generation: _g, deletionTimestamp: _dt, deletionGracePeriodSeconds: _dg, ...metadata } = service.metadata ?? {};
  return { apiVersion: 'v1', kind: 'Service', metadata: metadata, ...(service.spec === undefined ? {} : { spec: clone(service.spec) }) };
}

function hasAllocatedIp(spec: ServiceSpec | undefined): spec is ServiceSpec & { clusterIP: string } {
  return spec?.clusterIP !== undefined && spec.clusterIP !== '' && spec.clusterIP !== 'None';
}

/** Ports compared and copied without node ports, which each side allocates itself. */
function portKey(port: ServicePort): string {
  return `${port.name ?? ''}|${port.protocol ?? 'TCP'}|${port.port}`;
}

function portsWithNodePortsOf(ports: readonly ServicePort[] | undefined, nodePortsFrom: readonly ServicePort[] | undefined, keepNodePorts: boolean): ServicePort[] | undefined {
  if (ports === undefined) return undefined;
  const nodePorts = new Map((nodePortsFrom ?? []).map((p) => [portKey(p), p.nodePort]));
  return ports.map((port) => {
    const { nodePort: _own, ...rest } = port;
    const nodePort = nodePorts.get(portKey(port));
    return keepNodePorts && nodePort !== undefined && nodePort !== 0 ? { ...rest, nodePort } : rest;
  });
}

const portsEqual = (a: readonly ServicePort[] | undefined, b: readonly ServicePort[] | undefined): boolean =>
  jsonEqual(withoutNodePorts(a) ?? [], withoutNodePorts(b) ?? []);

/** Spec fields copied both ways (`CopyBidirectional`). */
const BIDIRECTIONAL_FIELDS = [
  'type',
  'externalIPs',
  'externalName',
  'loadBalancerIP',
  'publishNotReadyAddresses',
  'externalTrafficPolicy',
  'sessionAffinity',
  'sessionAffinityConfig',
  'loadBalancerSourceRanges',
] as const satisfies readonly (keyof ServiceSpec)[];

function setField<K extends keyof MutableSpec>(spec: MutableSpec, key: K, value: MutableSpec[K] | undefined): void {
  if (value === undefined) Reflect.deleteProperty(spec, key);
  else spec[key] = value;
}

const isExternalName = (service: Service | undefined): boolean => service?.spec?.type === 'ExternalName';

/** Spec §3.2 Sync. */
export function syncService(names: NameContext, event: SyncPair<Service>, host: NamespacedName, owner?: HostOwner): ServiceSyncPlan {
  const { virtual: v, host: h } = event;
  if (isExternalName(v) !== isExternalName(h)) {
    return { kind: 'recreate-host', object: toHostService(names, v, host, owner) };
  }
  if (!isExternalName(v) && hasAllocatedIp(h.spec) && v.spec?.clusterIP !== 'None' && v.spec?.clusterIP !== h.spec.clusterIP) {
    const object = freshService(v);
    const spec: MutableSpec = object.spec ?? {};
    spec.clusterIP = h.spec.clusterIP;
    setField(spec, 'clusterIPs', h.spec.clusterIPs === undefined ? [h.spec.clusterIP] : [...h.spec.clusterIPs]);
    setField(spec, 'ipFamilies', h.spec.ipFamilies === undefined ? undefined : [...h.spec.ipFamilies]);
    setField(spec, 'ipFamilyPolicy', h.spec.ipFamilyPolicy);
    object.spec = spec;
    return { kind: 'recreate-virtual', object, fallback: freshService(v) };
  }

  const known = { virtualOldKnown: event.virtualOld !== undefined, hostOldKnown: event.hostOld !== undefined };
  const virtual = clone(v);
  const hostOut = clone(h);
  const vSpec: MutableSpec = virtual.spec ?? {};
  const hSpec: MutableSpec = hostOut.spec ?? {};
  for (const field of BIDIRECTIONAL_FIELDS) {
    const copied = copyBidirectional(event.virtualOld?.spec?.[field], v.spec?.[field], event.hostOld?.spec?.[field], h.spec?.[field], known);
    setField(vSpec, field, clone(copied.virtual));
    setField(hSpec, field, clone(copied.host));
  }
  const ports = copyBidirectional(event.virtualOld?.spec?.ports, v.spec?.ports, event.hostOld?.spec?.ports, h.spec?.ports, { ...known, equal: portsEqual });
  const hostKeepsNodePorts = NODE_PORT_TYPES.includes(hSpec.type ?? 'ClusterIP');
  const virtualKeepsNodePorts = NODE_PORT_TYPES.includes(vSpec.type ?? 'ClusterIP');
  setField(hSpec, 'ports', portsWithNodePortsOf(ports.host, h.spec?.ports, hostKeepsNodePorts));
  setField(vSpec, 'ports', portsWithNodePortsOf(ports.virtual, v.spec?.ports, virtualKeepsNodePorts));
  if (!hostKeepsNodePorts) delete hSpec.healthCheckNodePort;
  if (!virtualKeepsNodePorts) delete vSpec.healthCheckNodePort;

  // Selector: a virtual change (or no host change) wins.
  const selectorVirtualChanged = event.virtualOld === undefined || !mapsEqual(event.virtualOld.spec?.selector, v.spec?.selector);
  const selectorHostChanged = event.hostOld !== undefined && !mapsEqual(event.hostOld.spec?.selector, h.spec?.selector);
  const namespace = v.metadata?.namespace ?? '';
  if (selectorVirtualChanged || !selectorHostChanged) {
    setField(hSpec, 'selector', hostLabelsMap(names, v.spec?.selector, h.spec?.selector, namespace, false));
  } else {
    setField(vSpec, 'selector', virtualLabelsMap(names, h.spec?.selector, v.spec?.selector));
  }

  if (hSpec.type !== 'LoadBalancer') delete hSpec.loadBalancerIP;

  const metadata = syncMetadata(
    names,
    SERVICE_GVK,
    { virtualOld: event.virtualOld?.metadata, virtual: v.metadata ?? {}, hostOld: event.hostOld?.metadata, host: h.metadata ?? {} },
    SERVICE_EXCLUDED_ANNOTATIONS,
  );
  virtual.metadata = withMetadata(virtual.metadata ?? {}, metadata.virtual);
  hostOut.metadata = withMetadata(hostOut.metadata ?? {}, metadata.host);
  virtual.spec = vSpec;
  hostOut.spec = hSpec;
  return { kind: 'update', virtual: { ...virtual, status: virtualStatus(h) }, host: hostOut };
}

/** The virtual status is the host's; load-balancer ingress only for LoadBalancer services. */
export function virtualStatus(host: Service): ServiceStatus {
  const status = clone(host.status ?? {});
  if (host.spec?.type !== 'LoadBalancer') return { ...status, loadBalancer: {} };
  return { ...status, loadBalancer: status.loadBalancer ?? {} };
}
