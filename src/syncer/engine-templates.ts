/**
 * Building blocks for resource syncers: a `SyncMapper` from names.ts mappers, and the template
 * almost every toHost syncer follows for `toHost` and `toVirtual` (spec §3.0).
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { ObjectLike } from '../client/index.js';
import { shouldDeleteHostObject, type GroupVersionKind, type MappingLookup, type NameMapper } from './names.js';
import { NO_CHANGE, type SyncMapper, type SyncResult, type ToHostEvent, type ToVirtualEvent } from './types.js';

/**
 * A SyncMapper from a names.ts mapper factory. Names are looked up with the mapping store; whether
 * a host object is ours is decided *without* it (labels and annotations only), so a recorded pair
 * can never make a foreign object look like ours.
 */
export function syncMapperFrom<T extends ObjectLike>(
  create: (lookup?: MappingLookup) => NameMapper,
  lookup: MappingLookup,
): SyncMapper<T> {
  const withStore = create(lookup);
  const strict = create();
  return {
    virtualToHost: (_ctx, virtual, obj) => withStore.virtualToHost(virtual, obj?.metadata),
    hostToVirtual: (_ctx, host, obj) => withStore.hostToVirtual(host, obj?.metadata),
    isManaged: (_ctx, host) => host.metadata !== undefined && strict.isManaged(host.metadata),
  };
}

/**
 * `SyncToHost` (spec §3.0): a host object that existed and is gone was deleted from outside, so the
 * virtual object goes too; a virtual object being deleted is not copied; otherwise create `build()`.
 */
export function toHostTemplate<T extends ObjectLike>(event: ToHostEvent<T>, build: () => T): SyncResult<T> {
  if (event.virtual.metadata?.deletionTimestamp !== undefined) return NO_CHANGE;
  if (event.hostOld !== undefined) return { virtual: { op: 'delete', reason: 'the host object was deleted' } };
  return { host: { op: 'create', object: build() } };
}

/**
 * `SyncToVirtual` (spec §3.0): the virtual object was deleted (seen before, or the host object was
 * clearly written by vcluster, spec §1.10) → delete the host object; otherwise import it with
 * `importObject` when given, else delete it too.
 */
export function toVirtualTemplate<T extends ObjectLike>(
  event: ToVirtualEvent<T>,
  gvk: GroupVersionKind,
  importObject?: () => T | undefined,
): SyncResult<T> {
  const meta: ObjectMeta = event.host.metadata ?? {};
  if (event.virtualOld !== undefined || shouldDeleteHostObject(gvk, meta) || importObject === undefined) {
    if (meta.deletionTimestamp !== undefined) return NO_CHANGE;
    return { host: { op: 'delete', reason: 'the virtual object was deleted' } };
  }
  const imported = importObject();
  return imported === undefined ? NO_CHANGE : { virtual: { op: 'create', object: imported } };
}
