/**
 * The metadata a synced host object carries, and the rules that read it back: ownership
 * (`isManaged`, spec §1.9), the deletion marker (§1.10) and the annotation-based reverse lookup
 * (§1.6 step 3).
 */
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.js';
import {
  HOST_NAME_ANNOTATION,
  HOST_NAMESPACE_ANNOTATION,
  KIND_ANNOTATION,
  MANAGED_ANNOTATIONS_ANNOTATION,
  MANAGED_LABELS_ANNOTATION,
  MARKER_LABEL,
  NAME_ANNOTATION,
  NAMESPACE_ANNOTATION,
  SYNC_METADATA_ANNOTATIONS,
  UID_ANNOTATION,
} from '../api/labels.js';
import { hostLabels, virtualLabels } from './names-labels.js';
import {
  isTargetedNamespace,
  markerLabelCluster,
  objectKindAnnotationValue,
  type GroupVersionKind,
  type MappingLookup,
  type NameContext,
  type NamespacedName,
} from './names-core.js';

type StringMap = Readonly<Record<string, string>>;

/** An object's kind and metadata: all the metadata functions need to know about it. */
export interface ObjectRef {
  readonly gvk: GroupVersionKind;
  readonly metadata: ObjectMeta;
}

/** The owner set on namespaced host objects: the vcluster's host Service (spec §1.8 step 2). */
export interface HostOwner {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

/**
 * Copies `from` over `to`: keys from `from` win and are reported as managed; excluded keys keep
 * `to`'s value; a key managed before (`managedKeys`) that is gone from `from` disappears; keys
 * someone else added to `to` survive. Returns the map and the sorted managed keys joined by `\n`.
 */
export function applyMaps(
  from: StringMap | undefined,
  to: StringMap | undefined,
  managedKeys: readonly string[],
  excludeKeys: readonly string[],
): { readonly map: Record<string, string>; readonly managed: string } {
  const map: Record<string, string> = {};
  const managed: string[] = [];
  for (const [key, value] of Object.entries(from ?? {})) {
    if (excludeKeys.includes(key)) continue;
    map[key] = value;
    managed.push(key);
  }
  for (const [key, value] of Object.entries(to ?? {})) {
    if (excludeKeys.includes(key)) map[key] = value;
    else if (!managed.includes(key) && !managedKeys.includes(key)) map[key] = value;
  }
  // Go's sort.Strings compares bytes; so does the default sort for ASCII keys.
  return { map, managed: managed.sort().join('\n') };
}

/** `applyMaps` for annotations, keeping `managed-annotations` up to date. */
export function applyAnnotations(
  from: StringMap | undefined,
  to: StringMap | undefined,
  excluded: readonly string[] = [],
): Record<string, string> {
  const target = to ?? {};
  const { map, managed } = applyMaps(
    from,
    target,
    (target[MANAGED_ANNOTATIONS_ANNOTATION] ?? '').split('\n'),
    [MANAGED_ANNOTATIONS_ANNOTATION, MANAGED_LABELS_ANNOTATION, ...excluded],
  );
  const { [MANAGED_ANNOTATIONS_ANNOTATION]: _previous, ...rest } = map;
  return managed === '' ? rest : { ...rest, [MANAGED_ANNOTATIONS_ANNOTATION]: managed };
}

/**
 * The annotations of a host object: the virtual object's own annotations merged over the current
 * host ones, plus `object-name`, `object-uid`, `object-host-name`, `object-host-namespace`,
 * `object-namespace` and `object-kind` (spec §1.8 step 4).
 */
export function hostAnnotations(
  virtual: ObjectRef,
  host: ObjectMeta | undefined,
  excluded: readonly string[] = [],
): Record<string, string> {
  const merged = applyAnnotations(virtual.metadata.annotations, host?.annotations ?? {}, [
    ...excluded,
    NAME_ANNOTATION,
    HOST_NAME_ANNOTATION,
    HOST_NAMESPACE_ANNOTATION,
    UID_ANNOTATION,
    KIND_ANNOTATION,
    NAMESPACE_ANNOTATION,
  ]);
  return withHostAnnotations(merged, virtual, host);
}

/** `annotations` plus the keys that point a host object back at its virtual object. */
export function withHostAnnotations(
  annotations: StringMap,
  virtual: ObjectRef,
  host: ObjectMeta | undefined,
): Record<string, string> {
  const { [NAMESPACE_ANNOTATION]: _namespace, ...rest } = annotations;
  const target: Record<string, string> = rest;
  target[NAME_ANNOTATION] = virtual.metadata.name ?? '';
  target[UID_ANNOTATION] = virtual.metadata.uid ?? '';
  if (host !== undefined) {
    target[HOST_NAME_ANNOTATION] = host.name ?? '';
    if (nonEmpty(host.namespace)) target[HOST_NAMESPACE_ANNOTATION] = host.namespace;
  }
  const virtualNamespace = virtual.metadata.namespace ?? '';
  if (virtualNamespace !== '') target[NAMESPACE_ANNOTATION] = virtualNamespace;
  target[KIND_ANNOTATION] = objectKindAnnotationValue(virtual.gvk);
  return target;
}

/** Host annotations → virtual annotations: vcluster's bookkeeping keys never flow back. */
export function virtualAnnotations(
  hostAnnotationsIn: StringMap | undefined,
  currentVirtual: StringMap | undefined,
  excluded: readonly string[] = [],
): Record<string, string> {
  const isExcluded = (key: string): boolean => excluded.includes(key) || SYNC_METADATA_ANNOTATIONS.includes(key);
  const ret: Record<string, string> = {};
  for (const [key, value] of Object.entries(hostAnnotationsIn ?? {})) if (!isExcluded(key)) ret[key] = value;
  for (const [key, value] of Object.entries(currentVirtual ?? {})) if (isExcluded(key)) ret[key] = value;
  return ret;
}

export interface HostMetadataOptions {
  /** Owner of namespaced host objects (`experimental.syncSettings.setOwner`); none when unset. */
  readonly owner?: HostOwner;
  /** Annotations that must not be copied to the host. */
  readonly excludedAnnotations?: readonly string[];
}

/**
 * The metadata of a new host object made from a virtual one (`HostMetadata`, spec §1.8): name and
 * namespace translated, server-set fields and owners dropped, annotations and labels translated.
 */
export function hostMetadata(
  ctx: NameContext,
  virtual: ObjectRef,
  host: NamespacedName,
  options: HostMetadataOptions = {},
): ObjectMeta {
  const excluded = options.excludedAnnotations ?? [];
  const virtualNamespace = virtual.metadata.namespace ?? '';
  const strippedAnnotations = withoutKeys(virtual.metadata.annotations, excluded);
  const stripped: ObjectRef = {
    gvk: virtual.gvk,
    metadata: { ...virtual.metadata, ...(strippedAnnotations === undefined ? {} : { annotations: strippedAnnotations }) },
  };
  const base: ObjectMeta = {
    name: host.name,
    ...(virtualNamespace === '' ? {} : { namespace: host.namespace }),
    ...(strippedAnnotations === undefined ? {} : { annotations: { ...strippedAnnotations } }),
  };
  const ownerReferences = virtualNamespace === '' ? undefined : ownerReferenceFor(options.owner, virtual.metadata);
  const labels = hostLabels(ctx, virtual.metadata.labels, virtualNamespace);
  return {
    name: base.name,
    ...(base.namespace === undefined ? {} : { namespace: base.namespace }),
    ...(labels === undefined ? {} : { labels }),
    annotations: hostAnnotations(stripped, base, excluded),
    ...(ownerReferences === undefined ? {} : { ownerReferences }),
  };
}

/**
 * The metadata of a virtual object imported from a host object (`VirtualMetadata`, spec §1.8).
 */
export function virtualMetadata(
  ctx: NameContext,
  host: ObjectMeta,
  virtual: NamespacedName,
  excludedAnnotations: readonly string[] = [],
): ObjectMeta {
  const annotations = virtualAnnotations(host.annotations, undefined, excludedAnnotations);
  const labels = virtualLabels(ctx, host.labels);
  return {
    name: virtual.name,
    ...(nonEmpty(host.namespace) ? { namespace: virtual.namespace } : {}),
    ...(labels === undefined ? {} : { labels }),
    ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
  };
}

function ownerReferenceFor(owner: HostOwner | undefined, virtual: ObjectMeta): OwnerReference[] | undefined {
  if (owner === undefined || owner.name === '' || owner.uid === '' || owner.apiVersion === '' || owner.kind === '') {
    return undefined;
  }
  const controller = (virtual.ownerReferences ?? []).some((ref) => ref.controller === true);
  return [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller }];
}

export interface IsManagedOptions {
  /**
   * The kind's virtual → host name function. When given, the host name must equal the
   * translation of the `object-name` / `object-namespace` annotations.
   */
  readonly virtualToHost?: (virtual: NamespacedName) => NamespacedName | undefined;
  /** A recorded mapping for the host object makes it ours without further checks. */
  readonly lookup?: MappingLookup;
}

/**
 * Is this host object ours (spec §1.9)? Cluster-scoped: `managed-by` is `<TNS>-x-<VC>`.
 * Namespaced: in TNS, `managed-by` is VC, `object-name` is set (and translates to the real name),
 * and `object-kind` / `object-host-name` / `object-host-namespace`, where set, match.
 */
export function isManaged(
  ctx: NameContext,
  gvk: GroupVersionKind,
  host: ObjectMeta,
  options: IsManagedOptions = {},
): boolean {
  const name = host.name ?? '';
  const namespace = host.namespace ?? '';
  const kind = objectKindAnnotationValue(gvk);
  if (options.lookup?.hostToVirtual(kind, { name, namespace }) !== undefined) return true;
  const labels = host.labels ?? {};
  if (namespace === '') return labels[MARKER_LABEL] === markerLabelCluster(ctx);
  if (!isTargetedNamespace(ctx, namespace) || labels[MARKER_LABEL] !== ctx.vclusterName) return false;
  const annotations = host.annotations ?? {};
  const virtualName = annotations[NAME_ANNOTATION] ?? '';
  if (virtualName === '') return false;
  if (options.virtualToHost !== undefined) {
    const expected = options.virtualToHost({ name: virtualName, namespace: annotations[NAMESPACE_ANNOTATION] ?? '' });
    if (expected?.name !== name) return false;
  }
  return annotationsMatchObject(annotations, kind, name, namespace, false);
}

/** `object-kind`, `object-host-name` and `object-host-namespace`, where set, describe this object. */
function annotationsMatchObject(
  annotations: StringMap,
  kind: string,
  name: string,
  namespace: string,
  presentCountsAsSet: boolean,
): boolean {
  // IsManaged treats an empty annotation as unset; the reverse lookup treats any present key as set.
  const isSet = (key: string): boolean =>
    presentCountsAsSet ? annotations[key] !== undefined : nonEmpty(annotations[key]);
  if (isSet(KIND_ANNOTATION) && annotations[KIND_ANNOTATION] !== kind) return false;
  if (isSet(HOST_NAME_ANNOTATION) && annotations[HOST_NAME_ANNOTATION] !== name) return false;
  if (isSet(HOST_NAMESPACE_ANNOTATION) && annotations[HOST_NAMESPACE_ANNOTATION] !== namespace) return false;
  return true;
}

/**
 * Should a host object whose virtual partner is gone be deleted (spec §1.10)? Yes if it is being
 * deleted already or was clearly written by vcluster ≥ v0.21; otherwise the virtual object is
 * re-created from it.
 */
export function shouldDeleteHostObject(gvk: GroupVersionKind, host: ObjectMeta): boolean {
  if (host.deletionTimestamp !== undefined) return true;
  const annotations = host.annotations ?? {};
  if (annotations[KIND_ANNOTATION] !== objectKindAnnotationValue(gvk)) return false;
  const hostNameAnnotation = annotations[HOST_NAME_ANNOTATION] ?? '';
  if (!nonEmpty(annotations[NAME_ANNOTATION]) || hostNameAnnotation === '' || hostNameAnnotation !== host.name) return false;
  const namespace = host.namespace ?? '';
  if (namespace !== '') {
    const hostNamespaceAnnotation = annotations[HOST_NAMESPACE_ANNOTATION] ?? '';
    if (!nonEmpty(annotations[NAMESPACE_ANNOTATION]) || hostNamespaceAnnotation === '' || hostNamespaceAnnotation !== namespace) {
      return false;
    }
  }
  return true;
}

/**
 * §1.6 step 2: only host objects in TNS (and, for Namespaces, TNS itself) may be mapped at all.
 */
export function checkHostObject(ctx: NameContext, gvk: GroupVersionKind, host: NamespacedName): boolean {
  if (host.namespace !== '' && !isTargetedNamespace(ctx, host.namespace)) return false;
  const isNamespace = gvk.group === '' && gvk.version === 'v1' && gvk.kind === 'Namespace';
  return !isNamespace || isTargetedNamespace(ctx, host.name);
}

/**
 * §1.6 step 3: the virtual name from `object-name` / `object-namespace`, if the object is not
 * another vcluster's and its kind and host-name annotations describe it.
 */
export function translateBackByAnnotations(
  ctx: NameContext,
  gvk: GroupVersionKind,
  host: ObjectMeta,
): NamespacedName | undefined {
  const annotations = host.annotations ?? {};
  const virtualName = annotations[NAME_ANNOTATION] ?? '';
  if (virtualName === '') return undefined;
  const namespace = host.namespace ?? '';
  const marker = host.labels?.[MARKER_LABEL] ?? '';
  if (marker !== '' && marker !== (namespace === '' ? markerLabelCluster(ctx) : ctx.vclusterName)) return undefined;
  if (!annotationsMatchObject(annotations, objectKindAnnotationValue(gvk), host.name ?? '', namespace, true)) {
    return undefined;
  }
  return { name: virtualName, namespace: annotations[NAMESPACE_ANNOTATION] ?? '' };
}

function withoutKeys(map: StringMap | undefined, keys: readonly string[]): Record<string, string> | undefined {
  if (map === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) if (!keys.includes(key)) out[key] = value;
  return out;
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}
