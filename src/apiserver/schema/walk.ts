/** Shared pieces of the schema-directed walks (unknown fields, type errors, pruning). */
import { refName } from './names.js';
import type { SchemaNode, SchemaResolver } from './types.js';

export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export class UnknownDefinitionError extends Error {
  override readonly name = 'UnknownDefinitionError';
  constructor(readonly definition: string) {
    super(`no schema named ${definition}`);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON type of a parsed value; integers are numbers without a fraction. */
export function jsonTypeOf(value: unknown): JsonType | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    default:
      return undefined;
  }
}

export interface Resolved {
  schema: SchemaNode;
  /** The component the node referred to directly, if it was a reference. */
  ref: string | undefined;
}

export function resolve(node: SchemaNode, resolver: SchemaResolver): Resolved {
  const direct = node.$ref ?? (node.allOf?.length === 1 ? node.allOf[0]?.$ref : undefined);
  return { schema: resolver.deref(node), ref: direct === undefined ? undefined : refName(direct) };
}

export function rootSchema(definitionName: string, resolver: SchemaResolver): SchemaNode {
  const schema = resolver.definition(definitionName);
  if (schema === undefined) throw new UnknownDefinitionError(definitionName);
  return schema;
}

/**
 * The JSON types a schema admits, or undefined when it admits anything (no type at all, as for
 * RawExtension-like JSON fields). Integers are admitted wherever numbers are.
 */
export function admittedTypes(schema: SchemaNode, resolver: SchemaResolver): readonly JsonType[] | undefined {
  if (schema['x-kubernetes-int-or-string'] === true || schema.format === 'int-or-string') return ['integer', 'string'];
  if (schema.type !== undefined) return schema.type === 'number' ? ['number', 'integer'] : [schema.type];
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives !== undefined && alternatives.length > 0) {
    const types: JsonType[] = [];
    for (const alternative of alternatives) {
      const admitted = admittedTypes(resolver.deref(alternative), resolver);
      if (admitted === undefined) return undefined;
      types.push(...admitted);
    }
    return [...new Set(types)];
  }
  if (schema.properties !== undefined || schema.additionalProperties !== undefined) return ['object'];
  if (schema.items !== undefined) return ['array'];
  return undefined;
}

/** Object members are checked against the schema; a schema that admits anything checks nothing. */
export function describesObject(schema: SchemaNode, resolver: SchemaResolver): boolean {
  const admitted = admittedTypes(schema, resolver);
  return admitted?.includes('object') === true;
}

const metaFields = new Set(['apiVersion', 'kind', 'metadata']);

export type MemberSchema =
  | { kind: 'declared'; schema: SchemaNode }
  | { kind: 'kept' }
  | { kind: 'unknown' };

/**
 * How an object member is treated: described by a schema (a declared property or the
 * additionalProperties schema), kept unchecked (preserve-unknown-fields, additionalProperties:
 * true, or the type/metadata fields of a resource the schema does not declare), or unknown.
 * Resource roots and `x-kubernetes-embedded-resource` objects keep apiVersion, kind and metadata,
 * as kube-apiserver's pruning does.
 */
export function memberSchema(schema: SchemaNode, key: string, resourceRoot: boolean): MemberSchema {
  const declared = schema.properties !== undefined && Object.prototype.hasOwnProperty.call(schema.properties, key)
    ? schema.properties[key]
    : undefined;
  if (declared !== undefined) return { kind: 'declared', schema: declared };
  if (typeof schema.additionalProperties === 'object') return { kind: 'declared', schema: schema.additionalProperties };
  if (schema.additionalProperties === true) return { kind: 'kept' };
  if ((resourceRoot || schema['x-kubernetes-embedded-resource'] === true) && metaFields.has(key)) return { kind: 'kept' };
  if (schema['x-kubernetes-preserve-unknown-fields'] === true) return { kind: 'kept' };
  return { kind: 'unknown' };
}

/** Field paths as kube-apiserver prints them: `spec.containers[0].image`, map keys after a dot. */
export function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** The direct sub-schemas of a node. */
export function childSchemas(node: SchemaNode): SchemaNode[] {
  const children: SchemaNode[] = [];
  if (node.properties !== undefined) children.push(...Object.values(node.properties));
  if (node.items !== undefined) children.push(node.items);
  if (typeof node.additionalProperties === 'object') children.push(node.additionalProperties);
  if (node.not !== undefined) children.push(node.not);
  for (const list of [node.allOf, node.anyOf, node.oneOf]) if (list !== undefined) children.push(...list);
  return children;
}
