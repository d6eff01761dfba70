import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { cloneJson, jsonEqual } from '../../lib/json.js';
import { apiVersionOf, isObject, type KubeObject } from '../../api/object.js';
import { errors, StatusError, type StatusCause } from '../../api/status.js';
import { isStorageError, type ListResult, type Store, type StoredValue } from '../../storage/index.js';
import type { ResourceDef } from '../registry/types.js';
import { timestamp, type RequestContext } from './context.js';
import { listPrefix, objectKey } from './keys.js';
import type { DeleteOptions, Semantics, Strategy } from './strategy.js';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ListOutcome {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface DeleteOutcome {
  /** The object as it is now (deletion pending) or was (deleted). */
  object: KubeObject;
  /** False while graceful deletion or finalizers keep the object around. */
  deleted: boolean;
}

const MAX_CONFLICT_RETRIES = 16;
/** Objects read per storage call of a list without a limit. */
const LIST_CHUNK = 500;
const GENERATE_NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export function hasStatus(def: ResourceDef): boolean {
  return def.subresources.some((s) => s.name === 'status') || def.crd?.statusSubresource === true;
}

function meta(obj: KubeObject): NonNullable<KubeObject['metadata']> {
  if (!isObject(obj.metadata)) obj.metadata = {};
  return obj.metadata;
}

/** Everything outside metadata and status: a change here bumps metadata.generation. */
function specOf(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

function nameOf(obj: KubeObject): string {
  return obj.metadata?.name ?? '';
}

/**
 * kube-apiserver's generic registry store: turns REST operations into storage operations with
 * Kubernetes semantics (server-set metadata, optimistic concurrency, generation, status
 * subresource, graceful deletion, finalizers, selectors, paging).
 */
export class RestStore {
  constructor(
    readonly def: ResourceDef,
    private readonly storage: Store,
    private readonly strategy: Strategy,
    private readonly semantics: Semantics,
  ) {}

  get qualified(): string {
    return this.def.group === '' ? this.def.resource : `${this.def.resource}.${this.def.group}`;
  }

  notFound(name: string): StatusError {
    return errors.notFound(this.def.group, this.def.resource, name);
  }

  async get(namespace: string, name: string): Promise<KubeObject> {
    const found = await this.storage.get(objectKey(this.def, namespace, name));
    if (!found) throw this.notFound(name);
    return this.fromStorage(found.value);
  }

  async tryGet(namespace: string, name: string): Promise<StoredValue | undefined> {
    return this.storage.get(objectKey(this.def, namespace, name));
  }

  async list(namespace: string, options: ListOptions): Promise<ListOutcome> {
    const labels = options.labelSelector ? this.semantics.labelSelector(options.labelSelector) : undefined;
    const fields = options.fieldSelector ? this.semantics.fieldSelector(this.def, options.fieldSelector) : undefined;
    const matches = (o: KubeObject): boolean => (!labels || labels(o.metadata?.labels)) && (!fields || fields(o));
    const limit = options.limit ?? 0;
    const prefix = listPrefix(this.def, namespace);
    const revision = this.listRevision(options);
    const items: KubeObject[] = [];
    let token = options.continue;
    let page: ListResult;
    // With selectors, keep reading pages until the limit is filled, as kube-apiserver does. A list
    // without a limit is read in chunks at one revision, letting other requests run in between.
    for (let chunk = 0; ; chunk++) {
      if (chunk > 0) await yieldToEventLoop();
      page = await this.storage.list(prefix, {
        limit: limit > 0 ? limit - items.length : LIST_CHUNK,
        ...(token ? { continue: token } : revision !== undefined ? { revision } : {}),
        ...(limit > 0 ? {} : { countRemaining: false }),
      });
      for (const item of page.items) {
        const obj = this.fromStorage(item.value);
        if (matches(obj)) items.push(obj);
      }
      token = page.continue;
      if (!token || (limit > 0 && items.length >= limit)) break;
    }
    const outcome: ListOutcome = { items, resourceVersion: String(page.revision) };
    if (token) {
      outcome.continue = token;
      if (!labels && !fields && page.remaining !== undefined) outcome.remainingItemCount = page.remaining;
    }
    return outcome;
  }

  /** A list at an exact past revision when asked for one; else the latest. */
  private listRevision(options: ListOptions): number | undefined {
    const rv = options.resourceVersion;
    if (options.continue) {
      if (rv && rv !== '0') throw errors.badRequest('specifying resource version is not allowed when using continue');
      return undefined;
    }
    if (rv === undefined || rv === '' || rv === '0') {
      if (options.resourceVersionMatch === 'Exact') throw errors.badRequest('resourceVersionMatch "Exact" is forbidden for resourceVersion "0"');
      return undefined;
    }
    const n = Number(rv);
    if (!Number.isSafeInteger(n) || n <= 0) throw errors.badRequest(`invalid resource version: ${rv}`);
    return options.resourceVersionMatch === 'Exact' ? n : undefined;
  }

  async create(namespace: string, obj: KubeObject, ctx: RequestContext): Promise<KubeObject> {
    this.checkTypeMeta(obj);
    // First, as kube's decoding does; and pruning may replace metadata, which `m` must not predate.
    this.checkFields(obj, ctx);
    const m = meta(obj);
    this.checkNamespace(obj, namespace);
    if (!m.name) {
      if (!m.generateName) {
        throw errors.invalid(this.def.group, this.def.kind, '', [
          { reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' },
        ]);
      }
      m.name = m.generateName + Array.from({ length: 5 }, () => GENERATE_NAME_CHARS[Math.floor(Math.random() * GENERATE_NAME_CHARS.length)]).join('');
    }
    m.uid = randomUUID();
    m.creationTimestamp = timestamp(ctx.now);
    delete m.resourceVersion;
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    delete m.selfLink;
    if (this.def.generation) m.generation = 1;
    else delete m.generation;
    if (this.def.crd && hasStatus(this.def)) delete obj.status;
    this.semantics.applyDefaults(this.def, obj);
    this.semantics.prepareForCreate(this.def, obj, ctx.now);
    this.strategy.prepareForCreate?.(obj, ctx);
    if (!ctx.trusted) this.validate(obj, this.semantics.validateCreate(this.def, obj), this.strategy.validate?.(obj, undefined));
    await this.strategy.admitCreate?.(obj, ctx);
    if (ctx.dryRun) return obj;
    try {
      const stored = await this.storage.create(objectKey(this.def, namespace, m.name), this.toStorage(obj));
      return this.fromStorage(stored.value);
    } catch (e) {
      await this.strategy.afterDelete?.(obj);
      if (isStorageError(e, 'KeyExists')) throw errors.alreadyExists(this.def.group, this.def.resource, m.name);
      throw e;
    }
  }

  /**
   * Read-modify-write with optimistic concurrency. `mutate` gets the current object (a fresh copy,
   * or undefined when missing) and returns the desired one; conflicts with concurrent writers are
   * retried unless the desired object pins a resourceVersion.
   */
  async update(
    namespace: string,
    name: string,
    mutate: (current: KubeObject | undefined) => Promise<KubeObject> | KubeObject,
    ctx: RequestContext,
    options: { subresource?: string; createIfMissing?: boolean } = {},
  ): Promise<{ object: KubeObject; created: boolean }> {
    const key = objectKey(this.def, namespace, name);
    for (let attempt = 0; ; attempt++) {
      const current = await this.storage.get(key);
      if (!current && !(options.createIfMissing ?? this.strategy.allowCreateOnUpdate)) throw this.notFound(name);
      const old = current ? this.fromStorage(current.value) : undefined;
      const desired = await mutate(old ? cloneJson(old) : undefined);
      this.checkTypeMeta(desired);
      const m = meta(desired);
      if (m.name !== undefined && m.name !== '' && m.name !== name) {
        throw errors.badRequest(`the name of the object (${m.name}) does not match the name on the URL (${name})`);
      }
      m.name = name;
      this.checkNamespace(desired, namespace);
      if (!old || !current) {
        const created = await this.create(namespace, desired, ctx);
        return { object: created, created: true };
      }
      const pinned = m.resourceVersion;
      if (pinned !== undefined && pinned !== '' && pinned !== String(current.revision)) {
        throw errors.conflict(this.def.group, this.def.resource, name, 'the object has been modified; please apply your changes to the latest version and try again');
      }
      // A UID in the body is a precondition (kube's UpdatedObjectInfo): it guards against writing
      // to an object that was deleted and re-created under the same name.
      const bodyUid = m.uid;
      if (bodyUid !== undefined && bodyUid !== '' && bodyUid !== old.metadata?.uid) {
        throw errors.conflict(this.def.group, this.def.resource, name, `Precondition failed: UID in precondition: ${bodyUid}, UID in object meta: ${old.metadata?.uid ?? ''}`);
      }
      const next = this.prepareUpdate(desired, old, ctx, options.subresource);
      if (jsonEqual(withoutVolatile(next), withoutVolatile(old))) return { object: old, created: false };
      await this.strategy.admitUpdate?.(next, old, ctx);
      if (ctx.dryRun) return { object: next, created: false };
      const finalized =
        next.metadata?.deletionTimestamp !== undefined &&
        (next.metadata.finalizers ?? []).length === 0 &&
        // kube deletes during an update only once the grace period is zero (shouldDeleteDuringUpdate).
        (next.metadata.deletionGracePeriodSeconds ?? 0) === 0 &&
        !(this.strategy.holdDeletion?.(next) ?? false);
      try {
        if (finalized) {
          // The last finalizer is gone from an object being deleted: it is deleted now.
          const gone = await this.storage.delete(key, current.revision);
          await this.strategy.afterDelete?.(next);
          return { object: { ...next, metadata: { ...next.metadata, resourceVersion: String(gone.revision) } }, created: false };
        }
        const stored = await this.storage.update(key, this.toStorage(next), current.revision);
        return { object: this.fromStorage(stored.value), created: false };
      } catch (e) {
        if ((isStorageError(e, 'Conflict') || isStorageError(e, 'NotFound')) && !pinned && attempt < MAX_CONFLICT_RETRIES) continue;
        if (isStorageError(e, 'Conflict')) {
          throw errors.conflict(this.def.group, this.def.resource, name, 'the object has been modified; please apply your changes to the latest version and try again');
        }
        if (isStorageError(e, 'NotFound')) throw this.notFound(name);
        throw e;
      }
    }
  }

  private prepareUpdate(desired: KubeObject, old: KubeObject, ctx: RequestContext, subresource: string | undefined): KubeObject {
    const om = meta(old);
    let next: KubeObject;
    if (subresource === 'status') {
      // Status updates change status only (kube's ResetObjectMetaForStatus), plus what the kind allows.
      const { status: _replaced, ...unchanged } = old;
      next = { ...cloneJson(unchanged), status: desired.status };
      meta(next).managedFields = desired.metadata?.managedFields ?? om.managedFields;
      this.strategy.prepareForStatusUpdate?.(next, old, ctx);
      if (next.status === undefined) delete next.status;
    } else if (subresource !== undefined && subresource !== '') {
      if (!this.strategy.prepareForSubresource) throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
      next = this.strategy.prepareForSubresource(subresource, desired, cloneJson(old));
    } else {
      this.checkFields(desired, ctx);
      next = desired;
      if (hasStatus(this.def)) {
        if (old.status === undefined) delete next.status;
        else next.status = cloneJson(old.status);
      }
      this.semantics.applyDefaults(this.def, next);
      this.strategy.prepareForUpdate?.(next, old, ctx);
    }
    const nm = meta(next);
    nm.uid = om.uid;
    nm.creationTimestamp = om.creationTimestamp;
    nm.resourceVersion = om.resourceVersion;
    if (om.deletionTimestamp !== undefined) nm.deletionTimestamp = om.deletionTimestamp;
    else delete nm.deletionTimestamp;
    if (om.deletionGracePeriodSeconds !== undefined) nm.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
    else delete nm.deletionGracePeriodSeconds;
    if (this.def.generation) {
      nm.generation = (om.generation ?? 1) + (jsonEqual(specOf(next), specOf(old)) ? 0 : 1);
    } else if (om.generation !== undefined) nm.generation = om.generation;
    else delete nm.generation;
    if (om.deletionTimestamp !== undefined) {
      // While deleting, finalizers may only be removed (kube forbids adding new ones).
      const added = (nm.finalizers ?? []).filter((f) => !(om.finalizers ?? []).includes(f));
      if (added.length > 0) {
        throw errors.invalid(this.def.group, this.def.kind, nameOf(next), [
          { reason: 'FieldValueForbidden', field: 'metadata.finalizers', message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}` },
        ]);
      }
    }
    const ownValidation = subresource !== undefined && subresource !== '' && this.strategy.validatesSubresource?.(subresource) === true;
    this.validate(next, ownValidation ? [] : this.semantics.validateUpdate(this.def, next, old), this.strategy.validate?.(next, old));
    return next;
  }

  async delete(namespace: string, name: string, options: DeleteOptions, ctx: RequestContext): Promise<DeleteOutcome> {
    const key = objectKey(this.def, namespace, name);
    for (let attempt = 0; ; attempt++) {
      const current = await this.storage.get(key);
      if (!current) throw this.notFound(name);
      const obj = this.fromStorage(current.value);
      const m = meta(obj);
      const pre = options.preconditions;
      if (pre?.uid && pre.uid !== m.uid) {
        throw errors.conflict(this.def.group, this.def.resource, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${m.uid ?? ''}`);
      }
      if (pre?.resourceVersion && pre.resourceVersion !== m.resourceVersion) {
        throw errors.conflict(this.def.group, this.def.resource, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in meta: ${m.resourceVersion ?? ''}`);
      }
      const pending = this.pendingDeletion(obj, options, ctx);
      try {
        if (pending) {
          if (jsonEqual(pending, obj)) return { object: obj, deleted: false };
          if (ctx.dryRun) return { object: pending, deleted: false };
          const stored = await this.storage.update(key, this.toStorage(pending), current.revision);
          return { object: this.fromStorage(stored.value), deleted: false };
        }
        if (ctx.dryRun) return { object: obj, deleted: true };
        const gone = await this.storage.delete(key, current.revision);
        await this.strategy.afterDelete?.(obj);
        return { object: this.fromStorage(gone.value), deleted: true };
      } catch (e) {
        if ((isStorageError(e, 'Conflict') || isStorageError(e, 'NotFound')) && attempt < MAX_CONFLICT_RETRIES) continue;
        throw e;
      }
    }
  }

  /**
   * The object to store while deletion waits (graceful period, finalizers), or undefined when it
   * can be deleted at once.
   */
  private pendingDeletion(obj: KubeObject, options: DeleteOptions, ctx: RequestContext): KubeObject | undefined {
    const next = cloneJson(obj);
    const m = meta(next);
    const finalizers = [...(m.finalizers ?? [])];
    const policy = options.propagationPolicy ?? (options.orphanDependents === true ? 'Orphan' : options.orphanDependents === false ? 'Background' : this.strategy.defaultPropagation);
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (policy === 'Background') {
      const i = finalizers.indexOf('orphan');
      if (i >= 0 && m.deletionTimestamp === undefined) finalizers.splice(i, 1);
    }
    if (finalizers.length > 0) m.finalizers = finalizers;
    const grace = this.strategy.gracePeriod?.(obj, options) ?? 0;
    if (grace > 0) {
      this.strategy.onDeletionPending?.(next);
      const deadline = new Date(ctx.now.getTime() + grace * 1000);
      // A second delete may shorten the grace period, never lengthen it.
      if (m.deletionTimestamp === undefined || Date.parse(m.deletionTimestamp) > deadline.getTime()) {
        m.deletionTimestamp = timestamp(deadline);
        m.deletionGracePeriodSeconds = grace;
      }
      return next;
    }
    const held = this.strategy.holdDeletion?.(next) ?? false;
    if (finalizers.length === 0 && !held) return undefined;
    if (m.deletionTimestamp === undefined) {
      m.deletionTimestamp = timestamp(ctx.now);
      m.deletionGracePeriodSeconds = 0;
    }
    this.strategy.onDeletionPending?.(next);
    return next;
  }

  get returnsDeletedObject(): boolean {
    return this.strategy.returnDeletedObject ?? false;
  }

  private validate(obj: KubeObject, ...lists: (StatusCause[] | undefined)[]): void {
    const causes = lists.flatMap((l) => l ?? []);
    if (causes.length > 0) throw errors.invalid(this.def.group, this.def.kind, nameOf(obj), causes);
  }

  /** Unknown fields: rejected (Strict), warned about (Warn) or dropped silently (Ignore). */
  private checkFields(obj: KubeObject, ctx: RequestContext): void {
    if (this.def.crd) {
      if (ctx.fieldValidation !== 'Ignore') {
        const unknown = this.semantics.unknownFields(this.def, obj);
        if (unknown.length > 0 && ctx.fieldValidation === 'Strict') {
          throw errors.badRequest(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
        }
        for (const f of unknown) ctx.warnings.push(`unknown field "${f}"`);
      }
      this.semantics.prune(this.def, obj);
      return;
    }
    if (ctx.fieldValidation === 'Ignore') return;
    const unknown = this.semantics.unknownFields(this.def, obj);
    if (unknown.length === 0) return;
    if (ctx.fieldValidation === 'Strict') {
      throw errors.badRequest(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
    }
    for (const f of unknown) ctx.warnings.push(`unknown field "${f}"`);
  }

  private checkTypeMeta(obj: KubeObject): void {
    const expected = apiVersionOf(this.def.group, this.def.version);
    if (obj.apiVersion !== undefined && obj.apiVersion !== expected) {
      throw errors.badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`);
    }
    if (obj.kind !== undefined && obj.kind !== this.def.kind) {
      throw errors.badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${this.def.kind})`);
    }
  }

  private checkNamespace(obj: KubeObject, namespace: string): void {
    const m = meta(obj);
    if (!this.def.namespaced) {
      delete m.namespace;
      return;
    }
    if (m.namespace !== undefined && m.namespace !== '' && m.namespace !== namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    m.namespace = namespace;
  }

  private toStorage(obj: KubeObject): Record<string, unknown> {
    const stored: KubeObject = { ...obj, apiVersion: this.storageApiVersion(), kind: this.def.kind };
    if (stored.metadata) {
      const { resourceVersion: _rv, selfLink: _sl, ...m } = stored.metadata;
      // Go's omitempty: kube never serves an empty labels map or ownerReferences list (an orphaned
      // object has no ownerReferences field at all), so neither do we.
      const isEmpty = (v: object | undefined): boolean => v !== undefined && Object.keys(v).length === 0;
      if (isEmpty(m.labels)) delete m.labels;
      if (isEmpty(m.annotations)) delete m.annotations;
      if (isEmpty(m.ownerReferences)) delete m.ownerReferences;
      if (isEmpty(m.finalizers)) delete m.finalizers;
      if (isEmpty(m.managedFields)) delete m.managedFields;
      stored.metadata = m;
    }
    return stored;
  }

  /** Objects come back in the served version (conversion None: versions differ in apiVersion only). */
  fromStorage(value: Record<string, unknown>): KubeObject {
    const obj = value as KubeObject;
    obj.apiVersion = apiVersionOf(this.def.group, this.def.version);
    obj.kind = this.def.kind;
    return obj;
  }

  private storageApiVersion(): string {
    return apiVersionOf(this.def.group, this.def.crd?.storageVersion ?? this.def.version);
  }
}

/** Fields that change on every write and must not count as a change. */
function withoutVolatile(obj: KubeObject): KubeObject {
  const { metadata, ...rest } = obj;
  if (!metadata) return rest;
  const { resourceVersion: _rv, managedFields, ...m } = metadata;
  return { ...rest, metadata: { ...m, managedFields: managedFields?.map(({ time: _t, ...f }) => f) } };
}

export function asStatusError(e: unknown): StatusError | undefined {
  return e instanceof StatusError ? e : undefined;
}
