import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Clock } from '../../client/index.js';
import type { EventHandler } from '../../runtime/index.js';
import { isTerminating, podKey } from './pods.js';

/** kube's ExpectationsTimeout: a controller that never observed its own writes syncs again after it. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expectation {
  adds: number;
  /** Keys (namespace/name) of objects whose deletion has not been observed yet. */
  readonly deletes: Set<string>;
  readonly at: number;
}

/**
 * kube's UIDTrackingControllerExpectations. Before a controller creates or deletes objects it
 * records what it expects its informer to show; until the informer has shown all of it (or the
 * record is five minutes old) the controller must not act on its cache again, since the cache
 * does not yet reflect its own writes and acting on it would create or delete twice.
 */
export class Expectations {
  private readonly records = new Map<string, Expectation>();

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs = EXPECTATIONS_TIMEOUT_MS,
  ) {}

  /** Whether the cache reflects every write the controller of `key` made (or expectations expired). */
  satisfied(key: string): boolean {
    const e = this.records.get(key);
    if (!e) return true;
    if (e.adds <= 0 && e.deletes.size === 0) return true;
    return this.clock.now() - e.at > this.timeoutMs;
  }

  /** Replaces the record with `adds` creations and the deletions of `objectKeys` to observe. */
  expect(key: string, adds: number, objectKeys: readonly string[]): void {
    this.records.set(key, { adds, deletes: new Set(objectKeys), at: this.clock.now() });
  }

  /** Replaces the record with `adds` creations to observe. */
  expectCreations(key: string, adds: number): void {
    this.records.set(key, { adds, deletes: new Set(), at: this.clock.now() });
  }

  /** Replaces the record with the deletions of `objectKeys` to observe. */
  expectDeletions(key: string, objectKeys: readonly string[]): void {
    this.records.set(key, { adds: 0, deletes: new Set(objectKeys), at: this.clock.now() });
  }

  /** An object created by the controller of `key` was seen (or its creation failed). */
  creationObserved(key: string): void {
    const e = this.records.get(key);
    if (e) e.adds--;
  }

  /** `objectKey` was seen deleted or being deleted (or its deletion failed). Idempotent. */
  deletionObserved(key: string, objectKey: string): void {
    this.records.get(key)?.deletes.delete(objectKey);
  }

  /** Forgets the controller of `key` (deleted). */
  delete(key: string): void {
    this.records.delete(key);
  }

  /** Pending creations and deletions, for logs and tests. */
  pending(key: string): { adds: number; deletes: number } | undefined {
    const e = this.records.get(key);
    return e ? { adds: e.adds, deletes: e.deletes.size } : undefined;
  }
}

/**
 * UIDs per controller key that the controller changed but whose change its cache may not show yet
 * (kube's finalizer-removal expectations of the Job controller).
 */
export class UidExpectations {
  private readonly records = new Map<string, Set<string>>();

  expect(key: string, uids: Iterable<string>): void {
    let set = this.records.get(key);
    if (!set) {
      set = new Set();
      this.records.set(key, set);
    }
    for (const uid of uids) set.add(uid);
  }

  observed(key: string, uid: string): void {
    const set = this.records.get(key);
    if (!set) return;
    set.delete(uid);
    if (set.size === 0) this.records.delete(key);
  }

  has(key: string, uid: string): boolean {
    return this.records.get(key)?.has(uid) ?? false;
  }

  get(key: string): ReadonlySet<string> {
    return this.records.get(key) ?? new Set();
  }

  delete(key: string): void {
    this.records.delete(key);
  }
}

/**
 * The pod side of a controller's expectations (ReplicaSet, DaemonSet): a pod of an owner seen
 * created or going away is counted against what the owner's last sync expected.
 */
export function podExpectationsHandler(expectations: Expectations, ownerKey: (pod: Pod) => string | undefined): EventHandler<Pod> {
  return {
    onAdd: (pod) => {
      const key = ownerKey(pod);
      if (!key) return;
      if (isTerminating(pod)) expectations.deletionObserved(key, podKey(pod));
      else expectations.creationObserved(key);
    },
    onUpdate: (old, pod) => {
      if (!isTerminating(pod) || isTerminating(old)) return;
      const key = ownerKey(pod) ?? ownerKey(old);
      if (key) expectations.deletionObserved(key, podKey(pod));
    },
    onDelete: (pod) => {
      const key = ownerKey(pod);
      if (key) expectations.deletionObserved(key, podKey(pod));
    },
  };
}
