/**
 * Server-side patch engines, with kube-apiserver's semantics and error codes: JSON patch
 * (RFC 6902), JSON merge patch (RFC 7386) and strategic merge patch. Inputs are never mutated;
 * results are new objects that share unchanged subtrees with the inputs, so treat both as
 * immutable (copy before mutating a result in place if the input is still in use).
 */
export { PatchError, isPatchError } from './errors.js';
export { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch.js';
export { applyMergePatch } from './merge-patch.js';
export { applyStrategicMergePatch } from './strategic/index.js';
export {
  APPLY_PATCH_MEDIA_TYPE,
  BUILTIN_PATCH_MEDIA_TYPES,
  CUSTOM_RESOURCE_PATCH_MEDIA_TYPES,
  JSON_PATCH_MEDIA_TYPE,
  MERGE_PATCH_MEDIA_TYPE,
  STRATEGIC_MERGE_PATCH_MEDIA_TYPE,
  applyPatch,
  decodePatchBody,
  patchTypeOf,
  strictDecodePatch,
} from './patch-request.js';
export type { PatchSchemaRef, PatchType } from './patch-request.js';
