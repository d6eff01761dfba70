/**
 * Small mutators over decoded JSON for the defaulting functions. Defaulting never replaces a value
 * the client sent, except where kube itself rewrites (canonical quantities).
 */
import { canonicalQuantity } from '../validation/quantity.js';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at `o[k]`, created when absent (or of the wrong type). */
export function ensureObj(o: Obj, k: string): Obj {
  const v = o[k];
  if (isObj(v)) return v;
  const created: Obj = {};
  o[k] = created;
  return created;
}

/** The object at `o[k]` if there is one; never creates it. */
export function objAt(o: Obj, k: string): Obj | undefined {
  const v = o[k];
  return isObj(v) ? v : undefined;
}

/** Objects in the array at `o[k]` (non-objects skipped); never creates it. */
export function objsAt(o: Obj, k: string): Obj[] {
  const v = o[k];
  return Array.isArray(v) ? v.filter(isObj) : [];
}

/** Sets `o[k]` when it is absent or null. */
export function setDefault(o: Obj, k: string, value: unknown): void {
  if (o[k] === undefined || o[k] === null) o[k] = value;
}

/** Sets `o[k]` when it is absent, null or the empty string (Go's zero value for strings). */
export function setDefaultString(o: Obj, k: string, value: string): void {
  if (o[k] === undefined || o[k] === null || o[k] === '') o[k] = value;
}

/**
 * SetDefaults_ResourceList: every quantity rounded up to milli precision and written back in the
 * canonical form kube serializes ("1000m" → "1"). Unparseable values are left for validation.
 */
export function defaultResourceList(o: Obj, k: string): void {
  const list = objAt(o, k);
  if (list === undefined) return;
  for (const [name, raw] of Object.entries(list)) {
    const c = canonicalQuantity(raw, true);
    if (c !== undefined) list[name] = c;
  }
}

/** Re-renders a quantity field (not a list) canonically, without rounding. */
export function canonicalizeQuantityField(o: Obj, k: string): void {
  const c = canonicalQuantity(o[k]);
  if (c !== undefined) o[k] = c;
}
