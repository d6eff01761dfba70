import type { LabelSelector } from 'kubernetes-types/meta/v1.js';

type Labels = Readonly<Record<string, string>> | undefined;

/**
 * A Service-style selector (a plain map, every pair must match). An absent or empty map selects
 * nothing here: controllers treat such services as having no selector, as kube does once the API
 * round trip has turned `{}` into nil.
 */
export function mapSelectorMatches(selector: Labels, labels: Labels): boolean {
  if (selector === undefined) return false;
  const entries = Object.entries(selector);
  if (entries.length === 0) return false;
  return entries.every(([k, v]) => labels?.[k] === v);
}

/** Whether a Service-style selector selects anything at all. */
export function hasMapSelector(selector: Labels): selector is Readonly<Record<string, string>> {
  return selector !== undefined && Object.keys(selector).length > 0;
}

/**
 * A metav1.LabelSelector (matchLabels + matchExpressions). As in kube, an empty selector matches
 * everything and an absent one matches nothing; an unknown operator matches nothing.
 */
export function labelSelectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (selector === undefined) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels?.[k] !== v) return false;
  for (const req of selector.matchExpressions ?? []) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key);
    const value = labels?.[req.key];
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
        if (!has || value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (has && value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Two label maps with the same pairs. */
export function sameLabels(a: Labels, b: Labels): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a?.[k] === b?.[k]);
}
