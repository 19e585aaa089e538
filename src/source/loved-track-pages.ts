import { OptionsError } from '../errors.js';
import type { LovedTrackPage, LovedTrackSource } from './loved-track-source.js';

/**
 * Options of {@link lovedTrackPages}.
 *
 * @example
 * ```ts
 * const options: LovedTrackPagesOptions = { since: 1700000000, signal: AbortSignal.timeout(120_000) };
 * ```
 */
export interface LovedTrackPagesOptions {
  /**
   * Incremental cursor (unix seconds): stop after the first page holding a
   * love strictly older than this. Loves at exactly `since` are still
   * fetched, since several loves can share one second. `null`/`undefined`
   * fetches every page.
   */
  readonly since?: number | null | undefined;
  /** Page to start at (1-based). @default 1 */
  readonly startPage?: number | undefined;
  /** Aborts the iteration, including a request or retry wait in flight. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Yields a user's loved-track pages newest-first, from `startPage` until the
 * last page, or, with `since`, until the first page that reaches loves older
 * than the cursor (that page is yielded too; the caller filters it).
 *
 * Works over any {@link LovedTrackSource}; `LastfmSource.pages()` is this
 * function. Every page's own `totalPages` is used, so loves added while paging
 * extend the walk instead of being cut off.
 *
 * @example
 * ```ts
 * for await (const page of lovedTrackPages(source, 'rj', { since: lastSyncedLovedAt })) {
 *   await store.upsert(page.tracks);
 * }
 * ```
 */
export async function* lovedTrackPages(
  source: LovedTrackSource,
  user: string,
  options: LovedTrackPagesOptions = {},
): AsyncGenerator<LovedTrackPage, void, undefined> {
  const { since, startPage = 1, signal } = options;
  signal?.throwIfAborted();
  if (since !== undefined && since !== null && !Number.isFinite(since)) {
    throw invalid(`Expected \`since\` to be unix seconds, got ${String(since)}`);
  }
  if (!Number.isSafeInteger(startPage) || startPage < 1) {
    throw invalid(`Expected \`startPage\` to be a positive integer, got ${String(startPage)}`);
  }
  for (let page = startPage; ; page++) {
    const result = await source.fetchPage(user, page, { signal });
    yield result;
    if (result.tracks.length === 0 || page >= result.totalPages) return;
    // A love with no date is newer than any cursor, so it never stops the walk.
    if (since !== undefined && since !== null && result.tracks.some((love) => love.lovedAt !== null && love.lovedAt < since)) return;
  }
}

function invalid(message: string): OptionsError {
  return new OptionsError(message, [message]);
}
