import type { ObjectLike } from '../../client/index.js';
import { OWNER_UID_INDEX, type IndexFunc, type ObjectCache } from '../../runtime/index.js';

/** Index of objects without a controller, by namespace: what a controller may adopt. */
export const ORPHANS_BY_NAMESPACE = 'workloads/orphans-by-namespace';

/** The index function (one shared object: informers refuse a second function under one name). */
export const orphansByNamespace: IndexFunc<ObjectLike> = (obj) => (obj.metadata?.ownerReferences?.some((r) => r.controller === true) ? [] : [obj.metadata?.namespace ?? '']);

/** Indexers to ask a shared informer for when claiming its objects. */
export const claimIndexers = { [ORPHANS_BY_NAMESPACE]: orphansByNamespace } as const;

/**
 * What a controller has to look at when claiming: the objects referring to it and the orphans of
 * its namespace, instead of the whole namespace (thousands of pods in one namespace would make
 * every reconcile walk all of them).
 */
export function claimCandidates<T extends ObjectLike>(cache: ObjectCache<T>, owner: ObjectLike): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const obj of [...cache.byIndex(OWNER_UID_INDEX, owner.metadata?.uid ?? ''), ...cache.byIndex(ORPHANS_BY_NAMESPACE, owner.metadata?.namespace ?? '')]) {
    const uid = obj.metadata?.uid ?? `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
    if (seen.has(uid) || obj.metadata?.namespace !== owner.metadata?.namespace) continue;
    seen.add(uid);
    out.push(obj);
  }
  return out;
}
