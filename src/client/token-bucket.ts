import { realClock, type Clock } from './clock.js';

/**
 * A token bucket (golang.org/x/time/rate semantics): `qps` tokens a second, at most `burst` saved
 * up. Reservations may take tokens the bucket does not have yet; the caller then waits until they
 * would have accrued, so waiters are served in order. qps 0 means unlimited.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    readonly burst: number,
    private readonly clock: Clock = realClock,
  ) {
    if (!(qps >= 0) || !Number.isFinite(qps)) throw new RangeError(`qps must be a finite number >= 0, got ${qps}`);
    if (qps > 0 && !(burst >= 1)) throw new RangeError(`burst must be >= 1 when qps > 0, got ${burst}`);
    this.tokens = burst;
    this.last = clock.now();
  }

  get unlimited(): boolean {
    return this.qps === 0;
  }

  /** Takes one token now and says how many milliseconds to wait before using it. */
  reserve(): number {
    if (this.unlimited) return 0;
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.qps);
  }

  /** Takes a token only if one is available right now. */
  tryTake(): boolean {
    if (this.unlimited) return true;
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Waits for a token; false (and the token handed back) when `signal` aborts first. */
  async take(signal?: AbortSignal): Promise<boolean> {
    const wait = this.reserve();
    if (wait === 0) return true;
    const waited = await this.clock.sleep(wait, signal);
    if (!waited) this.tokens = Math.min(this.burst, this.tokens + 1);
    return waited;
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.qps) / 1000);
  }
}
