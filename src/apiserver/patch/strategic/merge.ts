/**
 * Strategic merge patch as kube-apiserver applies it (apimachinery's strategicpatch, server-side
 * options: parallel lists merged, unmatched nulls ignored). Maps merge key by key; a list merges
 * only when its field has the `merge` strategy (by merge key for maps, as a set for scalars) and is
 * replaced otherwise. Nothing passed in is mutated: maps and lists on the patched paths are copied,
 * everything else is shared.
 */
import { unclassified } from '../errors.js';
import { goFormat, goTypeOf, hasOwn, isJsonObject } from '../json-value.js';
import type { JsonObject } from '../json-value.js';
import { deleteMember, setMember } from '../members.js';
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  PATCH_DIRECTIVE,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  applyRetainKeys,
  badArgType,
  badPatchType,
  directiveTarget,
  listOrMapStrategy,
  noMergeKey,
  stripDirectives,
} from './directives.js';
import { MapIndex, elementKind, orderElements, partition, sameScalar } from './list-order.js';
import type { PatchSchema } from './patch-meta.js';

/** Sets `key` to a patch value taken as is, or removes it when the value was a directive. */
function takePatchValue(target: JsonObject, key: string, value: unknown, dropNulls: boolean): void {
  const kept = stripDirectives(value, dropNulls);
  if (kept === undefined) deleteMember(target, key);
  else setMember(target, key, kept);
}

/** A map carrying `$patch`: replace it by the rest of the patch map, or delete its content. */
function mapDirective(patch: JsonObject): JsonObject {
  const directive = patch[PATCH_DIRECTIVE];
  if (directive === 'delete') return {};
  if (directive !== 'replace') throw badPatchType(directive, patch);
  const out = { ...patch };
  deleteMember(out, PATCH_DIRECTIVE);
  return out;
}

export function mergeMap(original: JsonObject | undefined, patch: JsonObject, schema: PatchSchema): JsonObject {
  if (hasOwn(patch, PATCH_DIRECTIVE)) return mapDirective(patch);
  const out: JsonObject = original ? { ...original } : {};
  if (hasOwn(patch, RETAIN_KEYS_DIRECTIVE)) applyRetainKeys(out, patch);

  // Lists named by `$setElementOrder` are merged and ordered first; the loop below skips them.
  const done = new Set<string>();
  for (const key of Object.keys(patch)) {
    if (key.startsWith(SET_ELEMENT_ORDER_PREFIX)) mergeOrderedList(out, patch, key, schema, done);
  }

  for (const rawKey of Object.keys(patch)) {
    if (rawKey === RETAIN_KEYS_DIRECTIVE || done.has(rawKey) || rawKey.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const value = patch[rawKey];
    let key = rawKey;
    let deletion = false;
    if (rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      const target = directiveTarget(rawKey, DELETE_FROM_PRIMITIVE_LIST_PREFIX);
      deletion = true;
      if (target !== '') key = target;
    }
    if (value === null) {
      deleteMember(out, key);
      continue;
    }
    if (!hasOwn(out, key)) {
      if (!deletion) takePatchValue(out, key, value, true);
      continue;
    }
    const current = out[key];
    const type = goTypeOf(current);
    if (type !== goTypeOf(value)) {
      if (!deletion) takePatchValue(out, key, value, true);
      continue;
    }
    if (type === 'map') {
      const field = schema.forMap(key);
      const merged =
        listOrMapStrategy(field.meta.strategies) === 'replace'
          ? value
          : mergeMap(current as JsonObject, value as JsonObject, field.schema);
      setMember(out, key, merged);
    } else if (type === 'slice') {
      const field = schema.forList(key);
      const strategy = listOrMapStrategy(field.meta.strategies);
      setMember(out, key, mergeList(current as unknown[], value as unknown[], field.schema, strategy, field.meta.mergeKey, deletion));
    } else {
      takePatchValue(out, key, value, false);
    }
  }
  return out;
}

/** `mergeSliceHandler`: lists merge under the `merge` strategy (or as a deletion list). */
function mergeList(
  original: unknown[],
  patch: unknown[],
  schema: PatchSchema,
  strategy: string,
  mergeKey: string,
  deletion: boolean,
): unknown[] {
  if (strategy !== 'merge' && !deletion) return patch;
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind([original, patch]);
  let merged: unknown[];
  let patchItems = patch;
  let serverOrder = original;
  if (kind !== 'map') {
    if (deletion) {
      const drop = new Set(patch);
      return original.filter((v) => !drop.has(v));
    }
    merged = [...new Set([...original, ...patch])];
  } else {
    if (mergeKey === '') throw unclassified(`cannot merge lists without merge key for ${schema.name()}`);
    const special = applyListDirectives(original, patch, mergeKey);
    serverOrder = special.original;
    patchItems = special.patch;
    merged = mergeByKey(special.original, special.patch, mergeKey, schema);
  }
  const { inPatch, serverOnly } = partition(merged, patchItems, mergeKey);
  return orderElements(inPatch, serverOnly, patchItems, serverOrder, mergeKey, kind);
}

/**
 * `$patch` elements of a list of maps: `delete` removes the matching elements, `replace` makes the
 * rest of the patch list the whole list.
 */
function applyListDirectives(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
): { original: unknown[]; patch: unknown[] } {
  let remaining = original;
  const plain: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const item = v as JsonObject;
    if (!hasOwn(item, PATCH_DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    const directive = item[PATCH_DIRECTIVE];
    if (directive === 'delete') {
      if (!hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
      const value = item[mergeKey];
      remaining = remaining.filter((e) => !(isJsonObject(e) && hasOwn(e, mergeKey) && sameScalar(e[mergeKey], value)));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw unclassified('merging lists cannot yet be specified in the patch');
    } else {
      throw badPatchType(directive, item);
    }
  }
  return replace ? { original: plain, patch: [] } : { original: remaining, patch: plain };
}

/** Merges each patch map into the element with the same merge key, or appends it. */
function mergeByKey(original: unknown[], patch: unknown[], mergeKey: string, schema: PatchSchema): unknown[] {
  if (patch.length === 0) return original;
  const out = original.slice();
  const index = new MapIndex(out, mergeKey);
  for (const v of patch) {
    const item = v as JsonObject;
    if (!hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    const at = index.find(item[mergeKey]);
    if (at >= 0) {
      out[at] = mergeMap(out[at] as JsonObject, item, schema);
    } else {
      out.push(v);
      index.appended(out.length - 1);
    }
  }
  return out;
}

/**
 * `$setElementOrder/<list>` checks the patch list against the order, merges the list and puts
 * its elements in that order.
 */
function mergeOrderedList(out: JsonObject, patch: JsonObject, directiveKey: string, schema: PatchSchema, done: Set<string>): void {
  done.add(directiveKey);
  const order = patch[directiveKey];
  if (!Array.isArray(order)) throw badArgType('slice', order);
  const key = directiveTarget(directiveKey, SET_ELEMENT_ORDER_PREFIX);
  const inOriginal = hasOwn(out, key);
  const inPatch = hasOwn(patch, key);
  const original = inOriginal ? out[key] : undefined;
  const patchList = inPatch ? patch[key] : undefined;
  if (inOriginal && !Array.isArray(original)) throw badArgType('slice', original);
  if (inPatch && !Array.isArray(patchList)) throw badArgType('slice', patchList);
  const originalItems = (original ?? []) as unknown[];
  const patchItems = (patchList ?? []) as unknown[];

  const field = schema.forList(key);
  const strategy = listOrMapStrategy(field.meta.strategies);
  const mergeKey = field.meta.mergeKey;
  checkOrder(patchItems, order, mergeKey);

  let merged: unknown[];
  if (inOriginal && inPatch) merged = mergeList(originalItems, patchItems, field.schema, strategy, mergeKey, false);
  else if (inOriginal) merged = originalItems;
  else if (inPatch) merged = stripDirectives(patchItems, false) as unknown[];
  else return;

  const parts = partition(merged, order, mergeKey);
  const kind = elementKind([originalItems, patchItems]);
  setMember(out, key, orderElements(parts.inPatch, parts.serverOnly, order, originalItems, mergeKey, kind));
  done.add(key);
}

/**
 * `validatePatchWithSetOrderList`: the patch list's elements (deletions and other directives
 * aside) must appear in `$setElementOrder`, in the same relative order.
 */
function checkOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  let items = patchList;
  if (mergeKey !== '') {
    items = [];
    for (const v of patchList) {
      if (!isJsonObject(v)) throw badArgType('map', v);
      if (v[PATCH_DIRECTIVE] !== 'delete') items.push(v);
    }
  }
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p];
    if (isJsonObject(item) && hasOwn(item, PATCH_DIRECTIVE)) {
      p++;
      continue;
    }
    if (sameIdentity(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length) {
    throw unclassified(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goFormat(order)}\n`,
    );
  }
}

function sameIdentity(left: unknown, right: unknown, mergeKey: string): boolean {
  if (mergeKey === '') return sameScalar(left, right);
  if (!isJsonObject(left)) throw badArgType('map', left);
  if (!isJsonObject(right)) throw badArgType('map', right);
  if (!hasOwn(left, mergeKey)) throw noMergeKey(left, mergeKey);
  if (!hasOwn(right, mergeKey)) throw noMergeKey(right, mergeKey);
  return sameScalar(left[mergeKey], right[mergeKey]);
}
