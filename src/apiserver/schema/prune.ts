/** Pruning of undeclared fields, as kube-apiserver does for custom resources. */
import type { SchemaNode, SchemaResolver } from './types.js';
import { describesObject, isPlainObject, memberSchema } from './walk.js';
import { cloneJson } from '../../lib/json.js';

export interface PruneOptions {
  /**
   * Treat the value as a resource root, whose apiVersion, kind and metadata are kept even when the
   * schema does not declare them (kube-apiserver prunes metadata separately). Default true.
   */
  resourceRoot?: boolean;
}

function pruneValue(value: unknown, node: SchemaNode, resolver: SchemaResolver, resourceRoot: boolean): unknown {
  const schema = resolver.deref(node);
  if (Array.isArray(value)) {
    const items = schema.items;
    return items === undefined ? cloneJson(value) : value.map((item) => pruneValue(item, items, resolver, false));
  }
  if (!isPlainObject(value)) return value;
  // A schema that does not describe an object (no type at all, or a type the value does not have)
  // prunes nothing: the value is kept as it came.
  if (!describesObject(schema, resolver)) return cloneJson(value);
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const treatment = memberSchema(schema, key, resourceRoot);
    if (treatment.kind === 'declared') out[key] = pruneValue(member, treatment.schema, resolver, false);
    else if (treatment.kind === 'kept') out[key] = cloneJson(member);
  }
  return out;
}

/**
 * A copy of `obj` without the fields `schema` does not declare, following kube-apiserver's
 * structural pruning: additionalProperties maps keep their members (pruned by the value schema),
 * `x-kubernetes-preserve-unknown-fields` keeps undeclared members but still prunes inside declared
 * ones, `x-kubernetes-embedded-resource` objects keep apiVersion, kind and metadata. `obj` is not
 * modified. `unknownFields` reports exactly the paths this removes.
 */
export function prune(
  obj: Record<string, unknown>,
  schema: SchemaNode,
  registry: SchemaResolver,
  options: PruneOptions = {},
): Record<string, unknown> {
  const pruned = pruneValue(obj, schema, registry, options.resourceRoot ?? true);
  return isPlainObject(pruned) ? pruned : {};
}
