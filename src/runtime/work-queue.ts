import { realClock, type Clock, type Timer } from '../client/index.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiters.js';

export interface WorkQueueOptions<K> {
  readonly rateLimiter?: RateLimiter<K>;
  readonly clock?: Clock;
}

/**
 * client-go's rate-limited work queue: keys, not events. A key waiting is stored once; a key being
 * processed is never handed to a second worker, and if it is added meanwhile it is processed again
 * after `done`. Failed keys come back after a per-key backoff (`addRateLimited`), successful ones
 * are `forget`-ten.
 */
export class WorkQueue<K = string> {
  private queue: K[] = [];
  private head = 0;
  private readonly dirty = new Set<K>();
  private readonly processing = new Set<K>();
  private readonly delayed = new Map<K, { readonly at: number; readonly timer: Timer }>();
  private readonly getters: ((key: K | undefined) => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  private stopping = false;
  private draining = false;
  private readonly rateLimiter: RateLimiter<K>;
  private readonly clock: Clock;

  constructor(options: WorkQueueOptions<K> = {}) {
    this.clock = options.clock ?? realClock;
    this.rateLimiter = options.rateLimiter ?? defaultControllerRateLimiter<K>(this.clock);
  }

  /** Keys waiting to be handed out (not those being processed or delayed). */
  get length(): number {
    return this.queue.length - this.head;
  }

  get processingCount(): number {
    return this.processing.size;
  }

  get delayedCount(): number {
    return this.delayed.size;
  }

  get shuttingDown(): boolean {
    return this.stopping;
  }

  add(key: K): void {
    if (this.stopping || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.push(key);
  }

  /** Adds `key` after `ms`; an earlier pending add of the same key wins. */
  addAfter(key: K, ms: number): void {
    if (this.stopping) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const at = this.clock.now() + ms;
    const pending = this.delayed.get(key);
    if (pending && pending.at <= at) return;
    pending?.timer.cancel();
    const timer = this.clock.setTimer(ms, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { at, timer });
  }

  /** Adds `key` after its backoff (a failure). */
  addRateLimited(key: K): void {
    this.addAfter(key, this.rateLimiter.when(key));
  }

  /** `key` succeeded: its backoff starts over. */
  forget(key: K): void {
    this.rateLimiter.forget(key);
  }

  retries(key: K): number {
    return this.rateLimiter.retries(key);
  }

  /**
   * The next key to process, or undefined once the queue shuts down (or `signal` aborts). The
   * caller must call `done(key)` when finished with it.
   */
  get(signal?: AbortSignal): Promise<K | undefined> {
    if (this.length > 0 && (!this.stopping || this.draining)) return Promise.resolve(this.pop());
    if (this.stopping || signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const getter = (key: K | undefined): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(key);
      };
      const onAbort = (): void => {
        const i = this.getters.indexOf(getter);
        if (i >= 0) this.getters.splice(i, 1);
        resolve(undefined);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.getters.push(getter);
    });
  }

  /** Processing of `key` finished: it may be handed out again (at once if it was re-added meanwhile). */
  done(key: K): void {
    if (!this.processing.delete(key)) return;
    if (this.dirty.has(key)) this.push(key);
    this.checkIdle();
  }

  /** Stops at once: waiting keys are dropped, `get` returns undefined; keys in process may still call done. */
  shutDown(): void {
    this.stopping = true;
    this.draining = false;
    this.queue = [];
    this.head = 0;
    this.dirty.clear();
    this.cancelDelayed();
    this.releaseGetters();
    this.checkIdle();
  }

  /**
   * Stops taking new keys; the keys already waiting are still handed out. Resolves when none
   * waits and none is in process. Delayed keys are dropped.
   */
  shutDownWithDrain(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.draining = true;
      this.cancelDelayed();
    }
    const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.checkIdle();
    return idle;
  }

  private push(key: K): void {
    const getter = this.getters.shift();
    if (getter) {
      this.dirty.delete(key);
      this.processing.add(key);
      getter(key);
      return;
    }
    this.queue.push(key);
  }

  private pop(): K {
    const key = this.queue[this.head] as K;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }

  private cancelDelayed(): void {
    for (const { timer } of this.delayed.values()) timer.cancel();
    this.delayed.clear();
  }

  private releaseGetters(): void {
    for (const getter of this.getters.splice(0)) getter(undefined);
  }

  private checkIdle(): void {
    if (!this.stopping) return;
    if (this.length === 0) this.releaseGetters();
    if (this.length === 0 && this.processing.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
