/** A cancellable timer. */
export interface Timer {
  cancel(): void;
}

/**
 * Time as the client and the controller runtime see it. Everything that waits (backoff, rate
 * limits, resyncs, leases) goes through a Clock so that unit tests can drive time by hand.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds unless cancelled first. */
  setTimer(ms: number, fn: () => void): Timer;
  /** Resolves true after `ms`, or false as soon as `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

/** Waits on `clock` for `ms`, stopping early (false) when `signal` aborts. */
export function sleepOn(clock: Pick<Clock, 'setTimer'>, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      timer.cancel();
      resolve(false);
    };
    const timer = clock.setTimer(Math.max(0, ms), () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The wall clock. Timers are unref'd: a pending backoff never keeps a process alive by itself. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const handle = setTimeout(fn, Math.max(0, ms));
    handle.unref();
    return {
      cancel: () => {
        clearTimeout(handle);
      },
    };
  },
  sleep(ms, signal) {
    return sleepOn(realClock, ms, signal);
  },
};
