import type { ObjectEvent, Watch, WatchListener } from './types.js';

/**
 * Fans the store's ordered event stream out to watchers, in process.
 *
 * Backends publish every committed event exactly once, in revision order. A watcher either starts
 * live at once (its history was replayed synchronously before subscribing) or buffers live events
 * while a backend replays history asynchronously; events at or below the revision a watcher has
 * already seen are dropped, which makes the hand-over from history to live events gap-free.
 */
export class WatchHub {
  private readonly subs = new Set<Subscription>();
  private readonly ring: ObjectEvent[] = [];
  /** Every event after this revision is in the ring. */
  private ringFloor: number;
  private timer: NodeJS.Timeout | undefined;
  /** The revision of the last event (or progress) published. */
  lastRevision: number;

  constructor(
    startRevision: number,
    private readonly ringCapacity: number,
    progressIntervalMs: number,
  ) {
    this.lastRevision = startRevision;
    this.ringFloor = startRevision;
    if (progressIntervalMs > 0) {
      this.timer = setInterval(() => {
        this.notifyProgress();
      }, progressIntervalMs);
      this.timer.unref();
    }
  }

  get size(): number {
    return this.subs.size;
  }

  /** Whether any watcher wants events under `key`. Lets backends skip decoding for nobody. */
  wants(key: string): boolean {
    if (this.ringCapacity > 0) return true;
    for (const sub of this.subs) if (key.startsWith(sub.prefix)) return true;
    return false;
  }

  publish(event: ObjectEvent): void {
    this.lastRevision = event.revision;
    if (this.ringCapacity > 0) {
      this.ring.push(event);
      // Trim in batches so that publishing stays O(1) amortized.
      if (this.ring.length >= this.ringCapacity * 2) {
        const trimmed = this.ring.splice(0, this.ringCapacity);
        this.ringFloor = trimmed.at(-1)?.revision ?? this.ringFloor;
      }
    }
    for (const sub of this.subs) {
      if (event.key.startsWith(sub.prefix)) sub.offer(event);
    }
  }

  /** Every revision up to `revision` has been published (a backend heard so from its source). */
  advance(revision: number): void {
    if (revision > this.lastRevision) this.lastRevision = revision;
  }

  /**
   * Replays the retained ring from `fromRevision` and subscribes live, or returns undefined when
   * the ring does not reach back that far.
   */
  subscribeFromRing(prefix: string, fromRevision: number, listener: WatchListener, progress: boolean): Subscription | undefined {
    if (this.ringCapacity === 0 || fromRevision < this.ringFloor) return undefined;
    const sub = this.subscribe(prefix, fromRevision, listener, progress, false);
    for (const event of this.ring) {
      if (event.revision > fromRevision && event.key.startsWith(prefix)) sub.offer(event);
    }
    return sub;
  }

  /**
   * Adds a watcher that has seen everything up to `seenRevision`. With `buffering`, live events are
   * held until `goLive()` so that a backend can first deliver history through `deliver()`.
   */
  subscribe(prefix: string, seenRevision: number, listener: WatchListener, progress: boolean, buffering: boolean): Subscription {
    const sub = new Subscription(prefix, seenRevision, listener, progress, buffering, (s) => this.subs.delete(s));
    this.subs.add(sub);
    return sub;
  }

  notifyProgress(): void {
    for (const sub of this.subs) sub.progressTo(this.lastRevision);
  }

  /**
   * The event source lost events (it fell behind a compaction): ends every watcher with `error` and
   * starts over at `revision` with an empty ring.
   */
  restart(error: Error, revision: number): void {
    for (const sub of [...this.subs]) sub.end(error);
    this.ring.length = 0;
    this.lastRevision = revision;
    this.ringFloor = revision;
  }

  /** Ends every watcher with `error` and stops progress notifications. */
  close(error: Error): void {
    for (const sub of [...this.subs]) sub.end(error);
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

export class Subscription implements Watch {
  readonly ended: Promise<Error | undefined>;
  private resolveEnded!: (e: Error | undefined) => void;
  private buffer: ObjectEvent[] | undefined;
  private stopped = false;

  constructor(
    readonly prefix: string,
    private seen: number,
    private readonly listener: WatchListener,
    private readonly progress: boolean,
    buffering: boolean,
    private readonly onEnd: (s: Subscription) => void,
  ) {
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    if (buffering) this.buffer = [];
  }

  /** A live event from the hub. */
  offer(event: ObjectEvent): void {
    if (this.buffer) this.buffer.push(event);
    else this.deliver(event);
  }

  /** Delivers one event unless it was seen already. */
  deliver(event: ObjectEvent): void {
    if (this.stopped || event.revision <= this.seen) return;
    this.seen = event.revision;
    this.call(event);
  }

  /** Ends replay: flushes the buffered live events in order and delivers live from now on. */
  goLive(): void {
    const pending = this.buffer ?? [];
    this.buffer = undefined;
    for (const event of pending) this.deliver(event);
  }

  progressTo(revision: number): void {
    if (!this.progress || this.stopped || this.buffer || revision <= this.seen) return;
    this.seen = revision;
    this.call({ type: 'PROGRESS', revision });
  }

  stop(): void {
    this.end(undefined);
  }

  end(error: Error | undefined): void {
    if (this.stopped) return;
    this.stopped = true;
    this.buffer = undefined;
    this.onEnd(this);
    this.resolveEnded(error);
  }

  private call(event: Parameters<WatchListener>[0]): void {
    try {
      this.listener(event);
    } catch (e) {
      this.end(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
