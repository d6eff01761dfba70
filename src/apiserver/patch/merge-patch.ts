/**
 * JSON merge patch (RFC 7386, application/merge-patch+json) as kube-apiserver applies it
 * (evanphx/json-patch v4 MergePatch): null members delete, objects merge recursively, anything
 * else replaces. Values taken from the patch lose their null members, except inside an array
 * that replaces an object.
 */
import { badRequest, unclassified } from './errors.js';
import { hasOwn, isJsonObject } from './json-value.js';
import type { JsonObject } from './json-value.js';
import { deleteMember, setMember } from './members.js';

/** Drops null object members at any depth (null array elements stay). Shares what it keeps. */
export function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const e: unknown = v[i];
      const pruned = pruneNulls(e);
      if (pruned !== e) (out ??= v.slice())[i] = pruned;
    }
    return out ?? v;
  }
  if (!isJsonObject(v)) return v;
  let out: JsonObject | undefined;
  for (const k of Object.keys(v)) {
    const e = v[k];
    if (e === null) {
      out ??= { ...v };
      deleteMember(out, k);
      continue;
    }
    const pruned = pruneNulls(e);
    if (pruned !== e) setMember((out ??= { ...v }), k, pruned);
  }
  return out ?? v;
}

function mergeObjects(doc: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...doc };
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) {
      deleteMember(out, k);
      continue;
    }
    const current = hasOwn(doc, k) ? doc[k] : null;
    let merged: unknown;
    if (!isJsonObject(current)) merged = pruneNulls(v);
    else if (!isJsonObject(v)) merged = v;
    else merged = mergeObjects(current, v);
    setMember(out, k, merged);
  }
  return out;
}

/**
 * Applies a merge patch (the decoded request body) to `doc`. Neither input is mutated; the result
 * is a new top-level value sharing unchanged subtrees with `doc` and values with `patch`.
 */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  if (doc === null) throw unclassified('Invalid JSON Document');
  if (patch === null) throw badRequest('Invalid JSON Patch');
  if (Array.isArray(patch)) return (pruneNulls(patch) as unknown[]).slice();
  if (!isJsonObject(patch)) throw badRequest('Invalid JSON Patch');
  if (!isJsonObject(doc)) return { ...(pruneNulls(patch) as JsonObject) };
  return mergeObjects(doc, patch);
}
