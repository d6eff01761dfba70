/** Label maps and label selectors printed the way apimachinery's `labels` package does. */
import { compareStrings, isObject, list, obj, str, stringMap } from './json.js';

/** `labels.FormatLabels`: sorted `k=v` pairs, `<none>` when empty. */
export function formatLabels(value: unknown): string {
  const pairs = Object.entries(stringMap(value)).map(([k, v]) => `${k}=${v}`);
  pairs.sort(compareStrings);
  return pairs.length === 0 ? '<none>' : pairs.join(',');
}

type Requirement = { key: string; operator: string; values: string[] };

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validKey(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const nameOnly = parts.length === 1 ? parts[0] : parts[1];
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return false;
  }
  return nameOnly !== undefined && nameOnly.length > 0 && nameOnly.length <= 63 && NAME.test(nameOnly);
}

function validValue(value: string): boolean {
  return value === '' || (value.length <= 63 && NAME.test(value));
}

/** `metav1.LabelSelectorAsSelector` requirements, or undefined when the selector is invalid. */
function requirements(selector: Record<string, unknown>): Requirement[] | undefined {
  const out: Requirement[] = [];
  for (const [key, value] of Object.entries(stringMap(selector['matchLabels']))) {
    out.push({ key, operator: '=', values: [value] });
  }
  for (const raw of list(selector['matchExpressions'])) {
    const expr = obj(raw);
    const key = str(expr['key']);
    const values = list(expr['values']).map(str);
    const operator = str(expr['operator']);
    switch (operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined;
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length !== 0) return undefined;
        break;
      default:
        return undefined;
    }
    out.push({ key, operator, values });
  }
  for (const r of out) {
    if (!validKey(r.key) || !r.values.every(validValue)) return undefined;
  }
  // Stable, by key, as `Selector.Add` orders requirements.
  return out.map((r, i) => ({ r, i }))
    .sort((a, b) => compareStrings(a.r.key, b.r.key) || a.i - b.i)
    .map(({ r }) => r);
}

function requirementString(r: Requirement): string {
  const values = r.values.length === 1 ? r.values : [...r.values].sort(compareStrings);
  switch (r.operator) {
    case 'In':
      return `${r.key} in (${values.join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${values.join(',')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    default:
      return `${r.key}=${values.join(',')}`;
  }
}

/**
 * `LabelSelectorAsSelector(sel).String()`: "" for a nil or empty selector, undefined when the
 * selector is invalid.
 */
export function selectorString(value: unknown): string | undefined {
  if (!isObject(value)) return '';
  const reqs = requirements(value);
  if (reqs === undefined) return undefined;
  return reqs.map(requirementString).join(',');
}

/** `metav1.FormatLabelSelector`: `<none>` when it selects everything or nothing, `<error>` if invalid. */
export function formatLabelSelector(value: unknown): string {
  const s = selectorString(value);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** The generated protobuf `String()` of a `metav1.LabelSelector` (Go's `%v` of its fields). */
export function labelSelectorGoString(value: unknown): string {
  if (!isObject(value)) return 'nil';
  const labels = stringMap(value['matchLabels']);
  const keys = Object.keys(labels).sort(compareStrings);
  const labelText = keys.map((k) => `${k}: ${labels[k] ?? ''},`).join('');
  const exprs = list(value['matchExpressions']).map((raw) => {
    const e = obj(raw);
    const values = list(e['values']).map(str).join(' ');
    return `LabelSelectorRequirement{Key:${str(e['key'])},Operator:${str(e['operator'])},Values:[${values}],},`;
  });
  return `&LabelSelector{MatchLabels:map[string]string{${labelText}},MatchExpressions:[]LabelSelectorRequirement{${exprs.join('')}},}`;
}
