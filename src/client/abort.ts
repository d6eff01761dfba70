/** Waits for `promise`, rejecting with the signal's reason as soon as `signal` aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * A controller that also aborts when `parent` does. `dispose` detaches it from the parent, so
 * that a long-lived parent signal shared by many short operations does not collect listeners.
 */
export function childAbort(parent: AbortSignal | undefined): { readonly controller: AbortController; readonly dispose: () => void } {
  const controller = new AbortController();
  const onAbort = (): void => {
    controller.abort(abortReason(parent));
  };
  if (parent?.aborted) onAbort();
  else parent?.addEventListener('abort', onAbort, { once: true });
  return {
    controller,
    dispose: () => {
      parent?.removeEventListener('abort', onAbort);
    },
  };
}

/** The signal's reason as an Error (AbortSignal.abort() gives a DOMException, which is one). */
export function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}
