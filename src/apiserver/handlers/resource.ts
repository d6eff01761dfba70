import { isObject, str, type KubeObject } from '../../api/object.js';
import { errors } from '../../api/status.js';
import type { UserInfo } from '../auth/types.js';
import { readBody, type ServerRequest } from '../http/body.js';
import { negotiate, type ResponseFormat } from '../http/media.js';
import type { ResourceRequestInfo } from '../http/request-info.js';
import { writeJson, writeJsonInPieces, writeYaml, type ServerResponseLike } from '../http/respond.js';
import { apiVersionOfDef, type ResourceDef } from '../registry/types.js';
import type { FieldValidation, RequestContext } from '../rest/context.js';
import type { ListOutcome, RestStore } from '../rest/store.js';
import type { DeleteOptions } from '../rest/strategy.js';
import { decodeObject, decodeOptionalObject, decodePatch, type DecodedPatch } from './decode.js';
import { serveWatch, type WatchDeps } from './watch.js';
import { cloneJson } from '../../lib/json.js';

export interface PatchApplier {
  /** Applies a non-apply patch to `current`; returns the patched object. */
  patch(def: ResourceDef, current: KubeObject, patch: DecodedPatch): KubeObject;
  /** Server-side apply: merges `applied` into `live` (undefined when creating) for `manager`. */
  apply(
    def: ResourceDef,
    live: KubeObject | undefined,
    applied: unknown,
    manager: string,
    force: boolean,
    target: { name: string; namespace: string; subresource: string; now: Date },
  ): KubeObject;
  /** Records the managers of a non-apply write in metadata.managedFields. */
  recordUpdate(def: ResourceDef, next: KubeObject, old: KubeObject | undefined, manager: string, subresource: string, now: Date): void;
}

export interface Tables {
  table(def: ResourceDef, objects: KubeObject[], format: Extract<ResponseFormat, { kind: 'table' }>, list?: ListOutcome): Record<string, unknown>;
}

/** Handlers for subresources that are more than a view of the object (log, binding, eviction, token, scale). */
export type SubresourceHandler = (ctx: SubresourceCall) => Promise<void>;

export interface SubresourceCall {
  readonly req: ServerRequest;
  readonly res: ServerResponseLike;
  readonly info: ResourceRequestInfo;
  readonly store: RestStore;
  readonly ctx: RequestContext;
  readonly query: URLSearchParams;
  readonly body: () => Promise<Buffer>;
  readonly patches: PatchApplier;
}

export interface ResourceHandlerDeps extends Omit<WatchDeps, 'table'> {
  readonly patches: PatchApplier;
  readonly tables: Tables;
  readonly storeFor: (def: ResourceDef) => RestStore;
  /** Create-only resources answered without storage (reviews), keyed by `group/resource`. */
  readonly virtualCreates: ReadonlyMap<string, (obj: KubeObject, user: UserInfo, namespace: string) => Promise<KubeObject>>;
  /** Keyed by `group/resource/subresource`. */
  readonly subresources: ReadonlyMap<string, SubresourceHandler>;
}

const DRY_RUN_VALUES = new Set(['All']);

export function requestContext(user: UserInfo, query: URLSearchParams, userAgent = ''): RequestContext {
  const dryRun = query.getAll('dryRun');
  for (const d of dryRun) if (!DRY_RUN_VALUES.has(d)) throw errors.badRequest(`Invalid dry run value: ${d}; must be one of: All`);
  const fv = query.get('fieldValidation') ?? 'Warn';
  if (fv !== 'Strict' && fv !== 'Warn' && fv !== 'Ignore') {
    throw errors.badRequest(`fieldValidation parameter unsupported: ${fv}, must be one of: Ignore, Warn, Strict`);
  }
  const fieldManager = query.get('fieldManager') ?? '';
  if (fieldManager.length > 128) throw errors.badRequest('fieldManager: Too long: may not be more than 128 bytes');
  return {
    user,
    dryRun: dryRun.length > 0,
    fieldManager: fieldManager || managerFromUserAgent(userAgent),
    fieldValidation: fv satisfies FieldValidation,
    now: new Date(),
    warnings: [],
  };
}

const FIELD_MANAGER_MAX_BYTES = 128;

/**
 * kube-apiserver's manager for writes without `fieldManager`: the User-Agent up to its first `/`,
 * unprintable characters dropped, at most 128 bytes ("kubelet/v1.32.0 (linux/amd64) …" → "kubelet").
 * Empty stays empty: the field manager records it as "unknown".
 */
export function managerFromUserAgent(userAgent: string): string {
  let out = '';
  let bytes = 0;
  for (const ch of userAgent.split('/')[0] ?? '') {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) continue;
    const size = Buffer.byteLength(ch);
    if (bytes + size > FIELD_MANAGER_MAX_BYTES) break;
    out += ch;
    bytes += size;
  }
  return out;
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw errors.badRequest(`${name}: invalid value ${JSON.stringify(v)}: must be an integer`);
  return n;
}

function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const v = query.get(name);
  if (v === null) return undefined;
  return v === 'true' || v === '1' || v === '';
}

export async function handleResource(
  req: ServerRequest,
  res: ServerResponseLike,
  info: ResourceRequestInfo,
  user: UserInfo,
  query: URLSearchParams,
  def: ResourceDef,
  deps: ResourceHandlerDeps,
): Promise<void> {
  if (!def.namespaced && info.namespace !== '' && info.resource !== 'namespaces') {
    throw errors.notFound(def.group, def.resource, info.name);
  }
  const format = negotiate(req.headers.accept);
  if (!format) throw errors.notAcceptable(`only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
  const namespace = def.namespaced ? info.namespace : '';
  const ctx = requestContext(user, query, req.headers['user-agent']);
  const store = deps.storeFor(def);
  const body = (): Promise<Buffer> => readBody(req);
  const send = (code: number, obj: unknown): void => {
    respond(res, code, obj, format, def, deps.tables, ctx.warnings);
  };

  if (info.subresource !== '') {
    const handler =
      deps.subresources.get(`${def.group}/${def.resource}/${info.subresource}`) ??
      (def.crd?.scale && info.subresource === 'scale' ? deps.subresources.get('*/*/scale') : undefined);
    const known = def.subresources.some((s) => s.name === info.subresource) || (info.subresource === 'status' && def.crd?.statusSubresource) || (info.subresource === 'scale' && def.crd?.scale);
    if (!known) throw errors.notFound(def.group, `${def.resource}/${info.subresource}`, info.name);
    if (handler) {
      await handler({ req, res, info, store, ctx, query, body, patches: deps.patches });
      return;
    }
    if (info.subresource !== 'status') throw errors.methodNotAllowed(`the server does not allow this method on the requested resource`);
  }

  const verbs = info.subresource === 'status' ? ['get', 'update', 'patch'] : def.verbs;
  if (!verbs.includes(info.verb) || ((info.verb === 'update' || info.verb === 'patch') && info.name === '')) {
    throw errors.methodNotAllowed(`the server does not allow this method on the requested resource`);
  }

  switch (info.verb) {
    case 'get': {
      send(200, await store.get(namespace, info.name));
      return;
    }
    case 'list': {
      const list = await store.list(namespace, listOptions(query));
      await sendList(res, def, list, format, deps.tables, ctx.warnings);
      return;
    }
    case 'watch': {
      const watchDeps: WatchDeps = {
        ...deps,
        table: (objects) => deps.tables.table(def, objects, format.kind === 'table' ? format : { kind: 'table', version: 'v1' }),
      };
      const timeoutSeconds = intParam(query, 'timeoutSeconds');
      const sendInitialEvents = boolParam(query, 'sendInitialEvents');
      const params = {
        allowWatchBookmarks: boolParam(query, 'allowWatchBookmarks') === true,
        ...optional('resourceVersion', query.get('resourceVersion') ?? undefined),
        ...optional('resourceVersionMatch', query.get('resourceVersionMatch') ?? undefined),
        ...optional('labelSelector', query.get('labelSelector') ?? undefined),
        ...optional('fieldSelector', fieldSelectorFor(info, query)),
        ...optional('timeoutSeconds', timeoutSeconds),
        ...optional('sendInitialEvents', sendInitialEvents),
      };
      await serveWatch(res, store, namespace, params, format, watchDeps);
      return;
    }
    case 'create': {
      const obj = decodeObject(await body(), req.headers['content-type']);
      const virtual = deps.virtualCreates.get(`${def.group}/${def.resource}`);
      if (virtual) {
        send(201, await virtual(obj, user, namespace));
        return;
      }
      deps.patches.recordUpdate(def, obj, undefined, ctx.fieldManager, '', ctx.now);
      send(201, await store.create(namespace, obj, ctx));
      return;
    }
    case 'update': {
      const obj = decodeObject(await body(), req.headers['content-type']);
      const result = await store.update(
        namespace,
        info.name,
        (current) => {
          const next = cloneJson(obj);
          deps.patches.recordUpdate(def, next, current, ctx.fieldManager, info.subresource, ctx.now);
          return next;
        },
        ctx,
        { subresource: info.subresource },
      );
      send(result.created ? 201 : 200, result.object);
      return;
    }
    case 'patch': {
      const patch = decodePatch(await body(), req.headers['content-type']);
      const result = await patchObject(store, def, namespace, info.name, info.subresource, patch, query, ctx, deps.patches);
      send(result.created ? 201 : 200, result.object);
      return;
    }
    case 'delete': {
      const options = deleteOptions(decodeOptionalObject(await body(), req.headers['content-type']), query);
      const outcome = await store.delete(namespace, info.name, options, ctx);
      sendDeleted(send, def, outcome.object, outcome.deleted, store);
      return;
    }
    case 'deletecollection': {
      const options = deleteOptions(decodeOptionalObject(await body(), req.headers['content-type']), query);
      const list = await store.list(namespace, listOptions(query));
      const deleted: KubeObject[] = [];
      for (const item of list.items) {
        try {
          deleted.push((await store.delete(item.metadata?.namespace ?? namespace, item.metadata?.name ?? '', options, ctx)).object);
        } catch (e) {
          if (!(e instanceof Error && 'code' in e && e.code === 404)) throw e;
        }
      }
      send(200, listObject(def, { items: deleted, resourceVersion: list.resourceVersion }));
      return;
    }
    default:
      throw errors.methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
}

export async function patchObject(
  store: RestStore,
  def: ResourceDef,
  namespace: string,
  name: string,
  subresource: string,
  patch: DecodedPatch,
  query: URLSearchParams,
  ctx: RequestContext,
  patches: PatchApplier,
): Promise<{ object: KubeObject; created: boolean }> {
  if (patch.type === 'apply') {
    if (!query.get('fieldManager')) throw errors.badRequest('PATCH, application/apply-patch+yaml requires fieldManager parameter');
    const force = boolParam(query, 'force') === true;
    return store.update(
      namespace,
      name,
      (current) => patches.apply(def, current, patch.patch, ctx.fieldManager, force, { name, namespace, subresource, now: ctx.now }),
      ctx,
      { subresource, createIfMissing: subresource === '' },
    );
  }
  if (boolParam(query, 'force') !== undefined) throw errors.badRequest('force: Invalid value: force flag must only be set for apply patches');
  return store.update(
    namespace,
    name,
    (current) => {
      if (!current) throw store.notFound(name);
      const next = patches.patch(def, current, patch);
      if (!isObject(next)) throw errors.badRequest('the patch produced something other than an object');
      patches.recordUpdate(def, next, current, ctx.fieldManager, subresource, ctx.now);
      return next;
    },
    ctx,
    { subresource },
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** kubectl's `get <kind> <name> -w` watches a list with metadata.name pinned by a field selector. */
function fieldSelectorFor(info: ResourceRequestInfo, query: URLSearchParams): string | undefined {
  const fs = query.get('fieldSelector') ?? undefined;
  if (info.name === '') return fs;
  const byName = `metadata.name=${info.name}`;
  return fs ? `${fs},${byName}` : byName;
}

export function listOptions(query: URLSearchParams): Parameters<RestStore['list']>[1] {
  const limit = intParam(query, 'limit');
  if (limit !== undefined && limit < 0) throw errors.badRequest('limit: Invalid value: must be a non-negative integer');
  return {
    ...optional('labelSelector', query.get('labelSelector') || undefined),
    ...optional('fieldSelector', query.get('fieldSelector') || undefined),
    ...optional('limit', limit),
    ...optional('continue', query.get('continue') || undefined),
    ...optional('resourceVersion', query.get('resourceVersion') ?? undefined),
    ...optional('resourceVersionMatch', query.get('resourceVersionMatch') || undefined),
  };
}

export function deleteOptions(body: Record<string, unknown> | undefined, query: URLSearchParams): DeleteOptions {
  const options: DeleteOptions = {};
  const grace: unknown = body?.gracePeriodSeconds ?? intParam(query, 'gracePeriodSeconds');
  if (grace !== undefined && grace !== null) {
    if (typeof grace !== 'number' || !Number.isInteger(grace)) throw errors.badRequest('gracePeriodSeconds must be an integer');
    options.gracePeriodSeconds = Math.max(0, grace);
  }
  const policy: unknown = body?.propagationPolicy ?? query.get('propagationPolicy') ?? undefined;
  if (policy !== undefined && policy !== null) {
    if (policy !== 'Orphan' && policy !== 'Background' && policy !== 'Foreground') {
      throw errors.invalid('', 'DeleteOptions', '', [{ reason: 'FieldValueNotSupported', field: 'propagationPolicy', message: `Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan", "nil"` }]);
    }
    options.propagationPolicy = policy;
  }
  const orphan = body?.orphanDependents ?? boolParam(query, 'orphanDependents');
  if (typeof orphan === 'boolean') {
    if (options.propagationPolicy) throw errors.invalid('', 'DeleteOptions', '', [{ reason: 'FieldValueInvalid', field: 'propagationPolicy', message: 'Invalid value: "": orphanDependents and deletionPropagation cannot be both set' }]);
    options.orphanDependents = orphan;
  }
  const pre = body?.preconditions;
  if (isObject(pre)) {
    options.preconditions = {
      ...(typeof pre.uid === 'string' ? { uid: pre.uid } : {}),
      ...(typeof pre.resourceVersion === 'string' ? { resourceVersion: pre.resourceVersion } : {}),
    };
  }
  return options;
}

export function listObject(def: ResourceDef, list: ListOutcome): Record<string, unknown> {
  const metadata: Record<string, unknown> = { resourceVersion: list.resourceVersion };
  if (list.continue) metadata.continue = list.continue;
  if (list.remainingItemCount !== undefined) metadata.remainingItemCount = list.remainingItemCount;
  return { kind: def.listKind, apiVersion: apiVersionOfDef(def), metadata, items: list.items };
}

/** A list in the negotiated format; long ones go out in pieces (writeJsonInPieces). */
async function sendList(res: ServerResponseLike, def: ResourceDef, list: ListOutcome, format: ResponseFormat, tables: Tables, warnings: readonly string[]): Promise<void> {
  const items = list.items;
  const slice = (from: number, to: number): KubeObject[] => items.slice(from, to);
  if (format.kind === 'table') {
    const rows = (from: number, to: number): readonly unknown[] => tables.table(def, slice(from, to), format, list).rows as unknown[];
    await writeJsonInPieces(res, 200, tables.table(def, [], format, list), 'rows', items.length, rows, 'application/json;as=Table;v=v1;g=meta.k8s.io', warnings);
    return;
  }
  const { items: _all, ...envelope } = listObject(def, list);
  if (format.kind === 'partial-metadata' && format.list) {
    const partial = (from: number, to: number): readonly unknown[] => slice(from, to).map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata }));
    const head = { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: envelope.metadata };
    await writeJsonInPieces(res, 200, head, 'items', items.length, partial, 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', warnings);
    return;
  }
  if (format.kind === 'json') {
    await writeJsonInPieces(res, 200, envelope, 'items', items.length, slice, 'application/json', warnings);
    return;
  }
  respond(res, 200, listObject(def, list), format, def, tables, warnings);
}

function sendDeleted(send: (code: number, obj: unknown) => void, def: ResourceDef, obj: KubeObject, deleted: boolean, store: RestStore): void {
  // Still there (graceful deletion or finalizers): 202 with the object, as kube answers.
  if (!deleted) {
    send(202, obj);
    return;
  }
  if (store.returnsDeletedObject) {
    send(200, obj);
    return;
  }
  send(200, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: obj.metadata?.name, group: def.group, kind: def.resource, uid: obj.metadata?.uid },
  });
}

export function respond(
  res: ServerResponseLike,
  code: number,
  obj: unknown,
  format: ResponseFormat,
  def: ResourceDef,
  tables: Tables,
  warnings: readonly string[],
): void {
  if (format.kind === 'table' && isObject(obj) && obj.kind !== 'Status' && obj.kind !== 'Table' && !str(obj.kind).endsWith('List')) {
    writeJson(res, code, tables.table(def, [obj], format), 'application/json;as=Table;v=v1;g=meta.k8s.io', warnings);
    return;
  }
  if (format.kind === 'table' && isObject(obj) && obj.kind === 'Table') {
    writeJson(res, code, obj, 'application/json;as=Table;v=v1;g=meta.k8s.io', warnings);
    return;
  }
  if (format.kind === 'partial-metadata' && isObject(obj)) {
    writeJson(res, code, partialMetadata(obj, format.list), `application/json;as=PartialObjectMetadata${format.list ? 'List' : ''};v=v1;g=meta.k8s.io`, warnings);
    return;
  }
  if (format.kind === 'yaml') {
    writeYaml(res, code, obj);
    return;
  }
  writeJson(res, code, obj, 'application/json', warnings);
}

function partialMetadata(obj: Record<string, unknown>, list: boolean): Record<string, unknown> {
  const one = (o: Record<string, unknown>): Record<string, unknown> => ({
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: o.metadata,
  });
  if (list && Array.isArray(obj.items)) {
    return { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata, items: (obj.items as Record<string, unknown>[]).map(one) };
  }
  return one(obj);
}
