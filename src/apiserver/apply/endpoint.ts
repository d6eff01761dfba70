/**
 * What the field manager knows about the endpoint a write comes through: the kind's SSA type, the
 * fields it never records, and the apiVersion and subresource its managedFields entries carry.
 */
import type { KubeObject } from '../../api/object.js';
import type { JsonObject } from '../patch/json-value.js';
import type { SchemaNode, SchemaResolver } from '../schema/types.js';
import { formatApiVersion } from '../schema/names.js';
import type { Gvk } from './body.js';
import { FieldSet } from './field-set.js';
import { formatTime } from './managed.js';
import { fieldElement } from './path.js';
import { rootType } from './schema-type.js';
import type { UpdaterContext } from './updater.js';

/** What both kinds of write need to know about the endpoint. */
export interface EndpointOptions {
  /** Root schema of the kind (the registry's definition); undefined: every field is deduced. */
  readonly schema: SchemaNode | undefined;
  readonly resolver: SchemaResolver;
  readonly now: Date;
  /** '' (or undefined) for the resource itself, 'status' for /status. */
  readonly subresource?: string;
  /**
   * The endpoint's group, version and kind: the apply body must name them, and they give the
   * apiVersion of managedFields entries. Defaults to the schema's x-kubernetes-group-version-kind.
   */
  readonly gvk?: Gvk;
  /**
   * The kind has a status subresource: writes to the resource never record `.status`, writes to
   * /status record only `.status` (kube's reset fields).
   */
  readonly statusSubresource?: boolean;
  /**
   * A built-in kind. Kube compares built-ins as Go structs, whose value structs (metadata, spec,
   * status, template) and required fields exist even when empty: adding a field under them never
   * records the struct itself. Custom resources are compared as plain JSON.
   */
  readonly builtin?: boolean;
}

const STATUS = fieldElement('status');
const STATUS_SET = FieldSet.of([STATUS]);

export interface Endpoint extends UpdaterContext {
  readonly gvk: Gvk | undefined;
  readonly apiVersion: string;
  readonly subresource: string;
  readonly now: string;
}

/** The endpoint of a write; `fallbackApiVersion` serves when neither options nor schema name a kind. */
export function endpoint(options: EndpointOptions, fallbackApiVersion: string): Endpoint {
  const subresource = options.subresource ?? '';
  const gvk = options.gvk ?? options.schema?.['x-kubernetes-group-version-kind']?.[0];
  let filter = (set: FieldSet): FieldSet => set;
  if (subresource === 'status') filter = (set) => set.only(STATUS);
  else if (options.statusSubresource === true && subresource === '') filter = (set) => set.recursiveDifference(STATUS_SET);
  const builtin = options.builtin === true;
  return {
    type: rootType(options.schema, { resolver: options.resolver, builtin }),
    filter,
    goZero: builtin,
    schemaMayChange: !builtin,
    gvk,
    apiVersion: gvk === undefined ? fallbackApiVersion : formatApiVersion(gvk.group, gvk.version),
    subresource,
    now: formatTime(options.now),
  };
}

/** The object as the field manager compares it: without its managedFields. */
export function withoutManagedFields(obj: KubeObject | undefined): JsonObject {
  if (obj === undefined) return {};
  const metadata = obj.metadata;
  if (metadata?.managedFields === undefined) return obj;
  const { managedFields: _managedFields, ...rest } = metadata;
  return { ...obj, metadata: rest };
}
