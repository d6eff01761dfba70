/**
 * kube-scheduler's scheduling queue, reduced to what matters here: an active queue ordered by
 * priority then age; pods that failed wait in back-off (1 s doubling to 10 s per attempt) or, when
 * nothing in the cluster changed, as unschedulable until something does (or 5 minutes pass).
 */
import { realClock, type Clock, type Timer } from '../../client/index.js';

export interface QueueOptions {
  readonly clock?: Clock;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Unschedulable pods are retried after this long even if nothing changed (kube: 5 minutes). */
  readonly unschedulableTimeoutMs?: number;
}

type Where = 'active' | 'backoff' | 'unschedulable' | 'inflight';

interface Entry {
  readonly key: string;
  priority: number;
  /** When the pod was first queued: older first among equal priorities. */
  readonly since: number;
  attempts: number;
  where: Where;
  /** Changed while in flight: try again at once. */
  dirty: boolean;
  timer: Timer | undefined;
  unschedulableSince: number;
}

export interface Popped {
  readonly key: string;
  /** Compare with the queue's cycle when reporting a failure: a cluster change in between means retry soon. */
  readonly cycle: number;
  readonly attempts: number;
}

export class SchedulingQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly heap: Entry[] = [];
  private readonly waiters: ((e: Entry | undefined) => void)[] = [];
  private readonly clock: Clock;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly unschedulableTimeoutMs: number;
  private moveCycle = 0;
  /** Pods parked as unschedulable: most cluster events find none, and then cost nothing. */
  private unschedulableCount = 0;
  private closed = false;
  private flushTimer: Timer | undefined;

  constructor(options: QueueOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.initialBackoffMs = options.initialBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.unschedulableTimeoutMs = options.unschedulableTimeoutMs ?? 300_000;
    this.scheduleFlush();
  }

  get activeLength(): number {
    return this.heap.length;
  }

  /** Where a pod is, for tests and diagnostics. */
  where(key: string): Where | undefined {
    return this.entries.get(key)?.where;
  }

  /** A pod to schedule (new, or changed in a way that may let it fit). */
  add(key: string, priority: number): void {
    if (this.closed) return;
    const entry = this.entries.get(key);
    if (!entry) {
      const fresh: Entry = { key, priority, since: this.clock.now(), attempts: 0, where: 'active', dirty: false, timer: undefined, unschedulableSince: 0 };
      this.entries.set(key, fresh);
      this.push(fresh);
      return;
    }
    entry.priority = priority;
    if (entry.where === 'inflight') entry.dirty = true;
    else if (entry.where !== 'active') this.activate(entry);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.timer?.cancel();
    this.entries.delete(key);
    if (entry.where === 'active') this.removeFromHeap(entry);
    if (entry.where === 'unschedulable') this.unschedulableCount--;
  }

  /** The next pod, waiting for one; undefined once closed. */
  async pop(): Promise<Popped | undefined> {
    const entry = this.heap.length > 0 ? this.take() : this.closed ? undefined : await new Promise<Entry | undefined>((resolve) => this.waiters.push(resolve));
    if (!entry) return undefined;
    this.setWhere(entry, 'inflight');
    entry.dirty = false;
    entry.attempts++;
    return { key: entry.key, cycle: this.moveCycle, attempts: entry.attempts };
  }

  /** Scheduled (or no longer ours to schedule): forgotten. */
  done(key: string): void {
    const entry = this.entries.get(key);
    if (!entry || entry.where !== 'inflight') return;
    if (entry.dirty) {
      entry.attempts = 0;
      this.activate(entry);
      return;
    }
    this.entries.delete(key);
  }

  /** No node fits. Retried on the next cluster change, or after back-off if one happened meanwhile. */
  unschedulable(popped: Popped): void {
    const entry = this.entries.get(popped.key);
    if (!entry || entry.where !== 'inflight') return;
    if (entry.dirty || this.moveCycle !== popped.cycle) {
      this.backoff(entry);
      return;
    }
    this.setWhere(entry, 'unschedulable');
    entry.unschedulableSince = this.clock.now();
  }

  /** Something went wrong (binding failed): retried after back-off. */
  retry(key: string): void {
    const entry = this.entries.get(key);
    if (!entry || entry.where !== 'inflight') return;
    this.backoff(entry);
  }

  /** A change in the cluster that may let unschedulable pods fit now. */
  moveAllToActiveOrBackoff(): void {
    this.moveCycle++;
    if (this.unschedulableCount === 0) return;
    for (const entry of this.entries.values()) if (entry.where === 'unschedulable') this.backoff(entry);
  }

  close(): void {
    this.closed = true;
    this.flushTimer?.cancel();
    for (const entry of this.entries.values()) entry.timer?.cancel();
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  private backoffMs(entry: Entry): number {
    return Math.min(this.initialBackoffMs * 2 ** Math.max(0, entry.attempts - 1), this.maxBackoffMs);
  }

  private setWhere(entry: Entry, where: Where): void {
    if (entry.where === 'unschedulable') this.unschedulableCount--;
    if (where === 'unschedulable') this.unschedulableCount++;
    entry.where = where;
  }

  private backoff(entry: Entry): void {
    this.setWhere(entry, 'backoff');
    entry.timer?.cancel();
    entry.timer = this.clock.setTimer(this.backoffMs(entry), () => {
      entry.timer = undefined;
      if (this.entries.get(entry.key) === entry && entry.where === 'backoff') this.activate(entry);
    });
  }

  private activate(entry: Entry): void {
    entry.timer?.cancel();
    entry.timer = undefined;
    this.setWhere(entry, 'active');
    this.push(entry);
  }

  private scheduleFlush(): void {
    this.flushTimer = this.clock.setTimer(Math.min(30_000, this.unschedulableTimeoutMs), () => {
      if (this.closed) return;
      const now = this.clock.now();
      for (const entry of this.entries.values()) {
        if (entry.where === 'unschedulable' && now - entry.unschedulableSince >= this.unschedulableTimeoutMs) this.backoff(entry);
      }
      this.scheduleFlush();
    });
  }

  // A binary heap: higher priority first, then older.
  private before(a: Entry, b: Entry): boolean {
    return a.priority !== b.priority ? a.priority > b.priority : a.since < b.since;
  }

  private push(entry: Entry): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter(entry);
      return;
    }
    this.heap.push(entry);
    this.up(this.heap.length - 1);
  }

  private take(): Entry | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private removeFromHeap(entry: Entry): void {
    const i = this.heap.indexOf(entry);
    if (i < 0) return;
    const last = this.heap.pop();
    if (last === undefined || i === this.heap.length) return;
    this.heap[i] = last;
    this.up(i);
    this.down(i);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const a = h[i];
      const b = h[parent];
      if (!a || !b || !this.before(a, b)) return;
      h[i] = b;
      h[parent] = a;
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      const at = (k: number): Entry | undefined => h[k];
      const lb = at(l);
      const bb = at(best);
      if (lb && bb && this.before(lb, bb)) best = l;
      const rb = at(r);
      const cb = at(best);
      if (rb && cb && this.before(rb, cb)) best = r;
      if (best === i) return;
      const x = h[i];
      const y = h[best];
      if (!x || !y) return;
      h[i] = y;
      h[best] = x;
      i = best;
    }
  }
}
