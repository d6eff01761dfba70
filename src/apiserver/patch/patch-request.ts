/**
 * The parts of kube-apiserver's PATCH handler around the patch engines: which media types a
 * resource accepts, decoding the body, strict decoding, and choosing the engine.
 */
import type { SchemaNode, SchemaResolver } from '../schema/types.js';
import { badRequest, unsupportedMediaType } from './errors.js';
import { applyJsonPatch } from './json-patch.js';
import { hasOwn, isJsonObject } from './json-value.js';
import type { JsonObject } from './json-value.js';
import { applyMergePatch } from './merge-patch.js';
import { applyStrategicMergePatch } from './strategic/index.js';

export const JSON_PATCH_MEDIA_TYPE = 'application/json-patch+json';
export const MERGE_PATCH_MEDIA_TYPE = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH_MEDIA_TYPE = 'application/strategic-merge-patch+json';
export const APPLY_PATCH_MEDIA_TYPE = 'application/apply-patch+yaml';

/** What PATCH accepts on built-in resources, in the order kube's 415 message lists them. */
export const BUILTIN_PATCH_MEDIA_TYPES: readonly string[] = [
  JSON_PATCH_MEDIA_TYPE,
  MERGE_PATCH_MEDIA_TYPE,
  STRATEGIC_MERGE_PATCH_MEDIA_TYPE,
  APPLY_PATCH_MEDIA_TYPE,
];

/** Custom resources have no strategic merge metadata, so kube refuses that type for them. */
export const CUSTOM_RESOURCE_PATCH_MEDIA_TYPES: readonly string[] = [
  JSON_PATCH_MEDIA_TYPE,
  MERGE_PATCH_MEDIA_TYPE,
  APPLY_PATCH_MEDIA_TYPE,
];

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

const TYPE_OF_MEDIA_TYPE: Readonly<Record<string, PatchType>> = {
  [JSON_PATCH_MEDIA_TYPE]: 'json',
  [MERGE_PATCH_MEDIA_TYPE]: 'merge',
  [STRATEGIC_MERGE_PATCH_MEDIA_TYPE]: 'strategic',
  [APPLY_PATCH_MEDIA_TYPE]: 'apply',
};

/**
 * The patch type a PATCH request's Content-Type names, or a 415 listing `accepted`. Like kube,
 * only what follows a `;` is ignored (no trimming, no case folding).
 */
export function patchTypeOf(contentType: string | undefined, accepted: readonly string[]): PatchType {
  let mediaType = contentType ?? '';
  const semicolon = mediaType.indexOf(';');
  if (semicolon > 0) mediaType = mediaType.slice(0, semicolon);
  const type = hasOwn(TYPE_OF_MEDIA_TYPE, mediaType) ? TYPE_OF_MEDIA_TYPE[mediaType] : undefined;
  if (!type || !accepted.includes(mediaType)) throw unsupportedMediaType(accepted);
  return type;
}

/** Decodes a JSON patch body (json, merge and strategic patches), or answers 400. */
export function decodePatchBody(body: string | Uint8Array): unknown {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('invalid JSON patch');
  }
}

function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return isJsonObject(v) ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;
}

const JSON_PATCH_OP_FIELDS = ['op', 'path', 'from', 'value'] as const;

/**
 * With `fieldValidation=Strict` or `Warn` (kubectl's default is Strict) kube first decodes the body
 * strictly: a JSON patch into its `{op, path, from, value}` struct, a merge patch into a map. Type
 * errors are 400s; unknown operation fields come back as strict-decoding messages, which kube
 * reports (422, or warnings) only after the patched object has decoded.
 */
export function strictDecodePatch(type: 'json' | 'merge', patch: unknown): string[] {
  if (type === 'merge') {
    if (patch !== null && !isJsonObject(patch)) {
      throw badRequest(`error decoding patch: json: cannot unmarshal ${goJsonKind(patch)} into Go value of type map[string]interface {}`);
    }
    return [];
  }
  if (patch === null) return [];
  if (!Array.isArray(patch)) {
    throw badRequest(`error decoding patch: json: cannot unmarshal ${goJsonKind(patch)} into Go value of type []handlers.jsonPatchOp`);
  }
  const unknown: string[] = [];
  for (const op of patch as unknown[]) {
    if (op === null) continue;
    if (!isJsonObject(op)) {
      throw badRequest(`error decoding patch: json: cannot unmarshal ${goJsonKind(op)} into Go value of type handlers.jsonPatchOp`);
    }
    for (const field of ['op', 'path', 'from'] as const) {
      const v = op[field];
      if (hasOwn(op, field) && v !== null && typeof v !== 'string') {
        throw badRequest(
          `error decoding patch: json: cannot unmarshal ${goJsonKind(v)} into Go struct field jsonPatchOp.${field} of type string`,
        );
      }
    }
    for (const k of Object.keys(op)) {
      if (!(JSON_PATCH_OP_FIELDS as readonly string[]).includes(k)) unknown.push(`json patch unknown field ${JSON.stringify(k)}`);
    }
  }
  return unknown;
}

/** Strategic merge metadata of the kind being patched; absent for custom resources. */
export interface PatchSchemaRef {
  readonly schema: SchemaNode;
  readonly resolver: SchemaResolver;
}

/**
 * Applies a decoded json, merge or strategic merge patch to `doc`. Strategic merge without a
 * schema is a 415, as kube answers for custom resources. The result is checked to be an object
 * only by the caller's decoding (kube answers 422 when it does not decode into the kind).
 */
export function applyPatch(
  type: 'json' | 'merge' | 'strategic',
  doc: JsonObject,
  patch: unknown,
  schema: PatchSchemaRef | undefined,
): unknown {
  switch (type) {
    case 'json':
      return applyJsonPatch(doc, patch);
    case 'merge':
      return applyMergePatch(doc, patch);
    case 'strategic':
      if (!schema) throw unsupportedMediaType(CUSTOM_RESOURCE_PATCH_MEDIA_TYPES);
      return applyStrategicMergePatch(doc, patch as JsonObject, schema.schema, schema.resolver);
  }
}
