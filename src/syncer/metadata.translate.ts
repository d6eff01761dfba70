/**
 * Pure helpers every resource's `sync` uses: semantic equality of JSON objects, the bidirectional
 * copy and merge primitives of spec §4.6, and metadata (labels, annotations) kept in step both
 * ways. An unknown old state (after a restart) counts as "the virtual side changed", so the virtual
 * cluster wins and changes made while the syncer was down reach the host.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { cloneJson, jsonEqual } from '../lib/json.js';
import { BLOCK_DELETION_ANNOTATION, CONTROLLER_LABEL, MARKER_LABEL, NAMESPACE_LABEL, NAMESPACE_LABEL_PREFIX, SYNC_METADATA_ANNOTATIONS } from '../api/labels.js';
import {
  hostAnnotations,
  hostLabels,
  virtualLabel,
  type GroupVersionKind,
  type NameContext,
} from './names.js';

export { jsonEqual };

type StringMap = Readonly<Record<string, string>>;

/** An empty map and a missing map are the same for labels, annotations, data and selectors. */
export function mapsEqual(a: StringMap | undefined, b: StringMap | undefined): boolean {
  return jsonEqual(a ?? {}, b ?? {});
}

/** A deep copy of a JSON object. */
export const clone: <T>(value: T) => T = cloneJson;

/**
 * Both sides of a sync with their last known states (the translate-side twin of `SyncEvent` in
 * types.ts, which translate files may not import).
 */
export interface SyncPair<T> {
  readonly virtual: T;
  readonly host: T;
  readonly virtualOld?: T | undefined;
  readonly hostOld?: T | undefined;
}

export interface Bidirectional<V> {
  readonly virtual: V;
  readonly host: V;
}

/**
 * `CopyBidirectional` (spec §4.6): if the virtual value changed (or its old value is unknown) the
 * host takes it; else if the host value changed the virtual side takes it; the virtual side wins
 * when both changed.
 */
export function copyBidirectional<V>(
  virtualOld: V | undefined,
  virtual: V,
  hostOld: V | undefined,
  host: V,
  options: { readonly virtualOldKnown: boolean; readonly hostOldKnown: boolean; readonly equal?: (a: V, b: V) => boolean },
): Bidirectional<V> {
  const equal = options.equal ?? jsonEqual;
  if (!options.virtualOldKnown || !equal(virtualOld as V, virtual)) return { virtual, host: virtual };
  if (options.hostOldKnown && !equal(hostOld as V, host)) return { virtual: host, host };
  return { virtual, host };
}

/** Applies the changes from `before` to `after` (added, changed, removed keys) onto `target`. */
export function applyMapDiff(
  target: StringMap | undefined,
  before: StringMap | undefined,
  after: StringMap | undefined,
  mapKey: (key: string) => string | undefined = (k) => k,
): Record<string, string> {
  const out: Record<string, string> = { ...target };
  for (const [key, value] of Object.entries(after ?? {})) {
    if (before?.[key] === value) continue;
    const mapped = mapKey(key);
    if (mapped !== undefined) out[mapped] = value;
  }
  for (const key of Object.keys(before ?? {})) {
    if (after?.[key] !== undefined) continue;
    const mapped = mapKey(key);
    if (mapped !== undefined) Reflect.deleteProperty(out, mapped);
  }
  return out;
}

/**
 * `MergeBidirectional` for string maps (ConfigMap / Secret data, spec §4.6): a virtual change is
 * merged into the host map, else a host change into the virtual map. With no known virtual old
 * state the host takes the virtual map as it is.
 */
export function mergeMapsBidirectional(
  virtualOld: StringMap | undefined,
  virtual: StringMap | undefined,
  hostOld: StringMap | undefined,
  host: StringMap | undefined,
  options: { readonly virtualOldKnown: boolean; readonly hostOldKnown: boolean },
): Bidirectional<Record<string, string> | undefined> {
  const copy = (m: StringMap | undefined): Record<string, string> | undefined => (m === undefined ? undefined : { ...m });
  if (!options.virtualOldKnown) return { virtual: copy(virtual), host: copy(virtual) };
  if (!mapsEqual(virtualOld, virtual)) {
    return { virtual: copy(virtual), host: emptyToUndefined(applyMapDiff(host, virtualOld, virtual)) };
  }
  if (options.hostOldKnown && !mapsEqual(hostOld, host)) {
    return { virtual: emptyToUndefined(applyMapDiff(virtual, hostOld, host)), host: copy(host) };
  }
  return { virtual: copy(virtual), host: copy(host) };
}

function emptyToUndefined(map: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(map).length === 0 ? undefined : map;
}

/** The metadata of both sides a sync works on (old states are optional, see module comment). */
export interface MetadataEvent {
  readonly virtualOld?: ObjectMeta | undefined;
  readonly virtual: ObjectMeta;
  readonly hostOld?: ObjectMeta | undefined;
  readonly host: ObjectMeta;
}

export interface SyncedMetadata {
  readonly virtual: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly host: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
}

const HOST_ONLY_ANNOTATIONS: readonly string[] = [BLOCK_DELETION_ANNOTATION];

function isVirtualOnlyLabel(key: string): boolean {
  return key === MARKER_LABEL || key === NAMESPACE_LABEL || key === CONTROLLER_LABEL || key.startsWith(NAMESPACE_LABEL_PREFIX);
}

/**
 * Labels and annotations both ways (`AnnotationsBidirectionalUpdate`, `LabelsBidirectionalUpdate`,
 * spec §4.6). A virtual change (or an unknown virtual old state) recomputes the host side from the
 * virtual object, keeping annotations other parties put on the host; otherwise a host change is
 * applied to the virtual side as a diff. vcluster's own keys and `excludedAnnotations` never flow;
 * the host bookkeeping annotations are always rewritten.
 */
export function syncMetadata(
  names: NameContext,
  gvk: GroupVersionKind,
  event: MetadataEvent,
  excludedAnnotations: readonly string[] = [],
): SyncedMetadata {
  const virtualNamespace = event.virtual.namespace ?? '';
  const isExcludedAnnotation = (key: string): boolean =>
    SYNC_METADATA_ANNOTATIONS.includes(key) || excludedAnnotations.includes(key) || HOST_ONLY_ANNOTATIONS.includes(key);
  const virtualChanged = (a: StringMap | undefined, b: StringMap | undefined): boolean =>
    event.virtualOld === undefined || !mapsEqual(a, b);
  const hostChanged = (a: StringMap | undefined, b: StringMap | undefined): boolean =>
    event.hostOld !== undefined && !mapsEqual(a, b);

  // Annotations.
  let virtualAnnotations = event.virtual.annotations;
  let hostAnnotationSource = event.virtual.annotations;
  if (
    !virtualChanged(event.virtualOld?.annotations, event.virtual.annotations) &&
    hostChanged(event.hostOld?.annotations, event.host.annotations)
  ) {
    virtualAnnotations = applyMapDiff(event.virtual.annotations, event.hostOld?.annotations, event.host.annotations, (k) =>
      isExcludedAnnotation(k) ? undefined : k,
    );
    hostAnnotationSource = virtualAnnotations;
  }
  const ref = { gvk, metadata: { ...event.virtual, annotations: hostAnnotationSource ?? {} } };
  const newHostAnnotations = hostAnnotations(ref, event.host, [...excludedAnnotations, ...HOST_ONLY_ANNOTATIONS]);
  for (const key of HOST_ONLY_ANNOTATIONS) Reflect.deleteProperty(newHostAnnotations, key);

  // Labels.
  let virtualLabels = event.virtual.labels;
  let hostLabelsOut: Record<string, string> | undefined;
  if (
    !virtualChanged(event.virtualOld?.labels, event.virtual.labels) &&
    hostChanged(event.hostOld?.labels, event.host.labels)
  ) {
    virtualLabels = emptyToUndefined(
      applyMapDiff(event.virtual.labels, event.hostOld?.labels, event.host.labels, (k) =>
        isVirtualOnlyLabel(k) ? undefined : virtualLabel(names, k),
      ),
    );
    hostLabelsOut = event.host.labels === undefined ? undefined : { ...event.host.labels };
  } else if (virtualChanged(event.virtualOld?.labels, event.virtual.labels)) {
    hostLabelsOut = hostLabels(names, event.virtual.labels, virtualNamespace, event.host.labels);
  } else {
    hostLabelsOut = event.host.labels === undefined ? undefined : { ...event.host.labels };
  }

  return {
    virtual: {
      ...(virtualLabels === undefined ? {} : { labels: { ...virtualLabels } }),
      ...(virtualAnnotations === undefined ? {} : { annotations: { ...virtualAnnotations } }),
    },
    host: {
      ...(hostLabelsOut === undefined ? {} : { labels: hostLabelsOut }),
      annotations: newHostAnnotations,
    },
  };
}

/** `meta` with labels and annotations replaced (missing ones removed). */
export function withMetadata(
  meta: ObjectMeta,
  synced: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> },
): ObjectMeta {
  const { labels: _labels, annotations: _annotations, ...rest } = meta;
  return {
    ...rest,
    ...(synced.labels === undefined || Object.keys(synced.labels).length === 0 ? {} : { labels: synced.labels }),
    ...(synced.annotations === undefined || Object.keys(synced.annotations).length === 0 ? {} : { annotations: synced.annotations }),
  };
}
