/**
 * Performs the writes handlers ask for (spec §4.5): nothing when the desired object equals the
 * current one, else an Update with the current resourceVersion (everything but `status` first,
 * then `status` alone when the resource has that subresource). Every answer of the server is
 * remembered in the side's state, so the next reconcile starts from what was written.
 */
import { isAlreadyExists, isInvalid } from '../api/status.js';
import { keyOf, type KubeClient, type ObjectLike, type ResourceRef } from '../client/index.js';
import type { SideState } from './engine-state.js';
import { jsonEqual } from './metadata.translate.js';
import type { SyncSide, WriteIntent } from './types.js';

export interface SideWriter<T extends ObjectLike> {
  readonly side: SyncSide;
  readonly client: KubeClient;
  readonly resource: ResourceRef<T>;
  readonly hasStatus: boolean;
  readonly state: SideState<T>;
  readonly signal: AbortSignal;
}

/** What happened, for logs and the caller's next step. */
export type WriteOutcome<T> =
  | { readonly kind: 'unchanged'; readonly object: T | undefined }
  | { readonly kind: 'written'; readonly object: T | undefined }
  /** `create` found an object with the name already there (not in our cache). */
  | { readonly kind: 'exists' };

function withoutStatus<T extends ObjectLike>(obj: T): T {
  const { status: _status, ...rest } = obj as T & { status?: unknown };
  return rest as T;
}

function statusOf(obj: ObjectLike): unknown {
  return (obj as { status?: unknown }).status;
}

function nameOf(obj: ObjectLike): { name: string; namespace: string } {
  return { name: obj.metadata?.name ?? '', namespace: obj.metadata?.namespace ?? '' };
}

function stateKey(obj: ObjectLike): string {
  const { name, namespace } = nameOf(obj);
  return keyOf(namespace, name);
}

async function create<T extends ObjectLike>(w: SideWriter<T>, object: T): Promise<WriteOutcome<T>> {
  const body = { ...object, metadata: { ...object.metadata, resourceVersion: undefined, uid: undefined } } as T;
  let created: T;
  try {
    created = await w.client.create(w.resource, body, { signal: w.signal });
  } catch (e) {
    if (isAlreadyExists(e)) return { kind: 'exists' };
    throw e;
  }
  const key = stateKey(created);
  w.state.wrote(key, created);
  const status = statusOf(object);
  if (w.hasStatus && status !== undefined && !jsonEqual(status, statusOf(created))) {
    created = await w.client.updateStatus(w.resource, { ...created, status }, { signal: w.signal });
    w.state.wrote(key, created);
  }
  return { kind: 'written', object: created };
}

async function update<T extends ObjectLike>(w: SideWriter<T>, current: T, desired: T): Promise<WriteOutcome<T>> {
  const key = stateKey(current);
  const resourceVersion = current.metadata?.resourceVersion;
  let latest = current;
  let written = false;
  const mainDiffers = w.hasStatus ? !jsonEqual(withoutStatus(current), withoutStatus(desired)) : !jsonEqual(current, desired);
  if (mainDiffers) {
    const body = { ...desired, metadata: { ...desired.metadata, resourceVersion } } as T;
    latest = await w.client.update(w.resource, w.hasStatus ? ({ ...body, status: statusOf(current) }) : body, { signal: w.signal });
    w.state.wrote(key, latest);
    written = true;
  }
  if (w.hasStatus && !jsonEqual(statusOf(latest), statusOf(desired))) {
    const body = { ...latest, status: statusOf(desired) } as T;
    latest = await w.client.updateStatus(w.resource, body, { signal: w.signal });
    w.state.wrote(key, latest);
    written = true;
  }
  return { kind: written ? 'written' : 'unchanged', object: latest };
}

async function remove<T extends ObjectLike>(w: SideWriter<T>, current: T, gracePeriodSeconds: number | undefined): Promise<WriteOutcome<T>> {
  const { name, namespace } = nameOf(current);
  const uid = current.metadata?.uid ?? '';
  const remaining = await w.client.delete(w.resource, name, {
    namespace: namespace === '' ? undefined : namespace,
    signal: w.signal,
    ...(uid === '' ? {} : { preconditions: { uid } }),
    ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }),
  });
  w.state.deletedObject(keyOf(namespace, name), uid, remaining);
  return { kind: 'written', object: remaining };
}

/**
 * Applies one intent to the object `current` (what the reconcile read). Conflicts and other
 * server errors are thrown: the engine turns conflicts into a short requeue.
 */
export async function applyIntent<T extends ObjectLike>(w: SideWriter<T>, current: T | undefined, intent: WriteIntent<T>): Promise<WriteOutcome<T>> {
  switch (intent.op) {
    case 'create':
      return create(w, intent.object).catch((e: unknown) => {
        if (intent.fallback === undefined || !isInvalid(e)) throw e;
        return create(w, intent.fallback);
      });
    case 'update':
      if (current === undefined) return create(w, intent.object);
      return update(w, current, intent.object);
    case 'delete':
      if (current === undefined) return { kind: 'unchanged', object: undefined };
      return remove(w, current, intent.gracePeriodSeconds);
    case 'recreate': {
      if (current !== undefined) await remove(w, current, 0);
      const outcome = await create(w, intent.object).catch(async (e: unknown) => {
        if (intent.fallback === undefined) throw e;
        await create(w, intent.fallback);
        throw e;
      });
      if (outcome.kind === 'exists' && intent.fallback !== undefined) return create(w, intent.fallback);
      return outcome;
    }
  }
}
