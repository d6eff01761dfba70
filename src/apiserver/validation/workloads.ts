/**
 * Helpers shared by the workload kinds (apps, batch, policy): int-or-percent values and the
 * selector-versus-template-labels check.
 */
import { goValue, invalid, type FieldError } from './errors.js';
import { goQuote, goStringMap } from './go-format.js';
import { obj, objArr, objOrEmpty, strArr, strMap, strOr, type Obj } from './json.js';
import { IS_NEGATIVE } from './meta.js';
import { isValidPercent } from './strings.js';
import { labelSelectorFromObject, type LabelSelector, type LabelSelectorObject } from '../selectors/labels.js';

/** `intstr.IntOrString{...}` as Go's %#v prints it. */
export function goIntOrString(v: unknown): unknown {
  if (typeof v === 'string') return goValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
  if (typeof v === 'number') return goValue(`intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`);
  return v ?? null;
}

export function validatePositiveIntOrPercent(v: unknown, field: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(field, goIntOrString(v), m));
  if (typeof v === 'number') return v < 0 ? [invalid(field, v, IS_NEGATIVE)] : [];
  return [invalid(field, goIntOrString(v), "must be an integer or percentage (e.g '5%%')")];
}

function percentValue(v: unknown): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length > 0) return undefined;
  return Number(v.slice(0, -1));
}

export function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?[0-9]+$/.test(v)) return Number(v);
  return 0;
}

export function isNotMoreThan100Percent(v: unknown, field: string): FieldError[] {
  const p = percentValue(v);
  return p !== undefined && p > 100 ? [invalid(field, goIntOrString(v), 'must not be greater than 100%')] : [];
}

/** A metav1.LabelSelector read from untyped JSON (wrongly typed members read as empty). */
export function toLabelSelectorObject(sel: unknown): LabelSelectorObject | undefined {
  const s = obj(sel);
  if (s === undefined) return undefined;
  return {
    matchLabels: strMap(s.matchLabels) ?? null,
    matchExpressions: Array.isArray(s.matchExpressions)
      ? objArr(s.matchExpressions).map((e) => ({ key: strOr(e.key), operator: strOr(e.operator), values: strArr(e.values) }))
      : null,
  };
}

/** metav1.LabelSelectorAsSelector, or undefined when the selector cannot be built. */
export function asSelector(sel: unknown): LabelSelector | undefined {
  try {
    return labelSelectorFromObject(toLabelSelectorObject(sel));
  } catch {
    return undefined;
  }
}

export function templateLabels(template: Obj): Record<string, string> | undefined {
  return strMap(objOrEmpty(template.metadata).labels);
}

/** The `selector does not match template labels` error, with the labels shown as Go prints a map. */
export function selectorMismatch(field: string, labels: Record<string, string> | undefined): FieldError {
  return invalid(field, goValue(goStringMap(labels)), '`selector` does not match template `labels`');
}
