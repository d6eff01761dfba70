/**
 * Field validation against a schema, as kube-apiserver does for `fieldValidation=Strict|Warn`
 * (unknown fields) and when decoding (values of the wrong JSON type or format).
 */
import { wellKnown } from './names.js';
import type { SchemaNode, SchemaResolver } from './types.js';
import {
  admittedTypes,
  childPath,
  describesObject,
  indexPath,
  isPlainObject,
  jsonTypeOf,
  memberSchema,
  resolve,
  rootSchema,
} from './walk.js';
import type { JsonType } from './walk.js';

/**
 * Paths of the fields `obj` has that the schema named `definitionName` does not declare, in
 * document order and formatted as kube-apiserver formats them in
 * `strict decoding error: unknown field "spec.containers[0].foo"`. Members of
 * additionalProperties maps are checked against the map's value schema; objects marked
 * `x-kubernetes-preserve-unknown-fields` keep their undeclared members; the root and objects
 * marked `x-kubernetes-embedded-resource` may carry apiVersion, kind and metadata. Values of the
 * wrong type are not descended into (typeErrors reports them).
 */
export function unknownFields(obj: unknown, definitionName: string, registry: SchemaResolver): string[] {
  const found: string[] = [];
  const walk = (value: unknown, node: SchemaNode, path: string, resourceRoot: boolean): void => {
    const schema = registry.deref(node);
    if (Array.isArray(value)) {
      if (schema.items === undefined) return;
      value.forEach((item, i) => {
        if (schema.items !== undefined) walk(item, schema.items, indexPath(path, i), false);
      });
      return;
    }
    if (!isPlainObject(value) || !describesObject(schema, registry)) return;
    for (const [key, member] of Object.entries(value)) {
      const treatment = memberSchema(schema, key, resourceRoot);
      if (treatment.kind === 'declared') walk(member, treatment.schema, childPath(path, key), false);
      else if (treatment.kind === 'unknown') found.push(childPath(path, key));
    }
  };
  walk(obj, rootSchema(definitionName, registry), '', true);
  return found;
}

export interface FieldTypeError {
  /** `spec.replicas`, `spec.containers[0].ports[1].containerPort`; empty for the root. */
  path: string;
  /** What the schema asks for: a JSON type (`integer`), `integer or string`, or a format (`int32`, `byte`, `date-time`, `quantity`). */
  expected: string;
  /** The JSON type found, or the offending value for format errors. */
  actual: string;
  message: string;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
// kube-apiserver's own pattern for resource.Quantity strings.
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
// RFC 3339 date-time, as Go's time.Parse(time.RFC3339) accepts it (fractional seconds allowed).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function where(path: string): string {
  return path === '' ? 'body' : path;
}

function typeError(path: string, expected: string, actual: JsonType): FieldTypeError {
  return {
    path,
    expected,
    actual,
    message: `${where(path)}: Invalid value: "${actual}": ${where(path)} in body must be of type ${expected}: "${actual}"`,
  };
}

function formatError(path: string, expected: string, value: string, detail?: string): FieldTypeError {
  return {
    path,
    expected,
    actual: value,
    message:
      detail === undefined
        ? `${where(path)}: Invalid value: ${JSON.stringify(value)}: ${where(path)} in body must be of type ${expected}: ${JSON.stringify(value)}`
        : `${where(path)}: Invalid value: ${JSON.stringify(value)}: ${detail}`,
  };
}

function isValidDateTime(value: string): boolean {
  return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** Errors a well-typed value can still have: out of int32 range, bad base64, date or quantity. */
function formatErrors(value: unknown, schema: SchemaNode, ref: string | undefined, path: string): FieldTypeError | undefined {
  if (typeof value === 'number' && schema.format === 'int32' && (value < INT32_MIN || value > INT32_MAX)) {
    return formatError(path, 'int32', String(value), `must be a 32-bit integer (${INT32_MIN} to ${INT32_MAX})`);
  }
  if (typeof value !== 'string') return undefined;
  if (schema.format === 'byte' && !BASE64.test(value)) return formatError(path, 'byte', value);
  if (schema.format === 'date-time' && !isValidDateTime(value)) return formatError(path, 'date-time', value);
  if (ref === wellKnown.quantity && !QUANTITY.test(value)) {
    return formatError(path, 'quantity', value, `quantities must match the regular expression '${QUANTITY.source}'`);
  }
  return undefined;
}

/**
 * Values whose JSON type the schema does not admit (a string where an integer is required, an
 * object where a list is, …) and well-typed values the type's format rejects (an int32 out of
 * range, invalid base64 for bytes, a malformed timestamp or quantity). `null` is accepted
 * everywhere, as the API server's decoders accept it. Paths are formatted like unknownFields'.
 */
export function typeErrors(obj: unknown, definitionName: string, registry: SchemaResolver): FieldTypeError[] {
  const found: FieldTypeError[] = [];
  const walk = (value: unknown, node: SchemaNode, path: string, resourceRoot: boolean): void => {
    if (value === null || value === undefined) return;
    const { schema, ref } = resolve(node, registry);
    const actual = jsonTypeOf(value);
    const admitted = admittedTypes(schema, registry);
    if (actual === undefined) {
      found.push({ path, expected: admitted?.join(' or ') ?? 'JSON', actual: typeof value, message: `${where(path)}: not a JSON value` });
      return;
    }
    if (admitted !== undefined && !admitted.includes(actual)) {
      found.push(typeError(path, admitted.filter((t) => !(t === 'integer' && admitted.includes('number'))).join(' or '), actual));
      return;
    }
    const formatProblem = formatErrors(value, schema, ref, path);
    if (formatProblem !== undefined) {
      found.push(formatProblem);
      return;
    }
    if (Array.isArray(value)) {
      const items = schema.items;
      if (items !== undefined) value.forEach((item, i) => { walk(item, items, indexPath(path, i), false); });
      return;
    }
    if (isPlainObject(value) && describesObject(schema, registry)) {
      for (const [key, member] of Object.entries(value)) {
        const treatment = memberSchema(schema, key, resourceRoot);
        if (treatment.kind === 'declared') walk(member, treatment.schema, childPath(path, key), false);
      }
    }
  };
  walk(obj, rootSchema(definitionName, registry), '', true);
  return found;
}
