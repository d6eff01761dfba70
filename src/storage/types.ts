/**
 * The versioned object store the API server persists to: what kube-apiserver needs from etcd.
 *
 * Every write gets the next value of one global, monotonic revision (it becomes
 * `metadata.resourceVersion`). History is kept until it is compacted, so lists can be read at a past
 * revision and watches can start from one.
 */

export type JsonObject = Record<string, unknown>;

/** One key as stored. `value` is a fresh object owned by the caller unless it came from a watch. */
export interface StoredValue {
  readonly key: string;
  readonly value: JsonObject;
  /** The revision of the write that produced this value (for a deletion: of the delete). */
  readonly revision: number;
  /** The revision at which the key was created. */
  readonly createRevision: number;
}

export interface ListOptions {
  /** At most this many items (0 or absent: all). */
  readonly limit?: number;
  /** The token of a previous page; the page is read at that page's revision. */
  readonly continue?: string;
  /** Read at this past revision (absent: the latest). Ignored when `continue` is given. */
  readonly revision?: number;
  /** Whether to count what remains after a page (default true); counting costs a scan of the rest. */
  readonly countRemaining?: boolean;
}

export interface ListResult {
  readonly items: StoredValue[];
  /** The revision the list was read at. */
  readonly revision: number;
  /** Present when more items remain after this page. */
  readonly continue?: string;
  /** How many items remain after this page, when `continue` is present. */
  readonly remaining?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ObjectEvent {
  readonly type: WatchEventType;
  readonly key: string;
  /** The new value; for DELETED, the last value before deletion. Shared between watchers: never mutate. */
  readonly value: JsonObject;
  /** The value before this event (absent for ADDED). Shared between watchers: never mutate. */
  readonly prevValue?: JsonObject;
  /** The revision of this write. */
  readonly revision: number;
  readonly createRevision: number;
}

/** Every event up to `revision` has been delivered: the API server turns it into a BOOKMARK. */
export interface ProgressEvent {
  readonly type: 'PROGRESS';
  readonly revision: number;
}

export type WatchEvent = ObjectEvent | ProgressEvent;

export type WatchListener = (event: WatchEvent) => void;

export interface WatchOptions {
  /** Deliver PROGRESS events when the store has moved on or sat idle (default false). */
  readonly progressNotify?: boolean;
}

export interface Watch {
  /** Stops delivery. Idempotent; no event is delivered after it returns. */
  stop(): void;
  /** Settles when the watch ends: undefined when stopped by the caller, the error when the store ended it. */
  readonly ended: Promise<Error | undefined>;
}

export interface Store {
  readonly backend: 'memory' | 'sqlite' | 'etcd';
  get(key: string): Promise<StoredValue | undefined>;
  list(prefix: string, options?: ListOptions): Promise<ListResult>;
  /** Fails with KeyExists if the key exists. */
  create(key: string, value: JsonObject): Promise<StoredValue>;
  /** Compare-and-swap: fails with Conflict unless the key's current revision is `expectedRevision`. */
  update(key: string, value: JsonObject, expectedRevision: number): Promise<StoredValue>;
  /** Deletes the key (only at `expectedRevision` when given); returns the last value with the deletion's revision. */
  delete(key: string, expectedRevision?: number): Promise<StoredValue>;
  /**
   * Delivers, in revision order, every event under `prefix` with a revision greater than
   * `fromRevision`, then live events. Fails with Compacted when that history is gone.
   */
  watch(prefix: string, fromRevision: number, listener: WatchListener, options?: WatchOptions): Promise<Watch>;
  /** The revision of the latest write (0 for an empty store). */
  currentRevision(): Promise<number>;
  /** Drops history older than `revision` (the state at `revision` stays readable). */
  compact(revision: number): Promise<void>;
  /** The revision history is kept from; reads and watches from before it fail with Compacted. */
  compactedRevision(): Promise<number>;
  close(): Promise<void>;
}

/** Sets the revision on a freshly decoded value (the API server writes `metadata.resourceVersion`). */
export type Decorator = (value: JsonObject, revision: number) => void;

export interface CompactionOptions {
  /** How often compaction runs (ms). Each run drops history older than the previous run's revision. 0: never. */
  readonly intervalMs: number;
  /** Keep at most this many revisions of history, whatever the interval (0: no cap). */
  readonly retainRevisions: number;
}

export interface CommonStoreOptions {
  readonly decorate?: Decorator;
  /** Largest serialized value accepted, in bytes (etcd's own request limit is 1.5 MiB). */
  readonly maxValueBytes?: number;
  readonly compaction?: CompactionOptions;
  /** How often idle watchers asking for progress get a PROGRESS event (ms). */
  readonly progressIntervalMs?: number;
}

export const DEFAULT_MAX_VALUE_BYTES = 1536 * 1024;
export const DEFAULT_COMPACTION: CompactionOptions = { intervalMs: 5 * 60_000, retainRevisions: 100_000 };
export const DEFAULT_PROGRESS_INTERVAL_MS = 5_000;
