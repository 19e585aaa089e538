/**
 * Abort-signal helpers shared by everything that waits.
 *
 * Each follows one contract: check the signal first, listen with
 * `{ once: true }`, reject with `signal.reason` (so callers get their own
 * reason back, e.g. the `TimeoutError` of `AbortSignal.timeout`), and always
 * remove the listener and the timer afterwards, because a long-lived signal
 * (a server's shutdown signal) would otherwise collect one listener per wait.
 *
 * @module
 */

/**
 * Resolves after `ms` milliseconds, or rejects with `signal.reason` as soon
 * as `signal` aborts.
 *
 * @example
 * ```ts
 * await delay(250, AbortSignal.timeout(1000));
 * ```
 */
export async function delay(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(resolve, Math.max(0, ms));
      if (signal) {
        onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Settles like `promise`, unless `signal` aborts first, in which case it
 * rejects with `signal.reason`. The work behind `promise` is not cancelled:
 * this is for waits that cannot take a signal themselves (a throttle slot, the
 * body of an injected `fetch`).
 *
 * @example
 * ```ts
 * const body = await raceAbort(response.text(), signal);
 * ```
 */
export async function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  // The loser of the race may still reject later; nobody else observes it, so
  // keep it from surfacing as an unhandled rejection.
  promise.catch(() => {});
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
