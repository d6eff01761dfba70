/**
 * Name mappers: virtual ↔ host names per kind, including the special names of spec §1.3 and the
 * reverse lookup of §1.6 (mapping store, annotations, name heuristics).
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { HOST_PV_ANNOTATION, NAME_ANNOTATION, NAMESPACE_ANNOTATION } from '../api/labels.js';
import {
  currentNamespaceOf,
  hostName,
  hostNameCluster,
  hostNameShort,
  hostNamespace,
  objectKindAnnotationValue,
  safeConcatName,
  sameName,
  type GroupVersionKind,
  type MappingLookup,
  type NameContext,
  type NamespacedName,
} from './names-core.js';
import { checkHostObject, isManaged, translateBackByAnnotations } from './names-metadata.js';

/** A recorded virtual ↔ host pair, e.g. the object being synced while a reference is translated. */
export interface NameMapping {
  readonly virtual: NamespacedName;
  readonly host: NamespacedName;
}

export interface NameMapper {
  readonly gvk: GroupVersionKind;
  /** The host name; `undefined` when the virtual name is empty. */
  virtualToHost(virtual: NamespacedName, obj?: ObjectMeta): NamespacedName | undefined;
  /**
   * The virtual name of a host object; `undefined` means "not ours, ignore it". `owner` is the
   * mapping of the object being synced, if any (§1.6 step 4).
   */
  hostToVirtual(host: NamespacedName, obj?: ObjectMeta, owner?: NameMapping): NamespacedName | undefined;
  /** Is this host object ours (spec §1.9)? */
  isManaged(host: ObjectMeta): boolean;
}

export const KUBE_ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DEFAULT_KUBERNETES: NamespacedName = { name: 'kubernetes', namespace: 'default' };

/** The host name of a ConfigMap that would be called `kube-root-ca.crt` on the host. */
export function kubeRootCAHostName(ctx: NameContext): string {
  return safeConcatName('vcluster', KUBE_ROOT_CA_CONFIGMAP, 'x', ctx.vclusterName);
}

const SHORT_NAME = /v[a-z0-9]{13}/g;

/**
 * §1.6 step 4: guess the virtual name from the host name when store and annotations give nothing.
 */
export function translateBackByName(
  ctx: NameContext,
  host: NamespacedName,
  lookup: MappingLookup | undefined,
  owner: NameMapping | undefined,
): NamespacedName | undefined {
  if (owner !== undefined && owner.virtual.namespace !== '') {
    const short = hostNameShort(ctx, owner.virtual.name, owner.virtual.namespace);
    if (sameName(short, owner.host) && host.name.includes(owner.host.name)) {
      return { name: host.name.replaceAll(owner.host.name, owner.virtual.name), namespace: owner.virtual.namespace };
    }
  }
  if (lookup === undefined) return undefined;
  for (const [match] of host.name.matchAll(SHORT_NAME)) {
    for (const kind of lookup.kinds()) {
      const virtual = lookup.hostToVirtual(kind, { namespace: host.namespace, name: match });
      if (virtual === undefined || virtual.name === '' || virtual.namespace === '') continue;
      if (hostNameShort(ctx, virtual.name, virtual.namespace).name !== match) continue;
      return { name: host.name.replaceAll(match, virtual.name), namespace: virtual.namespace };
    }
  }
  for (const kind of lookup.kinds()) {
    const virtual = lookup.hostToVirtual(kind, host);
    if (virtual === undefined || virtual.name === '' || virtual.namespace === '') continue;
    if (sameName(hostName(ctx, virtual.name, virtual.namespace), host)) return virtual;
  }
  return undefined;
}

type Translate = (virtual: NamespacedName, obj: ObjectMeta | undefined) => NamespacedName;
type Direction = Pick<NameMapper, 'virtualToHost' | 'hostToVirtual'>;

/**
 * The generic mapper without the store (`generic.NewMapperWithoutRecorder`): the given translation;
 * back via targeted-namespace check, annotations and name heuristics.
 */
function baseMapper(ctx: NameContext, gvk: GroupVersionKind, translate: Translate, lookup: MappingLookup | undefined): Direction {
  return {
    virtualToHost(virtual, obj) {
      if (virtual.name === '') return undefined;
      const host = translate(virtual, obj);
      return host.name === '' ? undefined : host;
    },
    hostToVirtual(host, obj, owner) {
      if (!checkHostObject(ctx, gvk, host)) return undefined;
      if (obj !== undefined) {
        const byAnnotations = translateBackByAnnotations(ctx, gvk, { ...obj, name: host.name, namespace: host.namespace });
        if (byAnnotations !== undefined) return byAnnotations;
      }
      return translateBackByName(ctx, host, lookup, owner);
    },
  };
}

/**
 * Wraps a mapper like vcluster's recorder: recorded mappings win in both directions and make a
 * host object ours; ownership otherwise follows §1.9 with this mapper's own translation.
 */
function withStore(ctx: NameContext, gvk: GroupVersionKind, inner: Direction, lookup: MappingLookup | undefined): NameMapper {
  const kind = objectKindAnnotationValue(gvk);
  const mapper: NameMapper = {
    gvk,
    virtualToHost(virtual, obj) {
      if (virtual.name === '') return undefined;
      return lookup?.virtualToHost(kind, virtual) ?? inner.virtualToHost(virtual, obj);
    },
    hostToVirtual(host, obj, owner) {
      return lookup?.hostToVirtual(kind, host) ?? inner.hostToVirtual(host, obj, owner);
    },
    isManaged(host) {
      const name = { name: host.name ?? '', namespace: host.namespace ?? '' };
      if (lookup?.hostToVirtual(kind, name) !== undefined) return true;
      if (!checkHostObject(ctx, gvk, name)) return false;
      return isManaged(ctx, gvk, host, { virtualToHost: (v) => mapper.virtualToHost(v) });
    },
  };
  return mapper;
}

/** Any kind with a custom virtual → host translation, mapped back by store, annotations and name. */
export function genericMapper(
  ctx: NameContext,
  gvk: GroupVersionKind,
  translate: Translate,
  lookup?: MappingLookup,
): NameMapper {
  return withStore(ctx, gvk, baseMapper(ctx, gvk, translate, lookup), lookup);
}

/** Namespaced kinds synced to the host: `name-x-namespace-x-vcluster` in TNS. */
export function namespacedMapper(ctx: NameContext, gvk: GroupVersionKind, lookup?: MappingLookup): NameMapper {
  return genericMapper(ctx, gvk, (v) => hostName(ctx, v.name, v.namespace), lookup);
}

/**
 * Services, Endpoints and EndpointSlices: the virtual `default/kubernetes` is the vcluster's own
 * Service `VC` in CNS. For Services, a host object in host namespace `default` that maps back to
 * `kubernetes` is ignored, which protects the host's own `default/kubernetes`.
 */
export function serviceMapper(ctx: NameContext, gvk: GroupVersionKind, lookup?: MappingLookup): NameMapper {
  const own: NamespacedName = { name: ctx.vclusterName, namespace: currentNamespaceOf(ctx) };
  const base = baseMapper(ctx, gvk, (v) => hostName(ctx, v.name, v.namespace), lookup);
  const isService = gvk.group === '' && gvk.kind === 'Service';
  return withStore(
    ctx,
    gvk,
    {
      virtualToHost: (virtual, obj) => (sameName(virtual, DEFAULT_KUBERNETES) ? own : base.virtualToHost(virtual, obj)),
      hostToVirtual(host, obj, owner) {
        if (sameName(host, own)) return DEFAULT_KUBERNETES;
        const virtual = base.hostToVirtual(host, obj, owner);
        if (isService && virtual?.name === 'kubernetes' && host.namespace === 'default') return undefined;
        return virtual;
      },
    },
    lookup,
  );
}

/**
 * ConfigMaps: a translated name that would be exactly `kube-root-ca.crt` (only when names are not
 * rewritten) gets a vcluster-specific name, and the host's own `kube-root-ca.crt` is never mapped.
 */
export function configMapMapper(ctx: NameContext, lookup?: MappingLookup): NameMapper {
  const gvk: GroupVersionKind = { group: '', version: 'v1', kind: 'ConfigMap' };
  const base = baseMapper(ctx, gvk, (v) => hostName(ctx, v.name, v.namespace), lookup);
  const special = kubeRootCAHostName(ctx);
  return withStore(
    ctx,
    gvk,
    {
      virtualToHost(virtual, obj) {
        const host = base.virtualToHost(virtual, obj);
        return host?.name === KUBE_ROOT_CA_CONFIGMAP ? { name: special, namespace: host.namespace } : host;
      },
      hostToVirtual(host, obj, owner) {
        if (host.name === KUBE_ROOT_CA_CONFIGMAP) return undefined;
        const virtual = base.hostToVirtual(host, obj, owner);
        if (host.name === special) return { name: KUBE_ROOT_CA_CONFIGMAP, namespace: virtual?.namespace ?? '' };
        return virtual;
      },
    },
    lookup,
  );
}

/**
 * Cluster-scoped kinds synced to the host (StorageClass, PriorityClass, VolumeSnapshotContent):
 * `vcluster-<name>-x-<TNS>-x-<VC>`.
 */
export function clusterMapper(ctx: NameContext, gvk: GroupVersionKind, lookup?: MappingLookup): NameMapper {
  return genericMapper(ctx, gvk, (v) => ({ name: hostNameCluster(ctx, v.name), namespace: '' }), lookup);
}

/**
 * PersistentVolumes when `persistentvolumes` sync is on: the `host-pv` annotation of the virtual PV,
 * else `HostNameCluster`; without the object the name stays; back: falls back to the same name.
 */
export function persistentVolumeMapper(ctx: NameContext, lookup?: MappingLookup): NameMapper {
  const gvk: GroupVersionKind = { group: '', version: 'v1', kind: 'PersistentVolume' };
  const base = baseMapper(
    ctx,
    gvk,
    (v, obj) => {
      if (obj === undefined) return { name: v.name, namespace: '' };
      const annotated = obj.annotations?.[HOST_PV_ANNOTATION] ?? '';
      return { name: annotated === '' ? hostNameCluster(ctx, v.name) : annotated, namespace: '' };
    },
    lookup,
  );
  return withStore(
    ctx,
    gvk,
    {
      virtualToHost: (virtual, obj) => base.virtualToHost(virtual, obj),
      hostToVirtual: (host, obj, owner) => base.hostToVirtual(host, obj, owner) ?? { name: host.name, namespace: '' },
    },
    lookup,
  );
}

/**
 * Kinds that keep their name (Node, IngressClass, RuntimeClass, CSIDriver, CSINode, host
 * StorageClasses, and StorageClass / PriorityClass / PV when their toHost sync is off).
 */
export function mirrorMapper(ctx: NameContext, gvk: GroupVersionKind): NameMapper {
  return {
    gvk,
    virtualToHost(virtual) {
      if (virtual.name === '') return undefined;
      return { name: virtual.name, namespace: hostNamespace(ctx, virtual.namespace) };
    },
    hostToVirtual(host, obj) {
      const annotated = obj?.annotations?.[NAME_ANNOTATION] ?? '';
      if (annotated !== '') return { name: annotated, namespace: obj?.annotations?.[NAMESPACE_ANNOTATION] ?? '' };
      return { name: host.name, namespace: '' };
    },
    isManaged: () => true,
  };
}
