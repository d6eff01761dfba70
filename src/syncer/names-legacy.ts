/**
 * Translations of older vcluster generations that host objects may still carry (spec §1.4, §1.5.2,
 * trap 2): v0.14 – v0.20 hashed *every* label key, and multi-namespace mode used one host
 * namespace per virtual namespace. We never write these; we need them to recognise what an older
 * vcluster left on a host.
 */
import { CONTROLLER_LABEL, LABEL_PREFIX, MARKER_LABEL, NAMESPACE_LABEL } from '../api/labels.js';
import type { Labels } from './names-labels.js';
import { safeConcatName, sha256Hex, type NameContext } from './names-core.js';

/** ≤ v0.20, namespaced objects: every key becomes `safeConcatName(prefix, VC, "x", hex10(key))`. */
export function legacyConvertLabelKey(ctx: NameContext, key: string): string {
  return safeConcatName(LABEL_PREFIX, ctx.vclusterName, 'x', sha256Hex(key).slice(0, 10));
}

/** ≤ v0.20, cluster-scoped objects: the host namespace is part of the hashed key. */
export function legacyClusterLabelKey(ctx: NameContext, key: string): string {
  return safeConcatName(LABEL_PREFIX, ctx.hostNamespace, 'x', ctx.vclusterName, 'x', sha256Hex(key).slice(0, 10));
}

/**
 * Does `key` match an entry of `--sync-labels`? An entry ending in `/*` is an unanchored regular
 * expression with `/*` turned into `/.*`, as the Go code compiles it; others match exactly.
 */
export function matchesSyncLabel(pattern: string, key: string): boolean {
  if (!pattern.endsWith('/*')) return pattern === key;
  try {
    return new RegExp(pattern.replaceAll('/*', '/.*')).test(key);
  } catch {
    return false;
  }
}

function copySyncLabels(from: Labels, syncLabels: readonly string[], out: Record<string, string>): void {
  for (const pattern of syncLabels) {
    for (const [key, value] of Object.entries(from)) if (matchesSyncLabel(pattern, key)) out[key] = value;
  }
}

/** ≤ v0.20 `TranslateLabels` (namespaced objects, single-namespace mode). */
export function legacyHostLabels(
  ctx: NameContext,
  virtualLabels: Labels | undefined,
  virtualNamespace: string,
  syncLabels: readonly string[] = [],
): Record<string, string> | undefined {
  if (virtualLabels === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(virtualLabels)) out[legacyConvertLabelKey(ctx, key)] = value;
  copySyncLabels(virtualLabels, syncLabels, out);
  out[MARKER_LABEL] = ctx.vclusterName;
  if (virtualNamespace !== '') return { ...out, [NAMESPACE_LABEL]: virtualNamespace };
  const { [NAMESPACE_LABEL]: _namespace, ...rest } = out;
  return rest;
}

/** ≤ v0.20 `TranslateLabelsCluster` (cluster-scoped objects). */
export function legacyHostLabelsCluster(
  ctx: NameContext,
  virtualLabels: Labels | undefined,
  currentHostLabels: Labels | undefined,
  syncLabels: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(virtualLabels ?? {})) out[legacyClusterLabelKey(ctx, key)] = value;
  if (virtualLabels !== undefined) copySyncLabels(virtualLabels, syncLabels, out);
  const controlledBy = currentHostLabels?.[CONTROLLER_LABEL];
  if (controlledBy !== undefined && controlledBy !== '') out[CONTROLLER_LABEL] = controlledBy;
  out[MARKER_LABEL] = safeConcatName(ctx.hostNamespace, 'x', ctx.vclusterName);
  return out;
}

/**
 * v0.14 – v0.25 multi-namespace mode: `vcluster-<hex8(vNs)>-<hex8(CNS + "x" + VC)>` (the suffix is
 * joined without dashes).
 */
export function multiNamespaceHostNamespace(currentNamespace: string, vclusterName: string, virtualNamespace: string): string {
  const suffix = sha256Hex(`${currentNamespace}x${vclusterName}`).slice(0, 8);
  return `vcluster-${sha256Hex(virtualNamespace).slice(0, 8)}-${suffix}`;
}

/** Multi-namespace mode: is this host namespace one of this vcluster's? */
export function isMultiNamespaceTargeted(currentNamespace: string, vclusterName: string, hostNs: string): boolean {
  return hostNs.startsWith('vcluster') && hostNs.endsWith(sha256Hex(`${currentNamespace}x${vclusterName}`).slice(0, 8));
}
