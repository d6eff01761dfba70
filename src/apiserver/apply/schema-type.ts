/**
 * The structured-merge-diff view of an OpenAPI schema, built the way kube-openapi's schemaconv
 * does it: every node is an "atom" that may be a scalar, a list and/or a map.
 *
 * - Lists are atomic unless `x-kubernetes-list-type` says set or map (keyed by
 *   `x-kubernetes-list-map-keys`), or, without a list type, `x-kubernetes-patch-strategy: merge`
 *   makes them associative (keyed by the patch merge key, a set without one).
 * - Maps are granular unless `x-kubernetes-map-type: atomic`. A map with properties is a struct;
 *   its other members follow additionalProperties, or are "deduced" when the schema preserves
 *   unknown fields (or declares no properties at all).
 * - Deduced values: maps granular, lists atomic, any scalar.
 *
 * Atoms are resolved lazily and cached, so a schema is only converted where objects reach.
 */
import type { SchemaNode, SchemaResolver } from '../schema/types.js';
import { refName, wellKnown } from '../schema/names.js';
import { fieldElement } from './path.js';
import type { PathElement } from './path.js';

export type ScalarType = 'numeric' | 'string' | 'boolean' | 'untyped';

export interface ListType {
  readonly atomic: boolean;
  /** Map keys of an associative list; empty for a set. */
  readonly keys: readonly string[];
  readonly element: TypeRef;
}

/** How a struct field looks in the zero value of the Go type (see TypeContext.builtin). */
export type GoZero = 'struct' | 'null';

export interface StructField {
  /** The field's path element, made once. */
  readonly element: PathElement;
  readonly type: TypeRef;
  /** The schema default, used for list map keys an item omits. */
  readonly default: unknown;
  readonly nullable: boolean;
  readonly zero: GoZero | undefined;
}

export interface MapType {
  readonly atomic: boolean;
  readonly fields: ReadonlyMap<string, StructField>;
  /** The type of undeclared members; undefined when the schema declares no other members. */
  readonly element: TypeRef | undefined;
}

export interface Atom {
  readonly scalar?: ScalarType;
  readonly list?: ListType;
  readonly map?: MapType;
}

export interface TypeRef {
  atom(): Atom;
}

class FixedType implements TypeRef {
  constructor(private readonly value: () => Atom) {}
  private cached: Atom | undefined;
  atom(): Atom {
    this.cached ??= this.value();
    return this.cached;
  }
}

const NO_FIELDS: ReadonlyMap<string, StructField> = new Map();

/** `__untyped_atomic_`: anything, owned as a whole. */
export const UNTYPED_ATOMIC: TypeRef = new FixedType(() => ({
  scalar: 'untyped',
  list: { atomic: true, keys: [], element: UNTYPED_ATOMIC },
  map: { atomic: true, fields: NO_FIELDS, element: UNTYPED_ATOMIC },
}));

/** `__untyped_deduced_`: maps are granular, lists atomic. */
export const DEDUCED: TypeRef = new FixedType(() => ({
  scalar: 'untyped',
  list: { atomic: true, keys: [], element: UNTYPED_ATOMIC },
  map: { atomic: false, fields: NO_FIELDS, element: DEDUCED },
}));

const UNTYPED_SCALAR: TypeRef = new FixedType(() => ({ scalar: 'untyped' }));

/**
 * Map keys kube's OpenAPI gives a default (`+default=` markers) that the generated schemas lack.
 * SSA needs them to key a port that omits its protocol.
 */
const KNOWN_KEY_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'io.k8s.api.core.v1.ContainerPort': { protocol: 'TCP' },
  'io.k8s.api.core.v1.ServicePort': { protocol: 'TCP' },
};

/**
 * Value structs of the Go API types: present (as `{}`) in a zero object even when optional. Kube
 * compares the typed objects, so adding a field under one never adds the struct itself.
 */
const GO_VALUE_STRUCTS = new Set(['metadata', 'spec', 'status', 'template']);

export interface TypeContext {
  readonly resolver: SchemaResolver;
  /**
   * Built-in kinds are Go structs in kube-apiserver, whose zero value already holds their value
   * structs and required fields; custom resources are plain JSON.
   */
  readonly builtin: boolean;
}

function directRef(node: SchemaNode): string | undefined {
  const ref = node.$ref ?? (node.allOf?.length === 1 ? node.allOf[0]?.$ref : undefined);
  return ref === undefined ? undefined : refName(ref);
}

class TypeSystem {
  private readonly cache = [new WeakMap<SchemaNode, TypeRef>(), new WeakMap<SchemaNode, TypeRef>()] as const;

  constructor(private readonly ctx: TypeContext) {}

  /** The type of a schema node as a field, item or additionalProperties schema. */
  ref(node: SchemaNode, preserveUnknown: boolean): TypeRef {
    const name = directRef(node);
    if (name === wellKnown.quantity) return UNTYPED_SCALAR;
    if (name === wellKnown.rawExtension) return UNTYPED_ATOMIC;
    // Named types are converted on their own, without the unknown-field policy of the referrer.
    const pu = name === undefined && preserveUnknown;
    const cache = this.cache[pu ? 1 : 0];
    let ref = cache.get(node);
    if (ref === undefined) {
      ref = new FixedType(() => this.atom(this.ctx.resolver.deref(node), pu, name));
      cache.set(node, ref);
    }
    return ref;
  }

  private atom(node: SchemaNode, inherited: boolean, name: string | undefined): Atom {
    const pu = inherited || node['x-kubernetes-preserve-unknown-fields'] === true;
    if (node['x-kubernetes-int-or-string'] === true || node.format === 'int-or-string') return { scalar: 'untyped' };
    switch (node.type) {
      case undefined:
        return { scalar: 'untyped', list: this.list(node, pu), map: this.object(node, pu, name) };
      case 'object':
        return { map: this.object(node, pu, name) };
      case 'array':
        return { list: this.list(node, pu) };
      case 'integer':
      case 'number':
        return { scalar: 'numeric' };
      case 'string':
        return { scalar: node.format === undefined || node.format === '' || node.format === 'byte' ? 'string' : 'untyped' };
      case 'boolean':
        return { scalar: 'boolean' };
    }
  }

  private object(node: SchemaNode, pu: boolean, name: string | undefined): MapType {
    const fields = new Map<string, StructField>();
    const required = new Set(node.required ?? []);
    const known = name === undefined ? undefined : KNOWN_KEY_DEFAULTS[name];
    for (const [field, prop] of Object.entries(node.properties ?? {})) {
      const resolved = this.ctx.resolver.deref(prop);
      fields.set(field, {
        element: fieldElement(field),
        type: this.ref(prop, pu),
        default: resolved.default ?? known?.[field],
        nullable: resolved.nullable === true,
        zero: this.ctx.builtin ? goZero(field, resolved, required.has(field)) : undefined,
      });
    }
    const ap = node.additionalProperties;
    let element: TypeRef | undefined;
    if (ap === undefined) element = pu || fields.size === 0 ? DEDUCED : undefined;
    else if (ap === true) element = DEDUCED;
    else if (ap !== false) element = this.ref(ap, pu);
    return { atomic: node['x-kubernetes-map-type'] === 'atomic', fields, element };
  }

  private list(node: SchemaNode, pu: boolean): ListType {
    const element = node.items === undefined ? UNTYPED_ATOMIC : this.ref(node.items, pu);
    const listType = node['x-kubernetes-list-type'];
    if (listType === 'atomic') return { atomic: true, keys: [], element };
    if (listType === 'set') return { atomic: false, keys: [], element };
    if (listType === 'map') return { atomic: false, keys: node['x-kubernetes-list-map-keys'] ?? [], element };
    const strategy = node['x-kubernetes-patch-strategy'];
    if (strategy === 'merge' || strategy === 'merge,retainKeys') {
      const key = node['x-kubernetes-patch-merge-key'];
      return { atomic: false, keys: key === undefined ? [] : [key], element };
    }
    return { atomic: true, keys: [], element };
  }
}

function goZero(name: string, node: SchemaNode, required: boolean): GoZero | undefined {
  const isStruct = node.type === 'object' && node.properties !== undefined;
  if (isStruct) return required || GO_VALUE_STRUCTS.has(name) ? 'struct' : undefined;
  const isCollection = node.type === 'array' || (node.type === 'object' && node.properties === undefined);
  return required && isCollection ? 'null' : undefined;
}

const systems = new WeakMap<SchemaResolver, [TypeSystem | undefined, TypeSystem | undefined]>();

function typeSystem(ctx: TypeContext): TypeSystem {
  let pair = systems.get(ctx.resolver);
  if (pair === undefined) {
    pair = [undefined, undefined];
    systems.set(ctx.resolver, pair);
  }
  const index = ctx.builtin ? 1 : 0;
  let system = pair[index];
  if (system === undefined) {
    system = new TypeSystem(ctx);
    pair[index] = system;
  }
  return system;
}

/** The type of a whole object of a kind; without a schema everything is deduced. */
export function rootType(schema: SchemaNode | undefined, ctx: TypeContext): TypeRef {
  return schema === undefined ? DEDUCED : typeSystem(ctx).ref(schema, false);
}

/** A struct field's type, or the map's element type; deduced for members the schema does not know. */
export function memberType(map: MapType, key: string): TypeRef {
  return map.fields.get(key)?.type ?? map.element ?? DEDUCED;
}

/** The path element of a member: made once for struct fields. */
export function memberElement(map: MapType, key: string): PathElement {
  return map.fields.get(key)?.element ?? fieldElement(key);
}
