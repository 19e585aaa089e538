import { z } from 'zod';
import { parseOptions } from '../internal/parse-options.js';
import type { Assert, SameOptions } from '../internal/same-options.js';

const HOUR_MS = 60 * 60 * 1000;

const backgroundOptionsSchema = z.object({
  everyMs: z.number().int().min(1000, 'to be at least 1000 ms').default(24 * HOUR_MS),
  rematchEveryMs: z.number().int().min(1000, 'to be at least 1000 ms').default(7 * 24 * HOUR_MS),
  jitter: z.number().min(0).max(1, 'to be a fraction from 0 to 1').default(0.1),
  runImmediately: z.boolean().default(false),
  signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, { message: 'to be an AbortSignal' }).optional(),
  onError: z.custom<(error: unknown) => void>((value) => typeof value === 'function', { message: 'to be a function' }).optional(),
  random: z.custom<() => number>((value) => typeof value === 'function', { message: 'to be a function' }).default(() => Math.random),
});

/**
 * Options of {@link LovedTrackCache.startBackgroundSync}.
 *
 * @example
 * ```ts
 * cache.startBackgroundSync({ everyMs: 6 * 3600_000, onError: (e) => log.warn(e) });
 * ```
 */
export interface BackgroundSyncOptions {
  /**
   * Period of the incremental sync, in ms.
   * @default 86400000 (daily)
   */
  readonly everyMs?: number | undefined;
  /**
   * Period of the rematch of unmatched loves (with a fresh read of the library), in ms.
   * @default 604800000 (weekly)
   */
  readonly rematchEveryMs?: number | undefined;
  /**
   * Each wait is stretched by up to this fraction at random, so many
   * processes started together do not hit Last.fm together.
   * @default 0.1
   */
  readonly jitter?: number | undefined;
  /**
   * Run a sync at once instead of after the first period.
   * @default false
   */
  readonly runImmediately?: boolean | undefined;
  /** Stops the schedule when aborted. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Receives every error of a background run (the schedule goes on). A sync
   * skipped because another process holds the lease arrives here as a
   * `SyncInProgressError`.
   * @default errors are dropped
   */
  readonly onError?: ((error: unknown) => void) | undefined;
  /**
   * Random source for the jitter, for tests.
   * @default Math.random
   */
  readonly random?: (() => number) | undefined;
}

// The interface is what users and the API docs see; the schema is what
// validates. This fails to compile when they drift apart: both must accept
// the same values and name the same options (a `readonly` property modifier is ignored, readonly arrays are not).
type _OptionsMatchSchema = Assert<SameOptions<BackgroundSyncOptions, z.input<typeof backgroundOptionsSchema>>>;

/** Controls a running background schedule. */
export interface BackgroundSyncHandle {
  /** Stops the schedule and waits for a run in progress to finish (it is aborted). */
  stop(): Promise<void>;
  /** Whether a run is in progress right now. */
  readonly running: boolean;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The two jobs the schedule runs. @internal */
export interface BackgroundJobs {
  sync(signal: AbortSignal): Promise<unknown>;
  rematch(signal: AbortSignal): Promise<unknown>;
}

/**
 * Runs `sync` every `everyMs` and `rematch` every `rematchEveryMs`, one job
 * at a time: a job that comes due while another runs waits for it. Timers are
 * unref'd so the schedule never keeps the process alive.
 *
 * @internal
 */
export function startBackgroundSync(jobs: BackgroundJobs, input: BackgroundSyncOptions): BackgroundSyncHandle {
  const options = parseOptions(backgroundOptionsSchema, input, 'startBackgroundSync options');
  const controller = new AbortController();
  const signal = options.signal === undefined ? controller.signal : AbortSignal.any([controller.signal, options.signal]);
  const wait = (ms: number) => Math.round(ms * (1 + options.jitter * options.random()));
  let nextSync = Date.now() + (options.runImmediately ? 0 : wait(options.everyMs));
  let nextRematch = Date.now() + wait(options.rematchEveryMs);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> | undefined;

  const schedule = () => {
    if (signal.aborted) return;
    const delay = Math.max(0, Math.min(nextSync, nextRematch) - Date.now());
    timer = setTimeout(tick, delay);
    timer.unref?.();
  };

  const tick = () => {
    timer = undefined;
    current = (async () => {
      const now = Date.now();
      try {
        if (now >= nextSync) {
          nextSync = now + wait(options.everyMs);
          await jobs.sync(signal);
        }
        if (Date.now() >= nextRematch && !signal.aborted) {
          nextRematch = Date.now() + wait(options.rematchEveryMs);
          await jobs.rematch(signal);
        }
      } catch (error) {
        if (!signal.aborted) options.onError?.(error);
      } finally {
        current = undefined;
        schedule();
      }
    })();
  };

  const stop = async () => {
    controller.abort(new Error('Background sync stopped'));
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    await current;
  };
  signal.addEventListener('abort', () => void stop(), { once: true });
  schedule();

  return {
    stop,
    get running() {
      return current !== undefined;
    },
    [Symbol.asyncDispose]: stop,
  };
}
