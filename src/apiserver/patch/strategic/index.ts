/** Strategic merge patch (application/strategic-merge-patch+json). */
import type { SchemaNode, SchemaResolver } from '../../schema/types.js';
import { badRequest } from '../errors.js';
import { isJsonObject } from '../json-value.js';
import type { JsonObject } from '../json-value.js';
import { mergeMap } from './merge.js';
import { PatchSchema } from './patch-meta.js';

function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/**
 * Applies a strategic merge patch (the decoded request body) to `doc`, a built-in kind whose
 * schema is `schema` (e.g. the Pod component; `$ref`s resolve through `resolver`). Throws a
 * PatchError with kube's code and message when the patch cannot be decoded or applied.
 *
 * Neither input is mutated. The result is a new object; maps and lists the patch touched are new,
 * everything else is shared with `doc` (unchanged subtrees) or `patch` (inserted values).
 */
export function applyStrategicMergePatch(
  doc: JsonObject,
  patch: JsonObject,
  schema: SchemaNode,
  resolver: SchemaResolver,
): JsonObject {
  const body: unknown = patch;
  if (!isJsonObject(doc)) throw badRequest('invalid JSON document');
  // A `null` body decodes to a nil map: nothing to do.
  if (body === null) return { ...doc };
  if (!isJsonObject(body)) {
    throw badRequest(`json: cannot unmarshal ${goJsonKind(body)} into Go value of type map[string]interface {}`);
  }
  return mergeMap(doc, body, new PatchSchema(schema, resolver));
}
