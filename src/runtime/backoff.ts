import { realClock, type Clock } from '../client/index.js';

export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor?: number;
  /** Adds up to this fraction of the delay at random (client-go's reflector: 1.0). */
  readonly jitter?: number;
  /** A quiet period this long after the last failure starts over from initialMs. */
  readonly resetAfterMs?: number;
  readonly clock?: Clock;
  readonly random?: () => number;
}

/** Exponential backoff for a loop that retries one thing (an informer's list and watch). */
export class Backoff {
  private attempt = 0;
  private lastAt = Number.NEGATIVE_INFINITY;
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions) {
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
  }

  /** The delay before the next try. */
  next(): number {
    const now = this.clock.now();
    if (this.options.resetAfterMs !== undefined && now - this.lastAt > this.options.resetAfterMs) this.attempt = 0;
    this.lastAt = now;
    const base = Math.min(this.options.maxMs, this.options.initialMs * (this.options.factor ?? 2) ** this.attempt);
    if (base < this.options.maxMs) this.attempt++;
    return Math.round(base * (1 + (this.options.jitter ?? 0) * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }
}
