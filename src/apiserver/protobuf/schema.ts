/**
 * The protobuf schema of the kinds this server accepts as protobuf, compiled into the form the
 * wire decoder and the JSON converter walk.
 *
 * The `.proto` sources in ./proto are parsed with protobufjs. Besides names, types and field
 * numbers, each field carries what Go's encoding/json needs to know about the Go struct field the
 * Kubernetes types declare, because gogo-protobuf (which kubectl uses) and encoding/json disagree
 * on empty values: gogo writes every non-pointer scalar and struct, JSON leaves out `omitempty`
 * fields that are empty. Options (protobufjs keeps unknown custom options as plain data):
 * - `(go.pointer) = true`: the Go field is a pointer: absent on the wire means nil, and a present
 *   zero value (`replicas: 0`, `optional: false`) is kept.
 * - `(go.omitempty) = false`: the json tag has no `omitempty`: an empty value is written (`null`
 *   for a nil pointer, slice or map). Not recorded on non-pointer structs, where Go ignores it.
 * - `(go.embedded) = true`: an anonymous struct field (`ProbeHandler` in `Probe`): its fields are
 *   written inline in the parent object.
 * - `option (go.json) = "<form>"` on a message: a Go type with its own JSON form (GoJsonForm).
 * Field names are the JSON names; they match upstream's .proto names except
 * `BoundObjectReference.uid` (upstream `uID`).
 */
import protobuf from 'protobufjs';
import type { FieldBase, NamespaceBase, ReflectionObject, Type } from 'protobufjs';
import { protoSources } from './proto/index.js';

/** Go types whose JSON is not their struct: see go-forms.ts. */
export type GoJsonForm = 'time' | 'micro-time' | 'quantity' | 'int-or-string' | 'raw-json' | 'list';
const GO_JSON_FORMS: readonly GoJsonForm[] = [
  'time',
  'micro-time',
  'quantity',
  'int-or-string',
  'raw-json',
  'list',
];

export type ScalarType = 'string' | 'bytes' | 'bool' | 'int32' | 'int64';
const SCALAR_TYPES: readonly ScalarType[] = ['string', 'bytes', 'bool', 'int32', 'int64'];

export type FieldValueType =
  | { readonly kind: 'scalar'; readonly scalar: ScalarType }
  | { readonly kind: 'message'; readonly message: MessageSpec };

export interface FieldSpec {
  /** The JSON name. */
  readonly name: string;
  readonly id: number;
  readonly cardinality: 'singular' | 'repeated' | 'map';
  /** The element type for `repeated`, the value type for `map` (keys are always strings). */
  readonly value: FieldValueType;
  readonly pointer: boolean;
  readonly omitempty: boolean;
  readonly embedded: boolean;
}

export interface MessageSpec {
  /** Without the leading dot: `k8s.io.api.core.v1.Namespace`. */
  readonly fullName: string;
  readonly form: GoJsonForm | undefined;
  /** In declaration order, which is the Go struct's and so the JSON object's. */
  readonly fields: readonly FieldSpec[];
  readonly fieldsById: ReadonlyMap<number, FieldSpec>;
}

interface MutableMessageSpec extends MessageSpec {
  fields: FieldSpec[];
  fieldsById: Map<number, FieldSpec>;
}

const FIELD_OPTIONS = new Set(['(go.pointer)', '(go.omitempty)', '(go.embedded)']);
const MESSAGE_OPTIONS = new Set(['(go.json)']);

let compiled: ReadonlyMap<string, MessageSpec> | undefined;

/** Every message of the schema by full name (parsed and checked on first use). */
export function messageSpecs(): ReadonlyMap<string, MessageSpec> {
  compiled ??= compileSchema(protoSources);
  return compiled;
}

/** The message named `fullName`; throws for a name the schema lacks (a bug, not bad input). */
export function messageSpec(fullName: string): MessageSpec {
  const spec = messageSpecs().get(fullName);
  if (spec === undefined) throw new Error(`protobuf schema has no message ${fullName}`);
  return spec;
}

/**
 * Parses and checks .proto sources. Anything outside the subset the decoder implements (enums,
 * oneofs, other scalar types, non-string map keys, unknown or misplaced options) is a programming
 * error and throws.
 */
export function compileSchema(sources: readonly string[]): ReadonlyMap<string, MessageSpec> {
  const root = new protobuf.Root();
  for (const source of sources) protobuf.parse(source, root, { keepCase: true });
  root.resolveAll();

  const types: Type[] = [];
  collectTypes(root, types);
  const specs = new Map<string, MutableMessageSpec>();
  for (const type of types) {
    const fullName = nameOf(type);
    specs.set(fullName, { fullName, form: messageForm(type), fields: [], fieldsById: new Map() });
  }
  for (const type of types) {
    const spec = specs.get(nameOf(type));
    if (spec === undefined) throw new Error(`lost ${nameOf(type)}`);
    if (type.oneofsArray.length > 0) throw new Error(`${spec.fullName}: oneofs are not supported`);
    for (const field of type.fieldsArray) {
      const fieldSpec = compileField(spec.fullName, field, specs);
      spec.fields.push(fieldSpec);
      spec.fieldsById.set(fieldSpec.id, fieldSpec);
    }
    if (spec.form !== undefined) checkFormLayout(spec, spec.form);
  }
  return specs;
}

type LayoutEntry = readonly [id: number, cardinality: FieldSpec['cardinality'], scalar: ScalarType];

/** The fields go-forms.ts reads for each form, by number. */
const FORM_LAYOUTS: Readonly<Record<GoJsonForm, readonly LayoutEntry[]>> = {
  time: [
    [1, 'singular', 'int64'],
    [2, 'singular', 'int32'],
  ],
  'micro-time': [
    [1, 'singular', 'int64'],
    [2, 'singular', 'int32'],
  ],
  quantity: [[1, 'singular', 'string']],
  'int-or-string': [
    [1, 'singular', 'int64'],
    [2, 'singular', 'int32'],
    [3, 'singular', 'string'],
  ],
  'raw-json': [[1, 'singular', 'bytes']],
  list: [[1, 'repeated', 'string']],
};

function checkFormLayout(spec: MessageSpec, form: GoJsonForm): void {
  const layout = FORM_LAYOUTS[form];
  const ok =
    spec.fields.length === layout.length &&
    layout.every(([id, cardinality, scalar]) => {
      const f = spec.fieldsById.get(id);
      return (
        f?.cardinality === cardinality && f.value.kind === 'scalar' && f.value.scalar === scalar
      );
    });
  if (!ok) throw new Error(`${spec.fullName}: fields do not fit the (go.json) form ${form}`);
}

/** protobufjs' full names start with a dot. */
function nameOf(obj: ReflectionObject): string {
  return obj.fullName.replace(/^\./, '');
}

function collectTypes(ns: NamespaceBase, out: Type[]): void {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) {
      if (nested.nestedArray.length > 0) {
        throw new Error(`${nameOf(nested)}: nested declarations are not supported`);
      }
      out.push(nested);
    } else if (nested instanceof protobuf.Namespace) {
      collectTypes(nested, out);
    } else {
      throw new Error(`${nameOf(nested)}: only messages are supported`);
    }
  }
}

function messageForm(type: Type): GoJsonForm | undefined {
  const options = optionsOf(type, MESSAGE_OPTIONS);
  const form = options.get('(go.json)');
  if (form === undefined) return undefined;
  const known = GO_JSON_FORMS.find((f) => f === form);
  if (known === undefined) {
    throw new Error(`${nameOf(type)}: unknown (go.json) form ${JSON.stringify(form)}`);
  }
  return known;
}

function compileField(
  owner: string,
  field: FieldBase,
  specs: ReadonlyMap<string, MessageSpec>,
): FieldSpec {
  const where = `${owner}.${field.name}`;
  const options = optionsOf(field, FIELD_OPTIONS);
  const flag = (name: string, fallback: boolean): boolean => {
    const v = options.get(name);
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') throw new Error(`${where}: ${name} must be true or false`);
    return v;
  };
  let cardinality: FieldSpec['cardinality'] = 'singular';
  if (field instanceof protobuf.MapField) {
    if (field.keyType !== 'string') throw new Error(`${where}: map keys must be strings`);
    cardinality = 'map';
  } else if (field.repeated) {
    cardinality = 'repeated';
  }
  const value = valueType(where, field, specs);
  const spec: FieldSpec = {
    name: field.name,
    id: field.id,
    cardinality,
    value,
    pointer: flag('(go.pointer)', false),
    omitempty: flag('(go.omitempty)', true),
    embedded: flag('(go.embedded)', false),
  };
  if ((spec.pointer || spec.embedded) && cardinality !== 'singular') {
    throw new Error(`${where}: (go.pointer) and (go.embedded) apply to singular fields only`);
  }
  if (spec.embedded && (value.kind !== 'message' || value.message.form !== undefined)) {
    throw new Error(`${where}: only a plain struct can be embedded`);
  }
  return spec;
}

function valueType(
  where: string,
  field: FieldBase,
  specs: ReadonlyMap<string, MessageSpec>,
): FieldValueType {
  const resolved = field.resolvedType;
  if (resolved === null) {
    const scalar = SCALAR_TYPES.find((t) => t === field.type);
    if (scalar === undefined) {
      throw new Error(`${where}: scalar type ${field.type} is not supported`);
    }
    return { kind: 'scalar', scalar };
  }
  if (!(resolved instanceof protobuf.Type)) throw new Error(`${where}: enums are not supported`);
  const message = specs.get(nameOf(resolved));
  if (message === undefined) throw new Error(`${where}: unresolved type ${nameOf(resolved)}`);
  return { kind: 'message', message };
}

function optionsOf(
  obj: ReflectionObject,
  allowed: ReadonlySet<string>,
): ReadonlyMap<string, unknown> {
  const entries = Object.entries(obj.options ?? {}) as [string, unknown][];
  for (const [name] of entries) {
    if (!allowed.has(name)) throw new Error(`${nameOf(obj)}: unexpected option ${name}`);
  }
  return new Map(entries);
}
