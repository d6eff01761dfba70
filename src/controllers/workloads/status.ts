import { jsonEqual } from '../../lib/json.js';
import { isConflict } from '../../api/status.js';
import type { KubeClient, ObjectLike, ResourceRef } from '../../client/index.js';

/** Drops `undefined` members and the named numeric fields that are 0, as Go's `omitempty` would. */
export function compactStatus<S extends object>(status: S, omitZero: readonly (keyof S)[] = []): S {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(status)) {
    if (v === undefined) continue;
    if (v === 0 && omitZero.includes(k as keyof S)) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as S;
}

/** Status equality that ignores absent versus undefined members. */
export function sameStatus(a: unknown, b: unknown): boolean {
  return jsonEqual(a ?? {}, b ?? {});
}

/**
 * Writes `status` through the status subresource unless it is what `obj` already has. With
 * `retryOnConflict` (the default: kube's ReplicaSet, StatefulSet and DaemonSet status updaters)
 * a conflict makes it read the object again and retry once; without it (Deployments, Jobs,
 * CronJobs, whose status is computed from the cached object and must not land on a newer one)
 * the conflict is thrown and the key retried once the cache caught up. Returns the written
 * object, `obj` when nothing changed, or undefined when the object is gone or was replaced.
 */
export async function writeStatus<T extends ObjectLike & { readonly status?: S }, S>(
  client: KubeClient,
  ref: ResourceRef<T>,
  obj: T,
  status: S,
  signal?: AbortSignal,
  options: { readonly retryOnConflict?: boolean } = {},
): Promise<T | undefined> {
  if (sameStatus(obj.status, status)) return obj;
  const namespace = obj.metadata?.namespace;
  try {
    return await client.updateStatus(ref, { ...obj, status }, { namespace, signal });
  } catch (e) {
    if (!isConflict(e) || options.retryOnConflict === false) throw e;
    const fresh = await client.get(ref, obj.metadata?.name ?? '', { namespace, signal });
    if (!fresh || fresh.metadata?.uid !== obj.metadata?.uid) return undefined;
    return client.updateStatus(ref, { ...fresh, status }, { namespace, signal });
  }
}
