/**
 * Tolerant readers over decoded JSON. Validation runs on whatever the client sent; a field of the
 * wrong JSON type reads as absent instead of crashing (type errors are the decoder's to report).
 */
import { cloneJson } from '../../lib/json.js';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Obj | undefined {
  return isObj(v) ? v : undefined;
}

/** The object at `v`, or an empty one: for walking optional structs. */
export function objOrEmpty(v: unknown): Obj {
  return isObj(v) ? v : {};
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Go's zero value for a string field: absent reads as "". */
export function strOr(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function numOr(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function objArr(v: unknown): Obj[] {
  return arr(v).map((x) => (isObj(x) ? x : {}));
}

export function strArr(v: unknown): string[] {
  return arr(v).map((x) => (typeof x === 'string' ? x : ''));
}

/** A map[string]string; non-string values read as "". Undefined when absent. */
export function strMap(v: unknown): Record<string, string> | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) out[k] = typeof val === 'string' ? val : '';
  return out;
}

export function has(o: Obj, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined && o[k] !== null;
}

/** Structural equality of JSON values, ignoring key order; null and absent are equal. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObj(a)) {
    if (!isObj(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** Semantic equality as Go sees zero values: empty strings, arrays and maps equal absence. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return deepEqual(normalizeZero(a), normalizeZero(b));
}

function normalizeZero(v: unknown): unknown {
  if (v === '' || v === false || v === 0 || v === null) return undefined;
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map((x) => normalizeZero(x) ?? null);
  if (isObj(v)) {
    const out: Obj = {};
    for (const [k, val] of Object.entries(v)) {
      const n = normalizeZero(val);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return v;
}

export function clone<T>(v: T): T {
  return cloneJson(v);
}
