/**
 * Label keys and selectors, current scheme (v0.21+, spec §1.5.1): only `release` and three
 * vcluster keys are hashed; every other key is copied verbatim.
 */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';
import {
  CONTROLLER_LABEL,
  LABEL_PREFIX,
  MARKER_LABEL,
  NAMESPACE_LABEL,
  NAMESPACE_LABEL_PREFIX,
  RELEASE_LABEL,
} from '../api/labels.js';
import { markerLabelCluster, safeConcatName, sha256Hex, type NameContext } from './names-core.js';

export type Labels = Readonly<Record<string, string>>;

/** The keys that are hashed in single-namespace mode. */
export const LABELS_TO_TRANSLATE: readonly string[] = [RELEASE_LABEL, NAMESPACE_LABEL, MARKER_LABEL, CONTROLLER_LABEL];

/** `safeConcatName(prefix, VC, "x", hex10(sha256(key)))`. */
export function convertLabelKeyWithPrefix(ctx: NameContext, prefix: string, key: string): string {
  return safeConcatName(prefix, ctx.vclusterName, 'x', sha256Hex(key).slice(0, 10));
}

/** The host key of a virtual label key. */
export function hostLabel(ctx: NameContext, key: string): string {
  return LABELS_TO_TRANSLATE.includes(key) ? convertLabelKeyWithPrefix(ctx, LABEL_PREFIX, key) : key;
}

/** The original key if `key` is the hashed form of one of `LABELS_TO_TRANSLATE`. */
export function translatedLabelOrigin(ctx: NameContext, key: string): string | undefined {
  return LABELS_TO_TRANSLATE.find((k) => convertLabelKeyWithPrefix(ctx, LABEL_PREFIX, k) === key);
}

/**
 * The virtual key of a host label key; `undefined` means "drop it" (an unhashed `release` or
 * vcluster key on the host never flows back).
 */
export function virtualLabel(ctx: NameContext, key: string): string | undefined {
  if (LABELS_TO_TRANSLATE.includes(key)) return undefined;
  return translatedLabelOrigin(ctx, key) ?? key;
}

/** Host key for a label of the virtual *Namespace*, copied onto host pods. */
export function hostLabelNamespace(ctx: NameContext, key: string): string {
  return convertLabelKeyWithPrefix(ctx, NAMESPACE_LABEL_PREFIX, key);
}

/**
 * Virtual labels → host labels (object metadata and Service selectors). `managed-by` and the
 * namespace label are added for metadata, when there are no host labels yet, or when the host
 * labels already carry `managed-by`; `controlled-by` is carried over from the host.
 */
export function hostLabelsMap(
  ctx: NameContext,
  virtualLabels: Labels | undefined,
  currentHostLabels: Labels | undefined,
  virtualNamespace: string,
  isMetadata: boolean,
): Record<string, string> | undefined {
  if (virtualLabels === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(virtualLabels)) {
    if (translatedLabelOrigin(ctx, key) !== undefined) continue;
    out[hostLabel(ctx, key)] = value;
  }
  if (isMetadata || currentHostLabels === undefined || nonEmpty(currentHostLabels[MARKER_LABEL])) {
    if (virtualNamespace === '') {
      out[MARKER_LABEL] = markerLabelCluster(ctx);
    } else {
      out[MARKER_LABEL] = ctx.vclusterName;
      out[NAMESPACE_LABEL] = virtualNamespace;
    }
  }
  const controlledBy = currentHostLabels?.[CONTROLLER_LABEL];
  if (nonEmpty(controlledBy)) out[CONTROLLER_LABEL] = controlledBy;
  return out;
}

/** Labels of a new host object (`HostLabels`): never empty in practice, because of `managed-by`. */
export function hostLabels(
  ctx: NameContext,
  virtualLabels: Labels | undefined,
  virtualNamespace: string,
  currentHostLabels?: Labels,
): Record<string, string> | undefined {
  const out = hostLabelsMap(ctx, virtualLabels ?? {}, currentHostLabels, virtualNamespace, true);
  return out === undefined || Object.keys(out).length === 0 ? undefined : out;
}

/**
 * Host labels → virtual labels. vcluster's own keys and `ns-label` keys never flow back (the virtual
 * side keeps its values for them); hashed keys get their original name back.
 */
export function virtualLabelsMap(
  ctx: NameContext,
  hostLabelsIn: Labels | undefined,
  currentVirtualLabels: Labels | undefined,
  excluded: readonly string[] = [],
): Record<string, string> | undefined {
  if (hostLabelsIn === undefined) return undefined;
  const allExcluded = [...excluded, MARKER_LABEL, NAMESPACE_LABEL, CONTROLLER_LABEL];
  const isExcluded = (key: string): boolean => allExcluded.includes(key) || key.startsWith(NAMESPACE_LABEL_PREFIX);
  const ret = new Map<string, string>();
  for (const [key, value] of Object.entries(hostLabelsIn)) if (!isExcluded(key)) ret.set(key, value);
  for (const [key, value] of Object.entries(currentVirtualLabels ?? {})) if (isExcluded(key)) ret.set(key, value);
  // Go adds keys to the map it iterates, which it leaves undefined; iterating a snapshot gives the
  // results vcluster's unit tests expect (spec §1.5.1, trap 10).
  for (const [key, value] of [...ret]) {
    const virtualValue = currentVirtualLabels?.[key];
    if (virtualValue === undefined) ret.delete(key);
    else ret.set(key, virtualValue);
    const virtualKey = virtualLabel(ctx, key);
    if (virtualKey !== undefined) ret.set(virtualKey, value);
  }
  return Object.fromEntries(ret);
}

/** `virtualLabelsMap` for a whole object: `undefined` when nothing is left. */
export function virtualLabels(
  ctx: NameContext,
  hostLabelsIn: Labels | undefined,
  currentVirtualLabels?: Labels,
): Record<string, string> | undefined {
  const out = virtualLabelsMap(ctx, hostLabelsIn ?? {}, currentVirtualLabels);
  return out === undefined || Object.keys(out).length === 0 ? undefined : out;
}

function mapSelector(selector: LabelSelector | undefined, mapKey: (key: string) => string): LabelSelector | undefined {
  if (selector === undefined) return undefined;
  const out: { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirement[] } = {};
  if (selector.matchLabels !== undefined) {
    out.matchLabels = {};
    for (const [key, value] of Object.entries(selector.matchLabels)) out.matchLabels[mapKey(key)] = value;
  }
  if (selector.matchExpressions !== undefined && selector.matchExpressions.length > 0) {
    out.matchExpressions = selector.matchExpressions.map((r) => ({ ...r, key: mapKey(r.key) }));
  }
  return out;
}

/** Rewrites the keys of `matchLabels` and `matchExpressions` with `hostLabel`. */
export function hostLabelSelector(ctx: NameContext, selector: LabelSelector | undefined): LabelSelector | undefined {
  return mapSelector(selector, (key) => hostLabel(ctx, key));
}

/** The reverse of `hostLabelSelector`; a key that would be dropped keeps its name. */
export function virtualLabelSelector(ctx: NameContext, selector: LabelSelector | undefined): LabelSelector | undefined {
  return mapSelector(selector, (key) => virtualLabel(ctx, key) ?? key);
}

/** For `namespaceSelector`s: keys become `hostLabelNamespace(key)`. */
export function hostLabelSelectorNamespace(
  ctx: NameContext,
  selector: LabelSelector | undefined,
): LabelSelector | undefined {
  return mapSelector(selector, (key) => hostLabelNamespace(ctx, key));
}

/** Union of `matchLabels` (later ones win) and concatenation of `matchExpressions`. */
export function mergeLabelSelectors(...selectors: readonly (LabelSelector | undefined)[]): LabelSelector {
  let matchLabels: Record<string, string> | undefined;
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const selector of selectors) {
    if (selector === undefined) continue;
    if (selector.matchLabels !== undefined && Object.keys(selector.matchLabels).length > 0) {
      matchLabels = { ...matchLabels, ...selector.matchLabels };
    }
    matchExpressions.push(...(selector.matchExpressions ?? []));
  }
  return {
    ...(matchLabels === undefined ? {} : { matchLabels }),
    ...(matchExpressions.length === 0 ? {} : { matchExpressions }),
  };
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}
