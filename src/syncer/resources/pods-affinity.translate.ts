/**
 * Scheduling constraints of host pods (spec §3.1, trap 7): label selectors in pod (anti-)affinity
 * and topology spread constraints are rewritten to host label keys and narrowed to this vcluster's
 * pods (and the right virtual namespaces, which host pods carry as a label); enforced tolerations
 * are added.
 */
import type {
  Affinity,
  PodAffinityTerm,
  Toleration,
  TopologySpreadConstraint,
  WeightedPodAffinityTerm,
} from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { MARKER_LABEL, NAMESPACE_LABEL } from '../../api/labels.js';
import { hostLabelSelector, hostLabelSelectorNamespace, mergeLabelSelectors, type NameContext } from '../names.js';

/** Upstream emits this as a warning event on the virtual pod. */
export const NAMESPACES_WITH_SELECTOR_WARNING =
  'Inter-pod affinity rule(s) that use both .namespaces and .namespaceSelector fields in the same term are not supported by vcluster yet. The .namespaceSelector fields of the unsupported affinity entries will be ignored.';

export interface TranslatedAffinity {
  readonly affinity: Affinity | undefined;
  readonly warnings: readonly string[];
}

function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
}

/**
 * One affinity term (`translatePodAffinityTerm`): namespaces and namespaceSelector become
 * conditions on the host pods' namespace labels; the term only matches pods of this vcluster.
 * A nil labelSelector matches nothing and stays nil.
 */
export function translateAffinityTerm(
  ctx: NameContext,
  term: PodAffinityTerm,
  virtualNamespace: string,
  warnings: string[],
): PodAffinityTerm {
  const translated = hostLabelSelector(ctx, term.labelSelector);
  const out: PodAffinityTerm = { topologyKey: term.topologyKey };
  if (term.labelSelector === undefined || translated === undefined) return out;
  const matchLabels: Record<string, string> = { ...translated.matchLabels };
  const matchExpressions = [...(translated.matchExpressions ?? [])];
  let selector: LabelSelector = translated;
  const namespaces = term.namespaces ?? [];
  const namespaceSelector = term.namespaceSelector;
  if (namespaces.length > 0) {
    if (namespaceSelector !== undefined && !isEmptySelector(namespaceSelector)) warnings.push(NAMESPACES_WITH_SELECTOR_WARNING);
    // An empty selector means every namespace, which makes the list irrelevant.
    if (namespaceSelector === undefined || !isEmptySelector(namespaceSelector)) {
      matchExpressions.push({ key: NAMESPACE_LABEL, operator: 'In', values: [...namespaces] });
    }
    selector = { ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}), ...(matchExpressions.length > 0 ? { matchExpressions } : {}) };
  } else if (namespaceSelector !== undefined) {
    selector = mergeLabelSelectors(translated, hostLabelSelectorNamespace(ctx, namespaceSelector));
  } else {
    // "A null or empty namespaces list and null namespaceSelector means this pod's namespace."
    selector = { matchLabels: { ...matchLabels, [NAMESPACE_LABEL]: virtualNamespace }, ...(matchExpressions.length > 0 ? { matchExpressions } : {}) };
  }
  out.labelSelector = { ...selector, matchLabels: { ...selector.matchLabels, [MARKER_LABEL]: ctx.vclusterName } };
  return out;
}

function weighted(ctx: NameContext, terms: readonly WeightedPodAffinityTerm[] | undefined, ns: string, warnings: string[]): WeightedPodAffinityTerm[] | undefined {
  return terms?.map((t) => ({ ...t, podAffinityTerm: translateAffinityTerm(ctx, t.podAffinityTerm, ns, warnings) }));
}

function required(ctx: NameContext, terms: readonly PodAffinityTerm[] | undefined, ns: string, warnings: string[]): PodAffinityTerm[] | undefined {
  return terms?.map((t) => translateAffinityTerm(ctx, t, ns, warnings));
}

/** Pod affinity and anti-affinity; node affinity is about host nodes and stays as it is. */
export function translateAffinity(ctx: NameContext, affinity: Affinity | undefined, virtualNamespace: string): TranslatedAffinity {
  if (affinity === undefined) return { affinity: undefined, warnings: [] };
  const warnings: string[] = [];
  const out: Affinity = { ...affinity };
  for (const key of ['podAffinity', 'podAntiAffinity'] as const) {
    const value = affinity[key];
    if (value === undefined) continue;
    const preferred = weighted(ctx, value.preferredDuringSchedulingIgnoredDuringExecution, virtualNamespace, warnings);
    const requiredTerms = required(ctx, value.requiredDuringSchedulingIgnoredDuringExecution, virtualNamespace, warnings);
    out[key] = {
      ...value,
      ...(preferred === undefined ? {} : { preferredDuringSchedulingIgnoredDuringExecution: preferred }),
      ...(requiredTerms === undefined ? {} : { requiredDuringSchedulingIgnoredDuringExecution: requiredTerms }),
    };
  }
  return { affinity: out, warnings };
}

/** Topology spread only counts this vcluster's pods of the same virtual namespace. */
export function translateTopologySpreadConstraints(
  ctx: NameContext,
  constraints: readonly TopologySpreadConstraint[] | undefined,
  virtualNamespace: string,
): TopologySpreadConstraint[] | undefined {
  return constraints?.map((c) => {
    const selector = hostLabelSelector(ctx, c.labelSelector);
    if (selector === undefined) return c;
    return {
      ...c,
      labelSelector: { ...selector, matchLabels: { ...selector.matchLabels, [NAMESPACE_LABEL]: virtualNamespace, [MARKER_LABEL]: ctx.vclusterName } },
    };
  });
}

/** Semantic equality of tolerations (`equality.Semantic.DeepEqual`: unset equals empty). */
export function sameToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '') &&
    (a.effect ?? '') === (b.effect ?? '') &&
    a.tolerationSeconds === b.tolerationSeconds
  );
}

/** `base` plus each of `extra` that is not already there. */
export function addTolerations(base: readonly Toleration[] | undefined, extra: readonly Toleration[]): Toleration[] | undefined {
  const out = [...(base ?? [])];
  for (const t of extra) if (!out.some((o) => sameToleration(o, t))) out.push({ ...t });
  return out.length === 0 && base === undefined ? undefined : out;
}
