/**
 * What the engine remembers per side and key (spec §4.4): the last state it saw or wrote (the
 * "old" object handed to `sync`), and its own writes until the watch cache has caught up with them,
 * so that a reconcile right after a write neither writes the same thing again nor mistakes a
 * lagging cache for a deletion.
 */
import type { ObjectLike } from '../client/index.js';

/** Resource versions are compared as integers (spec §4.4); anything else counts as 0. */
export function resourceVersionNumber(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) return 0;
  return Number(value);
}

function rvOf(obj: ObjectLike | undefined): number {
  return resourceVersionNumber(obj?.metadata?.resourceVersion);
}

function uidOf(obj: ObjectLike | undefined): string {
  return obj?.metadata?.uid ?? '';
}

/** What the state needs of a watch cache. */
export interface CacheView<T> {
  getByKey(key: string): T | undefined;
  readonly lastSyncResourceVersion: string | undefined;
}

export class SideState<T extends ObjectLike> {
  private readonly old = new Map<string, T>();
  private readonly written = new Map<string, T>();
  /** Objects we deleted (uid), until the cache drops them. */
  private readonly deleted = new Map<string, string>();

  constructor(private readonly cache: CacheView<T>) {}

  /**
   * The object as of our last write or the cache, whichever is newer: a write the cache has not
   * delivered yet wins; an object we deleted that the cache still holds is gone.
   */
  current(key: string): T | undefined {
    let cached = this.cache.getByKey(key);
    const deletedUid = this.deleted.get(key);
    if (deletedUid !== undefined) {
      if (cached !== undefined && uidOf(cached) === deletedUid) cached = undefined;
      else this.deleted.delete(key);
    }
    const mine = this.written.get(key);
    if (mine === undefined) return cached;
    if (cached === undefined) {
      // Not in the cache: either not delivered yet, or deleted since (then the cache has seen a newer revision).
      if (rvOf(mine) > resourceVersionNumber(this.cache.lastSyncResourceVersion)) return mine;
      this.written.delete(key);
      return undefined;
    }
    if (rvOf(mine) > rvOf(cached)) return mine;
    this.written.delete(key);
    return cached;
  }

  /** The last state seen or written; `undefined` when unknown (first sight since start). */
  getOld(key: string): T | undefined {
    return this.old.get(key);
  }

  /** Remembers `obj` as the last state seen (after a successful reconcile). */
  remember(key: string, obj: T | undefined): void {
    if (obj === undefined || obj.metadata?.deletionTimestamp !== undefined) {
      // Spec §4.4: objects being deleted are not cached as old states.
      if (obj === undefined) this.old.delete(key);
      return;
    }
    const previous = this.old.get(key);
    if (previous !== undefined && uidOf(previous) === uidOf(obj) && rvOf(previous) > rvOf(obj)) return;
    this.old.set(key, obj);
  }

  /** We wrote `obj` (the server's answer). */
  wrote(key: string, obj: T): void {
    this.written.set(key, obj);
    this.deleted.delete(key);
    this.old.set(key, obj);
  }

  /** We deleted the object; `remaining` is the server's answer when it still exists (graceful deletion, finalizers). */
  deletedObject(key: string, uid: string, remaining: T | undefined): void {
    this.old.delete(key);
    if (remaining !== undefined) {
      this.written.set(key, remaining);
      return;
    }
    this.written.delete(key);
    if (uid !== '') this.deleted.set(key, uid);
  }

  /** Both sides are gone: forget everything about the key. */
  forget(key: string): void {
    this.old.delete(key);
    this.written.delete(key);
    this.deleted.delete(key);
  }

  /** How many keys have remembered state (for tests and metrics). */
  get size(): number {
    return new Set([...this.old.keys(), ...this.written.keys(), ...this.deleted.keys()]).size;
  }
}
