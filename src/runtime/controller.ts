import { isConflict } from '../api/status.js';
import { describeError, isAbortError, isTransportError, noopLogger, realClock, type Clock, type Logger, type ObjectLike } from '../client/index.js';
import { enqueueObject, type KeyMapper, type ObjectEvent, type Predicate } from './event-mapping.js';
import type { Informer } from './informer.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiters.js';
import { WorkQueue } from './work-queue.js';

/** What a reconcile may ask for besides success: to look again later (not a failure). */
export interface ReconcileResult {
  readonly requeueAfterMs?: number;
}

/**
 * Brings the object named by `key` (`namespace/name` or `name`) to its desired state, reading
 * from caches. Idempotent and level-triggered: it never sees the event. Throwing retries the key
 * with backoff; throwing a TerminalError does not retry. `signal` aborts when the controller stops
 * (or loses leadership) and must be honoured.
 */
export type Reconcile = (key: string, signal: AbortSignal) => Promise<ReconcileResult | undefined> | Promise<void>;

/** A failure that retrying cannot fix (invalid spec…): logged, not retried. */
export class TerminalError extends Error {
  override readonly name = 'TerminalError';
}

/** Why a controller is stopped at once, without draining its queue. */
export class LeadershipLostError extends Error {
  override readonly name = 'LeadershipLostError';
}

export interface ControllerOptions {
  readonly name: string;
  readonly reconcile: Reconcile;
  /** Concurrent reconciles (of different keys); default 1. */
  readonly workers?: number;
  /** Defaults to client-go's: 5 ms doubling to 1000 s per key, 10 qps/100 burst overall. */
  readonly rateLimiter?: () => RateLimiter<string>;
  /** On a normal stop, how long waiting keys may still be processed (default 30 s; 0 = none). */
  readonly drainMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

export interface WatchSpec<T> {
  /** Keys to enqueue for an object (default: the object's own key). */
  readonly map?: KeyMapper<T>;
  readonly predicate?: Predicate<T>;
}

interface Source {
  readonly informer: Informer<ObjectLike>;
  readonly keys: (obj: ObjectLike) => Iterable<string>;
}

/**
 * Reconciles keys with N workers over a rate-limited queue fed by informers. Workers start once
 * every watched informer has synced; each run starts by enqueueing every cached object, so a
 * controller that (re)starts, e.g. on becoming leader, converges everything.
 */
export class Controller {
  readonly name: string;
  private readonly sources: Source[] = [];
  private queue: WorkQueue | undefined;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly options: ControllerOptions) {
    this.name = options.name;
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? noopLogger;
  }

  /** Enqueues keys for the informer's objects and their changes. Register before `run`. */
  watch<T extends ObjectLike>(informer: Informer<T>, spec: WatchSpec<T> = {}): this {
    const map: KeyMapper<T> = spec.map ?? enqueueObject;
    const pass = (e: ObjectEvent<T>): boolean => spec.predicate?.(e) ?? true;
    const enqueue = (obj: T): void => {
      for (const key of map(obj)) this.enqueue(key);
    };
    informer.addHandler({
      onAdd: (obj) => {
        if (pass({ type: 'add', obj })) enqueue(obj);
      },
      onUpdate: (old, obj) => {
        if (!pass({ type: 'update', old, obj })) return;
        // Each key once: an idle worker takes a key as soon as it is added, so adding it again
        // would mark it dirty and reconcile it twice, the second time from the same cached object.
        for (const key of new Set([...map(old), ...map(obj)])) this.enqueue(key);
      },
      onDelete: (obj) => {
        if (pass({ type: 'delete', obj })) enqueue(obj);
      },
    });
    this.sources.push({ informer: informer as unknown as Informer<ObjectLike>, keys: map as KeyMapper<ObjectLike> });
    return this;
  }

  get running(): boolean {
    return this.queue !== undefined;
  }

  /** Keys waiting (not in process or delayed). */
  get queueLength(): number {
    return this.queue?.length ?? 0;
  }

  /** Enqueues a key; ignored while the controller is not running (its next run lists everything). */
  enqueue(key: string): void {
    this.queue?.add(key);
  }

  enqueueAfter(key: string, ms: number): void {
    this.queue?.addAfter(key, ms);
  }

  /**
   * Runs until `signal` aborts. Then waiting keys are drained for up to `drainMs` before in-process
   * reconciles are aborted, unless the abort reason is a LeadershipLostError: then everything stops
   * at once. Resolves when no reconcile runs any more.
   */
  async run(signal: AbortSignal): Promise<void> {
    if (this.queue) throw new Error(`controller ${this.name} is already running`);
    const synced = await Promise.all(this.sources.map((s) => s.informer.waitForSync(signal)));
    if (signal.aborted || !synced.every(Boolean)) return;
    const queue = new WorkQueue<string>({ rateLimiter: (this.options.rateLimiter ?? (() => defaultControllerRateLimiter<string>(this.clock)))(), clock: this.clock });
    this.queue = queue;
    const reconciling = new AbortController();
    try {
      for (const source of this.sources) for (const obj of source.informer.list()) for (const key of source.keys(obj)) queue.add(key);
      this.logger.info({ controller: this.name, workers: this.options.workers ?? 1 }, 'starting workers');
      const workers = Array.from({ length: Math.max(1, this.options.workers ?? 1) }, () => this.worker(queue, reconciling.signal));
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => {
          resolve();
        }, { once: true });
      });
      const drainMs = signal.reason instanceof LeadershipLostError ? 0 : (this.options.drainMs ?? 30_000);
      if (drainMs > 0) {
        const timeout = new AbortController();
        await Promise.race([queue.shutDownWithDrain(), this.clock.sleep(drainMs, timeout.signal)]);
        timeout.abort();
      }
      queue.shutDown();
      reconciling.abort(signal.reason);
      await Promise.all(workers);
      this.logger.info({ controller: this.name }, 'stopped');
    } finally {
      queue.shutDown();
      reconciling.abort();
      this.queue = undefined;
    }
  }

  private async worker(queue: WorkQueue, signal: AbortSignal): Promise<void> {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      try {
        const result = (await this.options.reconcile(key, signal)) as ReconcileResult | undefined;
        queue.forget(key);
        const after = result ? result.requeueAfterMs : undefined;
        if (after !== undefined && after > 0) queue.addAfter(key, after);
      } catch (e) {
        if (signal.aborted) {
          // Stopping: the next run (or leader) starts over with everything.
        } else if (e instanceof TerminalError) {
          queue.forget(key);
          this.logger.error({ controller: this.name, key, err: e.message }, 'reconcile failed permanently');
        } else {
          // A conflict only means the cache was a step behind: routine, retried at once from the newer object.
          // An aborted request (a client shutting down, a request timeout) is retried like the rest, quietly.
          const routine = (isConflict(e) && queue.retries(key) < 3) || isAbortError(e) || (isTransportError(e) && e.code === 'Closed');
          const log = routine ? this.logger.debug.bind(this.logger) : this.logger.warn.bind(this.logger);
          log({ controller: this.name, key, err: describeError(e), retries: queue.retries(key) }, 'reconcile failed; will retry');
          queue.addRateLimited(key);
        }
      } finally {
        queue.done(key);
      }
    }
  }
}
