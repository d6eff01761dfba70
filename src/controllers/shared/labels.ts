export { labelSelectorMatches } from '../../api/label-selector.js';

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

/** Two label maps with the same pairs. */
export function sameLabels(a: Labels, b: Labels): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a?.[k] === b?.[k]);
}
