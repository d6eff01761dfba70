/** Helpers for decoded JSON values (what JSON.parse returns). */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function hasOwn(o: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** Structural equality of two JSON values (object key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  for (const k of keys) {
    if (!hasOwn(bo, k) || !jsonEqual(ao[k], bo[k])) return false;
  }
  return true;
}

/**
 * The dynamic type Go gives a decoded JSON value (`reflect.TypeOf`), which strategicpatch compares:
 * kube decodes integers as int64 and other numbers as float64.
 */
export type GoType = 'map' | 'slice' | 'string' | 'int64' | 'float64' | 'bool' | 'nil';

export function goTypeOf(v: unknown): GoType {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'map';
  }
}

/** `reflect.TypeOf(v)` printed with %s, as Go error messages show it. */
export function goTypeName(t: GoType): string {
  switch (t) {
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return '[]interface {}';
    case 'nil':
      return '%!s(<nil>)';
    default:
      return t;
  }
}

/** strconv's shortest %g: an exponent below 1e-4 and from 1e6 up. */
function goFloat(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [mantissa = '', exponent = '0'] = n.toExponential().split('e');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${mantissa}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  return String(n);
}

/**
 * A decoded JSON value formatted like Go's fmt does for `interface{}` values with %v (or %s, which
 * marks non-strings as `%!s(type=value)`). Used to reproduce strategicpatch's error messages.
 */
export function goFormat(v: unknown, verb: 'v' | 's' = 'v'): string {
  if (Array.isArray(v)) return `[${v.map((e) => goFormat(e, verb)).join(' ')}]`;
  if (isJsonObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(v[k], verb)}`).join(' ')}]`;
  }
  let text: string;
  const type = goTypeOf(v);
  switch (type) {
    case 'string':
      return v as string;
    case 'nil':
      return verb === 'v' ? '<nil>' : '%!s(<nil>)';
    case 'int64':
      text = String(v);
      break;
    case 'float64':
      text = goFloat(v as number);
      break;
    default:
      text = String(v);
  }
  return verb === 'v' ? text : `%!s(${type}=${text})`;
}
