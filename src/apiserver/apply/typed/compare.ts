/**
 * The fields that differ between two versions of an object (TypedValue.Compare): leaves whose
 * value changed are modified; fields, map members and list items present on one side only are
 * removed or added, together with everything below them.
 */
import { isJsonObject, jsonEqual } from '../../patch/json-value.js';
import type { JsonObject } from '../../patch/json-value.js';
import { FieldSet } from '../field-set.js';
import type { PathElement } from '../path.js';
import { memberElement, memberType } from '../schema-type.js';
import type { ListType, MapType, TypeRef } from '../schema-type.js';
import { deduce, handler, tryListItemElement } from './atoms.js';
import type { Handler } from './atoms.js';

export interface Comparison {
  readonly removed: FieldSet;
  readonly modified: FieldSet;
  readonly added: FieldSet;
}

export interface CompareOptions {
  /**
   * Compare as kube compares Go-typed objects: a struct field whose zero value is always present
   * (StructField.zero) counts as that zero value when absent.
   */
  readonly goZero: boolean;
}

export function compare(lhs: unknown, rhs: unknown, type: TypeRef, options: CompareOptions): Comparison {
  const c: Comparison = { removed: new FieldSet(), modified: new FieldSet(), added: new FieldSet() };
  compareNode(c, [], lhs, rhs, type, options);
  return c;
}

export function isSame(c: Comparison): boolean {
  return c.removed.isEmpty() && c.modified.isEmpty() && c.added.isEmpty();
}

function doLeaf(c: Comparison, path: PathElement[], lhs: unknown, rhs: unknown): void {
  if (lhs === undefined) c.added.insert(path);
  else if (rhs === undefined) c.removed.insert(path);
  else if (!jsonEqual(lhs, rhs)) c.modified.insert(path);
}

function compareNode(c: Comparison, path: PathElement[], lhs: unknown, rhs: unknown, type: TypeRef, options: CompareOptions): void {
  const atom = type.atom();
  const ml = deduce(atom, lhs);
  const mr = deduce(atom, rhs);
  let inLeaf: boolean;
  if (rhs === undefined) inLeaf = compareAs(c, path, lhs, rhs, handler(atom, ml), options);
  else if (lhs === undefined || ml === mr) inLeaf = compareAs(c, path, lhs, rhs, handler(atom, mr), options);
  else {
    // Kind changed (deduced types): both readings are reported, the right-hand one decides.
    compareAs(c, path, lhs, rhs, handler(atom, ml), options);
    inLeaf = compareAs(c, path, lhs, rhs, handler(atom, mr), options);
  }
  if (!inLeaf) {
    if (lhs === undefined) c.added.insert(path);
    else if (rhs === undefined) c.removed.insert(path);
  }
}

/** Walks the values as `h` reads them; true when they were compared as a leaf. */
function compareAs(c: Comparison, path: PathElement[], lhs: unknown, rhs: unknown, h: Handler, options: CompareOptions): boolean {
  switch (h.kind) {
    case 'none':
      return false;
    case 'scalar':
      doLeaf(c, path, lhs, rhs);
      return true;
    case 'list': {
      const l = Array.isArray(lhs) ? (lhs as unknown[]) : undefined;
      const r = Array.isArray(rhs) ? (rhs as unknown[]) : undefined;
      if (h.list.atomic || ((l?.length ?? 0) === 0 && (r?.length ?? 0) === 0)) {
        doLeaf(c, path, lhs, rhs);
        return true;
      }
      compareItems(c, path, l ?? [], r ?? [], h.list, options);
      return false;
    }
    case 'map': {
      const l = isJsonObject(lhs) ? lhs : undefined;
      const r = isJsonObject(rhs) ? rhs : undefined;
      if (h.map.atomic || (isEmpty(l) && isEmpty(r))) {
        doLeaf(c, path, lhs, rhs);
        return true;
      }
      compareMembers(c, path, l ?? {}, r ?? {}, h.map, options);
      return false;
    }
  }
}

function isEmpty(m: JsonObject | undefined): boolean {
  if (m === undefined) return true;
  for (const key in m) if (Object.prototype.hasOwnProperty.call(m, key)) return false;
  return true;
}

function zeroValue(map: MapType, key: string, options: CompareOptions): unknown {
  if (!options.goZero) return undefined;
  const zero = map.fields.get(key)?.zero;
  return zero === 'struct' ? {} : zero === 'null' ? null : undefined;
}

function compareMembers(c: Comparison, path: PathElement[], lhs: JsonObject, rhs: JsonObject, map: MapType, options: CompareOptions): void {
  const visit = (key: string): void => {
    const hasL = Object.prototype.hasOwnProperty.call(lhs, key);
    const hasR = Object.prototype.hasOwnProperty.call(rhs, key);
    const l = hasL ? lhs[key] : zeroValue(map, key, options);
    const r = hasR ? rhs[key] : zeroValue(map, key, options);
    // Equal members hold no change: most writes touch one corner of the object.
    if (hasL && hasR && jsonEqual(l, r)) return;
    path.push(memberElement(map, key));
    compareNode(c, path, l, r, memberType(map, key), options);
    path.pop();
  };
  for (const key of Object.keys(lhs)) visit(key);
  for (const key of Object.keys(rhs)) if (!Object.prototype.hasOwnProperty.call(lhs, key)) visit(key);
}

interface Occurrences {
  readonly pe: PathElement;
  readonly lhs: unknown[];
  readonly rhs: unknown[];
}

function compareItems(c: Comparison, path: PathElement[], lhs: readonly unknown[], rhs: readonly unknown[], list: ListType, options: CompareOptions): void {
  const all = new Map<string, Occurrences>();
  const add = (item: unknown, side: 'lhs' | 'rhs'): void => {
    const pe = tryListItemElement(list, item);
    if (pe === undefined) return;
    let o = all.get(pe.id);
    if (o === undefined) {
      o = { pe, lhs: [], rhs: [] };
      all.set(pe.id, o);
    }
    o[side].push(item);
  };
  for (const item of lhs) add(item, 'lhs');
  for (const item of rhs) add(item, 'rhs');
  for (const { pe, lhs: l, rhs: r } of all.values()) {
    path.push(pe);
    if (l.length <= 1 && r.length <= 1) {
      compareNode(c, path, l[0], r[0], list.element, options);
    } else if (l.length >= 2 && r.length >= 2) {
      // Duplicated items are compared as a whole, in order.
      if (l.length !== r.length || l.some((x, i) => !jsonEqual(x, r[i]))) c.modified.insert(path);
    } else if (l.length >= 2) {
      if (r.length !== 0) compareNode(c, path, undefined, r[0], list.element, options);
      c.removed.insert(path);
    } else {
      if (l.length !== 0) compareNode(c, path, l[0], undefined, list.element, options);
      c.added.insert(path);
    }
    path.pop();
  }
}
