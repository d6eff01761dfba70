import { isGone } from '../api/status.js';
import {
  describeError,
  noopLogger,
  objectKey,
  realClock,
  refName,
  resourceVersionOf,
  type Clock,
  type ListAllOptions,
  type Logger,
  type ObjectLike,
  type ObjectList,
  type ResourceRef,
  type WatchEvent,
  type WatchOptions,
} from '../client/index.js';
import { Backoff } from './backoff.js';
import { Indexer, NAMESPACE_INDEX, type IndexFunc } from './indexer.js';

/** What an informer needs from a client: KubeClient, or a fake in unit tests. */
export interface ListWatchClient {
  listAll<T extends ObjectLike>(ref: ResourceRef<T>, options?: ListAllOptions): Promise<ObjectList<T>>;
  watch<T extends ObjectLike>(ref: ResourceRef<T>, options?: WatchOptions): AsyncIterable<WatchEvent<T>>;
}

/** Which objects an informer follows. */
export interface Selection {
  /** One namespace, or all when absent. */
  readonly namespace?: string | undefined;
  readonly labelSelector?: string | undefined;
  readonly fieldSelector?: string | undefined;
}

export interface InformerOptions<T> extends Selection {
  /** Every this often, every cached object is delivered again as an update (0 = never, the default). */
  readonly resyncMs?: number;
  /** Objects per list page (default 500). */
  readonly pageSize?: number;
  /** Applied to each object before it is cached (e.g. to drop managedFields). */
  readonly transform?: (obj: T) => T;
  readonly indexers?: Readonly<Record<string, IndexFunc<T>>>;
  /** How long the server keeps a watch open (default: random 5–10 minutes, as client-go). */
  readonly watchTimeoutSeconds?: () => number;
  /** Backoff after failures (default 800 ms doubling to 30 s, as client-go's reflector). */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** Callbacks for changes; they run synchronously and should only enqueue work. */
export interface EventHandler<T> {
  /** `initialList`: the object was there when the informer (or this handler) started. */
  onAdd?(obj: T, initialList: boolean): void;
  /** Also called with old === new on resync. */
  onUpdate?(oldObj: T, newObj: T): void;
  /** `finalStateUnknown`: the deletion was noticed by a relist; `obj` is the last state seen. */
  onDelete?(obj: T, finalStateUnknown: boolean): void;
}

/** Read access to a cache of objects (controller-runtime's cache.Reader). */
export interface ObjectCache<T> {
  get(namespace: string, name: string): T | undefined;
  getByKey(key: string): T | undefined;
  list(namespace?: string): T[];
  byIndex(index: string, value: string): T[];
  /** How many objects `byIndex` would return, without collecting them. */
  countByIndex(index: string, value: string): number;
}

/** Something whose cache can be waited for. */
export interface Syncable {
  hasSynced(): boolean;
  waitForSync(signal?: AbortSignal): Promise<boolean>;
}

type Outcome = 'ended' | 'expired';

/**
 * A watch cache for one resource (and selection): lists, then watches from the list's
 * resourceVersion with bookmarks. A watch that ends or breaks resumes from the last
 * resourceVersion seen; one that is too old (410, as an answer or as an ERROR event) is replaced by
 * a fresh list whose differences to the cache are delivered as adds, updates and deletes. So every
 * change is delivered once, in order, per object.
 */
export class Informer<T extends ObjectLike> implements ObjectCache<T>, Syncable {
  private readonly store: Indexer<T>;
  private readonly handlers = new Set<EventHandler<T>>();
  private readonly syncWaiters = new Set<(synced: boolean) => void>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private resourceVersion: string | undefined;
  private synced = false;
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly client: ListWatchClient,
    readonly ref: ResourceRef<T>,
    private readonly options: InformerOptions<T> = {},
  ) {
    this.store = new Indexer<T>(options.indexers);
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? noopLogger;
  }

  /** The resourceVersion the cache reflects (of the last list, event or bookmark). */
  get lastSyncResourceVersion(): string | undefined {
    return this.resourceVersion;
  }

  get running(): boolean {
    return this.loop !== undefined;
  }

  /** Starts listing and watching until `stop()` or `signal` aborts. Starting twice is a no-op. */
  start(signal?: AbortSignal): void {
    if (this.loop) return;
    const abort = new AbortController();
    this.abort = abort;
    const onAbort = (): void => {
      abort.abort(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) abort.abort(signal.reason);
    this.loop = this.run(abort.signal).finally(() => {
      signal?.removeEventListener('abort', onAbort);
      this.notifySync(false);
    });
  }

  /** Stops and waits for the loop to end. The cache keeps its content. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
    this.abort = undefined;
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** True once the first list is in the cache; false if `signal` aborts or the informer stops first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = (synced: boolean): void => {
        signal?.removeEventListener('abort', onAbort);
        this.syncWaiters.delete(waiter);
        resolve(synced);
      };
      const onAbort = (): void => {
        waiter(false);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.syncWaiters.add(waiter);
    });
  }

  /**
   * Registers callbacks. A handler added to a synced cache first gets an add for every cached
   * object. Returns a function that removes it.
   */
  addHandler(handler: EventHandler<T>): () => void {
    this.handlers.add(handler);
    if (this.synced) for (const obj of this.store.values()) this.call(handler, 'onAdd', () => handler.onAdd?.(obj, true));
    return () => {
      this.handlers.delete(handler);
    };
  }

  addIndex(name: string, fn: IndexFunc<T>): void {
    this.store.addIndex(name, fn);
  }

  get(namespace: string, name: string): T | undefined {
    return this.store.get(namespace === '' ? name : `${namespace}/${name}`);
  }

  getByKey(key: string): T | undefined {
    return this.store.get(key);
  }

  list(namespace?: string): T[] {
    return namespace === undefined ? [...this.store.values()] : this.store.byIndex(NAMESPACE_INDEX, namespace);
  }

  keys(): string[] {
    return [...this.store.keys()];
  }

  byIndex(index: string, value: string): T[] {
    return this.store.byIndex(index, value);
  }

  countByIndex(index: string, value: string): number {
    return this.store.countByIndex(index, value);
  }

  get size(): number {
    return this.store.size;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const backoff = new Backoff({
      initialMs: this.options.backoff?.initialMs ?? 800,
      maxMs: this.options.backoff?.maxMs ?? 30_000,
      jitter: 1,
      resetAfterMs: 120_000,
      clock: this.clock,
    });
    const resync = this.startResync(signal);
    let expiredInARow = 0;
    try {
      while (!signal.aborted) {
        try {
          if (this.resourceVersion === undefined) await this.relist(signal);
          const started = this.clock.now();
          const { outcome, events } = await this.watchOnce(signal);
          if (outcome === 'expired') {
            this.resourceVersion = undefined;
            // A cache that expires again right after a relist must not spin.
            if (++expiredInARow > 1 && !(await this.clock.sleep(backoff.next(), signal))) return;
            continue;
          }
          expiredInARow = 0;
          // A watch the server closes at once, again and again, is a failure in disguise.
          if (events === 0 && this.clock.now() - started < 1000) {
            if (!(await this.clock.sleep(backoff.next(), signal))) return;
          }
        } catch (e) {
          // Not narrowed by the loop condition: the signal may have fired during the awaits.
          if (isAborted(signal)) return;
          if (isGone(e)) {
            this.resourceVersion = undefined;
            if (++expiredInARow > 1 && !(await this.clock.sleep(backoff.next(), signal))) return;
            continue;
          }
          const delay = backoff.next();
          this.logger.warn({ resource: refName(this.ref), err: describeError(e), retryInMs: delay }, 'list/watch failed; retrying');
          if (!(await this.clock.sleep(delay, signal))) return;
        }
      }
    } finally {
      resync?.cancel();
    }
  }

  private async relist(signal: AbortSignal): Promise<void> {
    const list = await this.client.listAll(this.ref, {
      ...this.selection(),
      pageSize: this.options.pageSize ?? 500,
      signal,
    });
    if (signal.aborted) return;
    const initial = !this.synced;
    const fresh = new Map<string, T>();
    for (const item of list.items) {
      const obj = this.transform(item);
      fresh.set(objectKey(obj), obj);
    }
    for (const key of [...this.store.keys()]) {
      if (fresh.has(key)) continue;
      const gone = this.store.delete(key);
      if (gone) this.emitDelete(gone, true);
    }
    for (const [key, obj] of fresh) {
      const previous = this.store.get(key);
      if (previous && resourceVersionOf(previous) === resourceVersionOf(obj) && previous.metadata?.uid === obj.metadata?.uid) continue;
      this.store.set(key, obj);
      this.emitChange(previous, obj, initial);
    }
    this.resourceVersion = list.metadata.resourceVersion ?? '';
    if (!this.synced) {
      this.synced = true;
      this.notifySync(true);
    }
  }

  private async watchOnce(signal: AbortSignal): Promise<{ outcome: Outcome; events: number }> {
    const timeout = this.options.watchTimeoutSeconds?.() ?? Math.floor(300 * (1 + Math.random()));
    let events = 0;
    for await (const event of this.client.watch(this.ref, {
      ...this.selection(),
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: true,
      timeoutSeconds: timeout,
      signal,
    })) {
      events++;
      switch (event.type) {
        case 'ADDED':
        case 'MODIFIED': {
          const obj = this.transform(event.object);
          const key = objectKey(obj);
          const previous = this.store.get(key);
          this.resourceVersion = resourceVersionOf(event.object) || this.resourceVersion;
          if (previous && resourceVersionOf(previous) === resourceVersionOf(obj) && previous.metadata?.uid === obj.metadata?.uid) break;
          this.store.set(key, obj);
          this.emitChange(previous, obj, false);
          break;
        }
        case 'DELETED': {
          const key = objectKey(event.object);
          this.resourceVersion = resourceVersionOf(event.object) || this.resourceVersion;
          // Already gone (a duplicate, or never seen within the selection): nothing to tell.
          if (!this.store.delete(key)) break;
          // The deleted object as the server last had it.
          this.emitDelete(this.transform(event.object), false);
          break;
        }
        case 'BOOKMARK':
          this.resourceVersion = resourceVersionOf(event.object) || this.resourceVersion;
          break;
        case 'ERROR':
          if (isGone(event.error)) return { outcome: 'expired', events };
          throw event.error;
      }
    }
    return { outcome: 'ended', events };
  }

  private emitChange(previous: T | undefined, obj: T, initial: boolean): void {
    if (previous && previous.metadata?.uid !== obj.metadata?.uid) {
      // Same name, new object: the old one was deleted while we were not looking.
      this.emitDelete(previous, true);
      previous = undefined;
    }
    for (const h of this.handlers) {
      if (previous) this.call(h, 'onUpdate', () => h.onUpdate?.(previous, obj));
      else this.call(h, 'onAdd', () => h.onAdd?.(obj, initial));
    }
  }

  private emitDelete(obj: T, finalStateUnknown: boolean): void {
    for (const h of this.handlers) this.call(h, 'onDelete', () => h.onDelete?.(obj, finalStateUnknown));
  }

  private call(_handler: EventHandler<T>, what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.logger.error({ resource: refName(this.ref), handler: what, err: describeError(e) }, 'informer event handler threw');
    }
  }

  private startResync(signal: AbortSignal): { cancel(): void } | undefined {
    const period = this.options.resyncMs ?? 0;
    if (period <= 0) return undefined;
    const tick = (): void => {
      if (signal.aborted) return;
      if (this.synced) for (const obj of this.store.values()) for (const h of this.handlers) this.call(h, 'onUpdate', () => h.onUpdate?.(obj, obj));
      timer = this.clock.setTimer(period, tick);
    };
    let timer = this.clock.setTimer(period, tick);
    return {
      cancel: () => {
        timer.cancel();
      },
    };
  }

  private selection(): Selection {
    return { namespace: this.options.namespace, labelSelector: this.options.labelSelector, fieldSelector: this.options.fieldSelector };
  }

  private transform(obj: T): T {
    return this.options.transform ? this.options.transform(obj) : obj;
  }

  private notifySync(synced: boolean): void {
    for (const waiter of [...this.syncWaiters]) waiter(synced);
  }
}

function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}
