/**
 * Lenient readers for objects of unknown shape: a printer must never crash on data it does not
 * expect, so a missing or mistyped field reads as Go's zero value.
 */
import type { Json } from './types.js';

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at `v`, or an empty one. */
export function obj(v: unknown): Json {
  return isObject(v) ? v : {};
}

/** Follows `keys` from `root`; undefined as soon as a step is missing. */
export function at(root: unknown, ...keys: (string | number)[]): unknown {
  let cur: unknown = root;
  for (const key of keys) {
    if (typeof key === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[key];
    } else {
      if (!isObject(cur)) return undefined;
      cur = cur[key];
    }
  }
  return cur;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function optStr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** An integer field (int32/int64 in Go): 0 when absent. */
export function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

export function optInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : undefined;
}

export function bool(v: unknown): boolean {
  return v === true;
}

export function optBool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The objects of an array field (non-objects read as empty objects, like zero structs). */
export function objects(v: unknown): Json[] {
  return list(v).map(obj);
}

/** A `map[string]string` field. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) out[k] = str(val);
  return out;
}

/** Number of keys of a map field. */
export function size(v: unknown): number {
  return Object.keys(obj(v)).length;
}

export function metadata(o: unknown): Json {
  return obj(at(o, 'metadata'));
}

export function name(o: unknown): string {
  return str(metadata(o)['name']);
}

export function hasDeletionTimestamp(o: unknown): boolean {
  const ts = metadata(o)['deletionTimestamp'];
  return ts !== undefined && ts !== null;
}

/** Go's byte-wise string order (what `sort.Strings` and `sets.String.List` use). */
export function compareStrings(a: string, b: string): number {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ba, bb);
}

export function sortedStrings(values: Iterable<string>): string[] {
  return [...values].sort(compareStrings);
}
