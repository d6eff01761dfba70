/**
 * Element order of merged lists, as strategicpatch decides it: patch items take the order of the
 * patch (or of `$setElementOrder`), items only on the server keep theirs, and the two are
 * interleaved using the server's order where both sides know an item. An item new to the server
 * therefore lands before the server-only items that follow it in the merge, which is why a plain
 * strategic merge patch prepends new containers.
 */
import { unclassified } from '../errors.js';
import { goFormat, goTypeOf, hasOwn, isJsonObject } from '../json-value.js';
import type { GoType } from '../json-value.js';
import { PATCH_DIRECTIVE, badArgType, noMergeKey } from './directives.js';

/** Element type of the lists being merged: `map` or one scalar type. */
export type ElementKind = Exclude<GoType, 'slice' | 'nil'>;

/** `sliceElementType`: all elements of all lists share one type, which is not a list. */
export function elementKind(lists: readonly (readonly unknown[])[]): ElementKind {
  let kind: GoType | undefined;
  for (const list of lists) {
    for (const v of list) {
      const t = goTypeOf(v);
      if (kind === undefined) {
        if (t === 'slice') throw unclassified('lists of lists are not supported');
        // Go dereferences the nil type here and panics.
        if (t === 'nil') throw unclassified('runtime error: invalid memory address or nil pointer dereference');
        kind = t;
      } else if (t !== kind) {
        throw unclassified(`list element types are not identical: ${goFormat(lists)}`);
      }
    }
  }
  if (kind === undefined) throw unclassified('no elements in any of the given slices');
  return kind as ElementKind;
}

/** Go's `==` on decoded JSON scalars; maps and lists are never equal (Go would panic). */
export const sameScalar = (a: unknown, b: unknown): boolean => a === b && (typeof a !== 'object' || a === null);

/** What identifies an element: its merge key value for maps (nil when missing), else itself. */
function identity(item: unknown, mergeKey: string, kind: ElementKind): unknown {
  if (kind !== 'map') return item;
  return isJsonObject(item) && hasOwn(item, mergeKey) ? item[mergeKey] : null;
}

/** First position of each identity in `list`. */
function positions(list: readonly unknown[], mergeKey: string, kind: ElementKind): Map<unknown, number> {
  const at = new Map<unknown, number>();
  list.forEach((item, i) => {
    const id = identity(item, mergeKey, kind);
    if (!at.has(id)) at.set(id, i);
  });
  return at;
}

/** Finds maps by merge key value the way `findMapInSliceBasedOnKeyValue` scans a list. */
export class MapIndex {
  private readonly at = new Map<unknown, number>();
  private firstNonMap = -1;
  constructor(
    private readonly list: readonly unknown[],
    private readonly mergeKey: string,
  ) {
    list.forEach((item, i) => {
      this.note(item, i);
    });
  }

  private note(item: unknown, i: number): void {
    if (!isJsonObject(item)) {
      if (this.firstNonMap < 0) this.firstNonMap = i;
      return;
    }
    if (!hasOwn(item, this.mergeKey)) return;
    const key = item[this.mergeKey];
    if (!this.at.has(key)) this.at.set(key, i);
  }

  /** Index of the first map whose merge key equals `value`, or -1. */
  find(value: unknown): number {
    const i = typeof value === 'object' && value !== null ? undefined : this.at.get(value);
    const bad = this.firstNonMap;
    if (bad >= 0 && (i === undefined || bad < i)) throw unclassified(`value for key ${bad} is not a map`);
    return i ?? -1;
  }

  /** Records an element appended to the list at `i`. */
  appended(i: number): void {
    this.note(this.list[i], i);
  }
}

/** Splits `items` into those whose identity appears in `by` and the others, keeping order. */
export function partition(
  items: readonly unknown[],
  by: readonly unknown[],
  mergeKey: string,
): { inPatch: unknown[]; serverOnly: unknown[] } {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  if (mergeKey === '') {
    for (const v of [...by, ...items]) {
      if (typeof v === 'object' && v !== null) {
        throw unclassified(`runtime error: hash of unhashable type ${Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}'}`);
      }
    }
    const present = new Set(by);
    for (const v of items) (present.has(v) ? inPatch : serverOnly).push(v);
    return { inPatch, serverOnly };
  }
  const index = new MapIndex(by, mergeKey);
  for (const v of items) {
    if (!isJsonObject(v)) throw badArgType('map', v);
    if (!hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
    (index.find(v[mergeKey]) >= 0 ? inPatch : serverOnly).push(v);
  }
  return { inPatch, serverOnly };
}

function requireMergeKey(list: readonly unknown[], mergeKey: string): void {
  for (const item of list) {
    if (!isJsonObject(item)) throw badArgType('map', item);
    if (!hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
  }
}

/**
 * `sort.SliceStable` with strategicpatch's comparator, which calls an item missing from `order`
 * "less" than anything. When every item is in `order` any stable sort agrees with Go's; otherwise
 * Go's insertion sort (what it uses up to 20 items) is reproduced.
 */
function sortByOrder(items: readonly unknown[], at: Map<unknown, number>, mergeKey: string, kind: ElementKind): unknown[] {
  const rank = items.map((item) => at.get(identity(item, mergeKey, kind)) ?? -1);
  const idx = items.map((_, i) => i);
  if (rank.every((r) => r >= 0)) {
    idx.sort((a, b) => (rank[a] ?? 0) - (rank[b] ?? 0));
  } else {
    const less = (a: number, b: number): boolean => {
      const ra = rank[a] ?? -1;
      const rb = rank[b] ?? -1;
      return ra >= 0 && rb >= 0 ? ra < rb : true;
    };
    for (let i = 1; i < idx.length; i++) {
      for (let j = i; j > 0 && less(idx[j] ?? 0, idx[j - 1] ?? 0); j--) {
        [idx[j], idx[j - 1]] = [idx[j - 1] ?? 0, idx[j] ?? 0];
      }
    }
  }
  return idx.map((i) => items[i]);
}

/** `normalizeSliceOrder`: sorts by `order`; maps marked `$patch: delete` go last. */
function sortSlice(toSort: readonly unknown[], order: readonly unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  let keep = toSort;
  const deleted: unknown[] = [];
  if (kind === 'map') {
    requireMergeKey(toSort, mergeKey);
    requireMergeKey(order, mergeKey);
    const kept: unknown[] = [];
    for (const item of toSort) {
      (isJsonObject(item) && item[PATCH_DIRECTIVE] === 'delete' ? deleted : kept).push(item);
    }
    keep = kept;
  }
  const sorted = sortByOrder(keep, positions(order, mergeKey, kind), mergeKey, kind);
  return deleted.length > 0 ? sorted.concat(deleted) : sorted;
}

/**
 * `normalizeElementOrder`: sorts the patch items by `patchOrder` and the server-only items by
 * `serverOrder`, then interleaves them, taking a server-only item first only when the server
 * knows both items and had it first.
 */
export function orderElements(
  inPatch: readonly unknown[],
  serverOnly: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const right = sortSlice(inPatch, patchOrder, mergeKey, kind);
  const left = sortSlice(serverOnly, serverOrder, mergeKey, kind);
  if (left.length === 0) return right;
  if (right.length === 0) return left;
  const at = positions(serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = at.get(identity(left[i], mergeKey, kind));
      const ri = at.get(identity(right[j], mergeKey, kind));
      if (li !== undefined && ri !== undefined && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

