import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { isConflict } from '../../api/status.js';
import type { KubeClient, ObjectLike, ResourceRef } from '../../client/index.js';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

export function hasFinalizer(obj: ObjectLike, finalizer: string): boolean {
  return (obj.metadata?.finalizers ?? []).includes(finalizer);
}

export function isBeingDeleted(obj: ObjectLike): boolean {
  const ts = obj.metadata?.deletionTimestamp;
  return ts !== undefined && ts !== '';
}

/** Metadata fields a controller may set through `patchMetadata`. */
export type MetadataChange = Pick<ObjectMeta, 'finalizers' | 'ownerReferences' | 'labels' | 'annotations'>;

const MAX_ATTEMPTS = 5;

/**
 * Merge-patches some metadata fields computed from an object's state, guarded by its
 * resourceVersion so that a stale view never overwrites a newer one. `change` returns the new
 * values, or undefined when nothing needs to change. On a conflict the object is read again and
 * `change` asked again. Returns the patched object, or undefined when the object is gone (or was
 * replaced by one with another UID) or nothing had to change.
 */
export async function patchMetadata<T extends ObjectLike>(
  client: KubeClient,
  ref: ResourceRef<T>,
  current: T,
  change: (obj: T) => MetadataChange | undefined,
  signal?: AbortSignal,
): Promise<T | undefined> {
  const uid = current.metadata?.uid;
  const name = current.metadata?.name ?? '';
  const namespace = ref.namespaced ? current.metadata?.namespace : undefined;
  let obj: T | undefined = current;
  for (let attempt = 1; ; attempt++) {
    if (!obj || (uid !== undefined && obj.metadata?.uid !== uid)) return undefined;
    const fields = change(obj);
    if (!fields) return undefined;
    try {
      return await client.patch(ref, name, { metadata: { ...fields, resourceVersion: obj.metadata?.resourceVersion } }, { type: 'merge', namespace, signal });
    } catch (e) {
      if (!isConflict(e) || attempt >= MAX_ATTEMPTS) throw e;
      obj = await client.get(ref, name, { namespace, signal });
    }
  }
}

/** Removes one finalizer (if present), guarded as `patchMetadata`. */
export function removeFinalizer<T extends ObjectLike>(client: KubeClient, ref: ResourceRef<T>, obj: T, finalizer: string, signal?: AbortSignal): Promise<T | undefined> {
  return patchMetadata(
    client,
    ref,
    obj,
    (o) => {
      const finalizers = o.metadata?.finalizers ?? [];
      return finalizers.includes(finalizer) ? { finalizers: finalizers.filter((f) => f !== finalizer) } : undefined;
    },
    signal,
  );
}
