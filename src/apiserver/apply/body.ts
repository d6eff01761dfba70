/**
 * The checks kube-apiserver makes on an apply body and its result outside the merge itself, with
 * its codes and messages: the body must be an object of the endpoint's kind without managedFields,
 * and the result must carry the name and namespace of the URL.
 */
import { errors, StatusError } from '../../api/status.js';
import { isJsonObject } from '../patch/json-value.js';
import type { JsonObject } from '../patch/json-value.js';

export interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export function gvkString(gvk: Gvk): string {
  return `${gvk.group}/${gvk.version}, Kind=${gvk.kind}`;
}

function goKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** The body decoded into a map, as the YAML decoder does (`null` is an empty map). */
export function appliedObject(applied: unknown): JsonObject {
  if (applied === null || applied === undefined) return {};
  if (isJsonObject(applied)) return applied;
  throw errors.badRequest(
    `error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${goKind(applied)} into Go value of type map[string]interface {}`,
  );
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** schema.FromAPIVersionAndKind: an unparsable apiVersion leaves group and version empty. */
export function objectGvk(obj: JsonObject): Gvk {
  const apiVersion = str(obj['apiVersion']);
  const kind = str(obj['kind']);
  const parts = apiVersion.split('/');
  if (apiVersion === '') return { group: '', version: '', kind };
  if (parts.length === 1) return { group: '', version: apiVersion, kind };
  if (parts.length === 2) return { group: parts[0] ?? '', version: parts[1] ?? '', kind };
  return { group: '', version: '', kind };
}

/** versionCheckManager: the body's apiVersion and kind must be the endpoint's. */
export function checkKind(config: JsonObject, expected: Gvk): void {
  const got = objectGvk(config);
  if (got.group !== expected.group || got.version !== expected.version || got.kind !== expected.kind) {
    throw errors.badRequest(`invalid object type: ${gvkString(got)}`);
  }
}

export function checkNoManagedFields(config: JsonObject): void {
  const metadata = config['metadata'];
  if (isJsonObject(metadata) && Array.isArray(metadata['managedFields'])) {
    throw errors.badRequest('metadata.managedFields must be nil');
  }
}

function metaString(obj: JsonObject, key: string): string {
  const metadata = obj['metadata'];
  return isJsonObject(metadata) ? str(metadata[key]) : '';
}

/** objectGVKNN: `namespace/name; group/version, Kind=kind`, as kube names an object in errors. */
export function describeObject(obj: JsonObject): string {
  return `${metaString(obj, 'namespace')}/${metaString(obj, 'name')}; ${gvkString(objectGvk(obj))}`;
}

/** A failure kube returns as a plain error: 500 with no reason. */
export function internalError(message: string): StatusError {
  return new StatusError(500, '', message);
}

/**
 * The patch handler's checks on the result (rest.EnsureObjectNamespaceMatchesRequestNamespace and
 * checkName). `namespace` is '' for cluster-scoped resources; an unset namespace is filled in.
 */
export function checkNameAndNamespace(obj: JsonObject, name: string | undefined, namespace: string | undefined): void {
  if (namespace !== undefined) {
    let metadata = obj['metadata'];
    if (!isJsonObject(metadata)) {
      metadata = {};
      obj['metadata'] = metadata;
    }
    const meta = metadata as JsonObject;
    const own = str(meta['namespace']);
    if (own === '' || namespace === '') {
      if (namespace === '') delete meta['namespace'];
      else meta['namespace'] = namespace;
    } else if (own !== namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
  }
  if (name !== undefined) {
    const own = metaString(obj, 'name');
    if (own !== name) throw errors.badRequest(`the name of the object (${own}) does not match the name on the URL (${name})`);
  }
}
