/** Node selection terms and tolerations, by component-helpers' rules: shared by the DaemonSet controller and hostsim's scheduler. */
import type { NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration } from 'kubernetes-types/core/v1.js';

export interface NodeFacts {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

function requirementMatches(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      // strconv.ParseInt on both sides; anything else does not match.
      if (value === undefined || values.length !== 1 || !/^[+-]?\d+$/.test(value) || !/^[+-]?\d+$/.test(values[0] ?? '')) return false;
      const have = Number(value);
      const want = Number(values[0]);
      return req.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

/** One term: all its expressions and fields hold. An empty term matches nothing. */
export function termMatches(term: NodeSelectorTerm, node: NodeFacts): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const e of exprs) if (!requirementMatches(e, Object.prototype.hasOwnProperty.call(node.labels, e.key) ? node.labels[e.key] : undefined)) return false;
  // metadata.name is the only field a node selector may name.
  for (const f of fields) if (f.key !== 'metadata.name' || !requirementMatches(f, node.name)) return false;
  return true;
}

/** The terms are ORed. */
export function anyTermMatches(terms: readonly NodeSelectorTerm[], node: NodeFacts): boolean {
  return terms.some((t) => termMatches(t, node));
}

/** v1.Toleration.ToleratesTaint. */
export function tolerates(t: Toleration, taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  if (t.effect !== undefined && t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== undefined && t.key !== '' && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
    case '':
      return (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

export function toleratedBy(tolerations: readonly Toleration[], taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  return tolerations.some((t) => tolerates(t, taint));
}
