/** The `$…` directives of strategic merge patch and the checks kube makes on them. */
import { badRequest, unclassified } from '../errors.js';
import type { PatchError } from '../errors.js';
import { goFormat, goTypeName, goTypeOf, hasOwn, isJsonObject } from '../json-value.js';
import type { JsonObject } from '../json-value.js';
import { deleteMember, setMember } from '../members.js';

export const PATCH_DIRECTIVE = '$patch';
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

// mergepatch's sentinel errors; the patch handler answers them with 400.
export const badPrimitiveListFormat = (): PatchError => badRequest('invalid patch format of primitive list');
export const badRetainKeysFormat = (): PatchError => badRequest('invalid patch format of retainKeys');
export const badSetElementOrderFormat = (): PatchError => badRequest('invalid patch format of setElementOrder list');

// Plain Go errors, which kube lets through as 500s with the Go message.
export const noMergeKey = (m: JsonObject, key: string): PatchError =>
  unclassified(`map: ${goFormat(m)} does not contain declared merge key: ${key}`);
export const badArgType = (expected: 'map' | 'slice', actual: unknown): PatchError =>
  unclassified(`expected a ${goTypeName(expected)}, but received a ${goTypeName(goTypeOf(actual))}`);
export const badPatchType = (directive: unknown, m: JsonObject): PatchError =>
  unclassified(`unknown patch type: ${goFormat(directive, 's')} in map: ${goFormat(m)}`);

/** `$deleteFromPrimitiveList/finalizers` → `finalizers`. */
export function directiveTarget(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw prefix === SET_ELEMENT_ORDER_PREFIX ? badSetElementOrderFormat() : badPrimitiveListFormat();
  }
  return key.slice(slash + 1);
}

/** A field's patch strategies minus `retainKeys` (which only the patch's `$retainKeys` drives). */
export function listOrMapStrategy(strategies: readonly string[]): string {
  const [first, second] = strategies;
  switch (strategies.length) {
    case 0:
      return '';
    case 1:
      return first === 'retainKeys' ? '' : (first ?? '');
    case 2:
      if (first === 'retainKeys') return second ?? '';
      if (second === 'retainKeys') return first ?? '';
  }
  throw unclassified(`unexpected patch strategy: ${goFormat(strategies)}`);
}

/**
 * A patch value taken as is (its field is absent from the document): maps carrying `$patch` are
 * dropped (undefined when the value itself is one) and, with `dropNulls`, so are null members.
 * Other directives stay, as in kube. Shares whatever it does not change.
 */
export function stripDirectives(v: unknown, dropNulls: boolean): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const e: unknown = v[i];
      const s = stripDirectives(e, dropNulls);
      if (s === e && !out) continue;
      out ??= v.slice(0, i);
      if (s !== undefined) out.push(s);
    }
    return out ?? v;
  }
  if (!isJsonObject(v)) return v;
  if (hasOwn(v, PATCH_DIRECTIVE) && !(dropNulls && v[PATCH_DIRECTIVE] === null)) return undefined;
  let out: JsonObject | undefined;
  for (const k of Object.keys(v)) {
    const e = v[k];
    if (e === null) {
      if (dropNulls) deleteMember((out ??= { ...v }), k);
      continue;
    }
    const s = stripDirectives(e, dropNulls);
    if (s === undefined) deleteMember((out ??= { ...v }), k);
    else if (s !== e) setMember((out ??= { ...v }), k, s);
  }
  return out ?? v;
}

/**
 * `$retainKeys`: checks every non-null field of the patch is listed, then clears the unlisted
 * fields of `target` (the caller's own copy of the document map).
 */
export function applyRetainKeys(target: JsonObject, patch: JsonObject): void {
  const list = patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(list)) throw badRetainKeysFormat();
  const retained = new Set<unknown>(list);
  for (const k of Object.keys(patch)) {
    if (k === RETAIN_KEYS_DIRECTIVE || patch[k] === null) continue;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || k.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    if (!retained.has(k)) throw badRetainKeysFormat();
  }
  for (const k of Object.keys(target)) {
    if (!retained.has(k)) deleteMember(target, k);
  }
}
