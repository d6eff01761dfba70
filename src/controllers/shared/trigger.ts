import type { Clock } from '../../client/index.js';

/** A wake-up call for a periodic loop that is not lost when it comes while the loop is busy. */
export class Trigger {
  private fired = false;
  private waiter: (() => void) | undefined;

  fire(): void {
    this.fired = true;
    this.waiter?.();
  }

  /** Resolves after `ms`, when fired (also before the call), or when `signal` aborts. */
  wait(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
    if (this.fired || signal.aborted) {
      this.fired = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = (): void => {
        timer.cancel();
        signal.removeEventListener('abort', done);
        this.waiter = undefined;
        this.fired = false;
        resolve();
      };
      const timer = clock.setTimer(ms, done);
      this.waiter = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
