/**
 * `enforceTolerations` entries: `key[=value]:Effect`, `key[=value]` or `*`, parsed as vcluster's
 * `pkg/util/toleration.ParseToleration` does, and checked the way the host API server would.
 */
import type { Toleration } from 'kubernetes-types/core/v1.js';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const EFFECTS: readonly string[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export type TolerationResult = { readonly ok: true; readonly toleration: Toleration } | { readonly ok: false; readonly error: string };

function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  if (name.length === 0 || name.length > 63 || !NAME_PART.test(name)) return false;
  return prefix === undefined || (prefix.length > 0 && prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix));
}

function checkValue(value: string): string | undefined {
  if (value.length > 63) return 'the value must be at most 63 characters';
  if (!LABEL_VALUE.test(value)) return 'the value must be a valid label value';
  return undefined;
}

export function parseToleration(spec: string): TolerationResult {
  if (spec === '*') return { ok: true, toleration: { operator: 'Exists' } };
  const byColon = spec.split(':');
  const invalid = (why: string): TolerationResult => ({ ok: false, error: `invalid toleration "${spec}": ${why}` });
  if (byColon.length > 2) return invalid('expected key[=value][:Effect]');
  const [keyValue = '', effect] = byColon;
  const byEqual = keyValue.split('=');
  if (byEqual.length > 2) return invalid('expected key[=value][:Effect]');
  const [key = '', value] = byEqual;
  if (effect !== undefined && effect !== '' && !EFFECTS.includes(effect)) {
    return invalid(`the effect must be one of ${EFFECTS.join(', ')}`);
  }
  if (key !== '' && !isQualifiedName(key)) return invalid('the key must be a valid label key');
  if (value !== undefined) {
    const problem = checkValue(value);
    if (problem !== undefined) return invalid(problem);
  }
  if (effect === undefined) {
    // Without an effect, upstream leaves the operator empty (Kubernetes reads that as Equal).
    if (key === '') return invalid('a key is required without an effect');
    return { ok: true, toleration: { key, ...(value === undefined ? {} : { value }) } };
  }
  const effectField = effect === '' ? {} : { effect };
  if (value === undefined) return { ok: true, toleration: { ...(key === '' ? {} : { key }), operator: 'Exists', ...effectField } };
  if (key === '') return invalid('a value needs a key');
  return { ok: true, toleration: { key, operator: 'Equal', value, ...effectField } };
}
