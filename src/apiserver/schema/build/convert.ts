/**
 * Turns the JSON Schema that ts-json-schema-generator derives from kubernetes-types into the
 * OpenAPI v3 components kube-apiserver publishes: full names, `#/components/schemas` refs wrapped in
 * a one-element allOf when they carry a description, integer formats, the special types
 * (IntOrString, Quantity, Time, RawExtension, JSON) as kube-openapi renders them,
 * `x-kubernetes-group-version-kind`, and the patch/apply extensions of patch-meta.ts.
 * Pure; used at build time by scripts/gen-schemas.ts.
 */
import { componentRef, formatApiVersion, parseApiVersion, refName, wellKnown } from '../names.js';
import type { GroupVersion } from '../names.js';
import type { SchemaNode } from '../types.js';
import { childSchemas } from '../walk.js';
import { fieldFormats as defaultFieldFormats } from './field-formats.js';
import type { FieldFormat } from './field-formats.js';
import { definitionMapType as defaultDefinitionMapType, fieldPatchMeta as defaultFieldPatchMeta } from './patch-meta.js';
import type { FieldPatchMeta } from './patch-meta.js';
import { APIEXTENSIONS_PKG, mergedDefinitions as defaultMergedDefinitions } from './sources.js';

/** The generator's output for one declaration file. */
export interface RawModule {
  /** Prefix of the component names of the module's own types. */
  pkg: string;
  /** The module's own exported types, by short name, as JSON Schema (draft 7). */
  definitions: Readonly<Record<string, unknown>>;
  /** Full component name of a type name the module can see (its own or an imported one). */
  resolve: (shortName: string) => string | undefined;
}

export interface ConvertTables {
  fieldFormats: Readonly<Record<string, Readonly<Record<string, FieldFormat>>>>;
  fieldPatchMeta: Readonly<Record<string, Readonly<Record<string, FieldPatchMeta>>>>;
  definitionMapType: Readonly<Record<string, 'atomic' | 'granular'>>;
  mergedDefinitions: Readonly<Record<string, string>>;
}

export interface ConvertOptions {
  /** Group versions the server serves: DeleteOptions and WatchEvent list a GVK for each. */
  groupVersions: readonly GroupVersion[];
  tables?: Partial<ConvertTables>;
}

export class SchemaConversionError extends Error {
  override readonly name = 'SchemaConversionError';
}

type Raw = Record<string, unknown>;
type Gvk = { group: string; kind: string; version: string };

const DEFINITIONS_PREFIX = '#/definitions/';

/** Types kube-openapi renders by hand rather than from their fields. */
const specialDefinitions: Readonly<Record<string, (description: string | undefined) => SchemaNode>> = {
  [wellKnown.time]: (description) => ({ ...describe(description), type: 'string', format: 'date-time' }),
  [wellKnown.microTime]: (description) => ({ ...describe(description), type: 'string', format: 'date-time' }),
  [wellKnown.quantity]: (description) => ({
    ...describe(description),
    oneOf: [{ type: 'string' }, { type: 'number' }],
  }),
  // Free-form objects. kube-openapi renders them as a bare `type: object`; the preserve-unknown-fields
  // marker tells this package's validators that any content is allowed, as the Go decoder allows.
  [wellKnown.rawExtension]: (description) => ({
    ...describe(description),
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
  }),
  [wellKnown.fieldsV1]: (description) => ({
    ...describe(description),
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
  }),
  // Any JSON value: no type at all.
  [`${APIEXTENSIONS_PKG}.JSON`]: describe,
  [`${APIEXTENSIONS_PKG}.JSONSchemaPropsOrArray`]: describe,
  [`${APIEXTENSIONS_PKG}.JSONSchemaPropsOrBool`]: describe,
  [`${APIEXTENSIONS_PKG}.JSONSchemaPropsOrStringArray`]: describe,
};

/** kube-openapi's IntOrString; kubernetes-types inlines it as `number | string`. */
export const intOrStringSchema: SchemaNode = {
  description:
    'IntOrString holds either an int32 or a string. JSON and YAML carry whichever of the two was set, so a field of this type accepts a port number as well as a port name.',
  format: 'int-or-string',
  oneOf: [{ type: 'integer' }, { type: 'string' }],
  'x-kubernetes-int-or-string': true,
};

function describe(description: string | undefined): SchemaNode {
  return description === undefined ? {} : { description };
}

function isRaw(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(raw: Raw, key: string): string | undefined {
  const value = raw[key];
  return typeof value === 'string' ? value : undefined;
}

interface Context {
  module: RawModule;
  definition: string;
  /** Top-level property of the definition the node belongs to. */
  property: string | undefined;
  formats: ConvertTables['fieldFormats'];
}

function where(ctx: Context): string {
  return ctx.property === undefined ? ctx.definition : `${ctx.definition}.${ctx.property}`;
}

function refTo(ctx: Context, rawRef: string): string {
  if (!rawRef.startsWith(DEFINITIONS_PREFIX)) {
    throw new SchemaConversionError(`${where(ctx)}: unexpected $ref ${rawRef}`);
  }
  const shortName = decodeURIComponent(rawRef.slice(DEFINITIONS_PREFIX.length));
  const full = ctx.module.resolve(shortName);
  if (full === undefined) {
    throw new SchemaConversionError(`${where(ctx)}: cannot tell which package declares ${shortName}`);
  }
  return componentRef(full);
}

/** `$ref` alone stays bare; with siblings it is wrapped in allOf, as kube-openapi v3 does. */
export function withSiblings(node: SchemaNode, siblings: SchemaNode): SchemaNode {
  if (Object.keys(siblings).length === 0) return node;
  if (node.$ref !== undefined) {
    const { $ref, ...rest } = node;
    return { ...rest, allOf: [{ $ref }], ...siblings };
  }
  return { ...node, ...siblings };
}

function numberSchema(ctx: Context): SchemaNode {
  if (ctx.property === undefined) {
    throw new SchemaConversionError(`${ctx.definition}: a bare number type has no known format`);
  }
  const format = ctx.formats[ctx.definition]?.[ctx.property];
  switch (format) {
    case 'int64':
      return { type: 'integer', format: 'int64' };
    case 'double':
      return { type: 'number', format: 'double' };
    case 'byte':
      throw new SchemaConversionError(`${where(ctx)}: byte format on a number`);
    case undefined:
      return { type: 'integer', format: 'int32' };
  }
}

function stringSchema(ctx: Context): SchemaNode {
  const format = ctx.property === undefined ? undefined : ctx.formats[ctx.definition]?.[ctx.property];
  if (format === undefined) return { type: 'string' };
  if (format !== 'byte') throw new SchemaConversionError(`${where(ctx)}: ${format} format on a string`);
  return { type: 'string', format: 'byte' };
}

const handledKeys = new Set([
  '$ref',
  'type',
  'description',
  'properties',
  'required',
  'items',
  'additionalProperties',
  'const',
]);

function convertNode(raw: Raw, ctx: Context): SchemaNode {
  for (const key of Object.keys(raw)) {
    if (!handledKeys.has(key)) {
      throw new SchemaConversionError(`${where(ctx)}: unexpected keyword ${key}`);
    }
  }
  const siblings = describe(stringOf(raw, 'description'));
  const ref = stringOf(raw, '$ref');
  if (ref !== undefined) return withSiblings({ $ref: refTo(ctx, ref) }, siblings);

  const type = raw['type'];
  if (Array.isArray(type)) {
    const sorted = type.map(String).sort().join(',');
    if (sorted !== 'number,string') {
      throw new SchemaConversionError(`${where(ctx)}: unexpected union type ${sorted}`);
    }
    return withSiblings({ $ref: componentRef(wellKnown.intOrString) }, siblings);
  }

  let node: SchemaNode;
  switch (type) {
    case 'number':
      node = numberSchema(ctx);
      break;
    case 'string':
      node = stringSchema(ctx);
      break;
    case 'boolean':
      node = { type: 'boolean' };
      break;
    case 'array':
      node = { type: 'array' };
      if (isRaw(raw['items'])) node.items = convertNode(raw['items'], ctx);
      break;
    case 'object':
      node = { type: 'object' };
      break;
    case undefined:
      // `unknown`: any JSON value.
      node = {};
      break;
    default:
      throw new SchemaConversionError(`${where(ctx)}: unexpected type ${String(type)}`);
  }
  const properties = raw['properties'];
  if (isRaw(properties)) {
    node.properties = {};
    for (const [name, value] of Object.entries(properties)) {
      if (!isRaw(value)) throw new SchemaConversionError(`${where(ctx)}.${name}: not a schema`);
      const propertyCtx = ctx.property === undefined ? { ...ctx, property: name } : ctx;
      // apiVersion and kind are plain strings in the served schema; the literal becomes the GVK.
      const { const: _literal, ...rest } = value;
      node.properties[name] = convertNode(rest, propertyCtx);
    }
  }
  const required = raw['required'];
  if (Array.isArray(required) && required.length > 0) {
    node.required = required.filter((r): r is string => typeof r === 'string');
  }
  const additional = raw['additionalProperties'];
  if (isRaw(additional)) node.additionalProperties = convertNode(additional, ctx);
  if (raw['const'] !== undefined) {
    throw new SchemaConversionError(`${where(ctx)}: unexpected literal type`);
  }
  return { ...siblings, ...node };
}

function literalOf(raw: Raw, property: string): string | undefined {
  const properties = raw['properties'];
  if (!isRaw(properties)) return undefined;
  const prop = properties[property];
  return isRaw(prop) ? stringOf(prop, 'const') : undefined;
}

function gvkOf(raw: Raw): Gvk | undefined {
  const apiVersion = literalOf(raw, 'apiVersion');
  const kind = literalOf(raw, 'kind');
  if (apiVersion === undefined || kind === undefined) return undefined;
  const { group, version } = parseApiVersion(apiVersion);
  return { group, kind, version };
}

function convertDefinition(name: string, raw: Raw, module: RawModule, tables: ConvertTables): SchemaNode {
  const special = specialDefinitions[name];
  if (special !== undefined) return special(stringOf(raw, 'description'));
  const node = convertNode(raw, { module, definition: name, property: undefined, formats: tables.fieldFormats });
  const gvk = gvkOf(raw);
  if (gvk !== undefined) node['x-kubernetes-group-version-kind'] = [gvk];
  return node;
}

/** Status, DeleteOptions and WatchEvent are shared by every group; kubernetes-types gives no literal. */
function addSharedGvks(definitions: Record<string, SchemaNode>, groupVersions: readonly GroupVersion[]): void {
  const status = definitions[wellKnown.status];
  if (status !== undefined) status['x-kubernetes-group-version-kind'] = [{ group: '', kind: 'Status', version: 'v1' }];
  const sorted = [...groupVersions].sort((a, b) =>
    formatApiVersion(a.group, a.version).localeCompare(formatApiVersion(b.group, b.version)),
  );
  for (const name of [wellKnown.deleteOptions, wellKnown.watchEvent]) {
    const definition = definitions[name];
    if (definition === undefined) continue;
    const kind = name.slice(name.lastIndexOf('.') + 1);
    definition['x-kubernetes-group-version-kind'] = sorted.map(({ group, version }) => ({ group, kind, version }));
  }
}

function mergeHelpers(definitions: Record<string, SchemaNode>, merged: ConvertTables['mergedDefinitions']): void {
  for (const [helper, target] of Object.entries(merged)) {
    const from = definitions[helper];
    const into = definitions[target];
    if (from === undefined || into === undefined) {
      throw new SchemaConversionError(`cannot merge ${helper} into ${target}: missing definition`);
    }
    into.properties = { ...into.properties, ...from.properties };
    const required = [...(into.required ?? []), ...(from.required ?? [])];
    if (required.length > 0) into.required = required;
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- removing a helper definition by name
    delete definitions[helper];
  }
}

function applyPatchMeta(definitions: Record<string, SchemaNode>, tables: ConvertTables): void {
  for (const [name, fields] of Object.entries(tables.fieldPatchMeta)) {
    const definition = definitions[name];
    if (definition === undefined) throw new SchemaConversionError(`patch-meta: no definition ${name}`);
    for (const [field, meta] of Object.entries(fields)) {
      const property = definition.properties?.[field];
      if (property === undefined || definition.properties === undefined) {
        throw new SchemaConversionError(`patch-meta: ${name} has no field ${field}`);
      }
      definition.properties[field] = withSiblings(property, meta);
    }
  }
  for (const [name, mapType] of Object.entries(tables.definitionMapType)) {
    const definition = definitions[name];
    if (definition === undefined) throw new SchemaConversionError(`patch-meta: no definition ${name}`);
    definition['x-kubernetes-map-type'] = mapType;
  }
}

function checkFormats(definitions: Record<string, SchemaNode>, formats: ConvertTables['fieldFormats']): void {
  for (const [name, fields] of Object.entries(formats)) {
    for (const field of Object.keys(fields)) {
      if (definitions[name]?.properties?.[field] === undefined) {
        throw new SchemaConversionError(`field-formats: ${name} has no field ${field}`);
      }
    }
  }
}

/** Every `$ref` names a definition that exists. */
function checkRefs(definitions: Record<string, SchemaNode>): void {
  const visit = (node: SchemaNode, owner: string): void => {
    if (node.$ref !== undefined) {
      const target = refName(node.$ref);
      if (target === undefined || definitions[target] === undefined) {
        throw new SchemaConversionError(`${owner}: dangling $ref ${node.$ref}`);
      }
    }
    for (const child of childSchemas(node)) visit(child, owner);
  };
  for (const [name, node] of Object.entries(definitions)) visit(node, name);
}

/**
 * Converts every module's definitions and returns the components by full name. Throws a
 * SchemaConversionError when the input holds something the converter does not understand or a
 * table entry points at a field that does not exist, so that a kubernetes-types upgrade cannot
 * silently lose facts.
 */
export function convertModules(modules: readonly RawModule[], options: ConvertOptions): Record<string, SchemaNode> {
  const tables: ConvertTables = {
    fieldFormats: options.tables?.fieldFormats ?? defaultFieldFormats,
    fieldPatchMeta: options.tables?.fieldPatchMeta ?? defaultFieldPatchMeta,
    definitionMapType: options.tables?.definitionMapType ?? defaultDefinitionMapType,
    mergedDefinitions: options.tables?.mergedDefinitions ?? defaultMergedDefinitions,
  };
  const definitions: Record<string, SchemaNode> = {};
  for (const module of modules) {
    for (const [shortName, raw] of Object.entries(module.definitions)) {
      const name = `${module.pkg}.${shortName}`;
      if (!isRaw(raw)) throw new SchemaConversionError(`${name}: not a schema`);
      if (definitions[name] !== undefined) throw new SchemaConversionError(`${name}: declared twice`);
      definitions[name] = convertDefinition(name, raw, module, tables);
    }
  }
  definitions[wellKnown.intOrString] = intOrStringSchema;
  mergeHelpers(definitions, tables.mergedDefinitions);
  addSharedGvks(definitions, options.groupVersions);
  checkFormats(definitions, tables.fieldFormats);
  applyPatchMeta(definitions, tables);
  checkRefs(definitions);
  return definitions;
}

