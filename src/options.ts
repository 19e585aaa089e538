import { z } from 'zod';
import type { LibraryAdapter } from './library/library-adapter.js';
import type { Matcher } from './matcher/matcher.js';
import type { LovedTrackSource } from './source/loved-track-source.js';
import type { LovedTrackStore } from './store/loved-track-store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const hasMethods = (...names: string[]) => (value: unknown) =>
  typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

/**
 * Schema of {@link LovedTrackCacheOptions}; every default lives here.
 *
 * @internal
 */
export const cacheOptionsSchema = z.object({
  user: z.string().trim().min(1, 'to be a non-empty Last.fm user name'),
  hostUser: z.union([z.string(), z.number()]).optional(),
  store: z.custom<LovedTrackStore>(hasMethods('migrate', 'writeLoves', 'candidates'), { message: 'to be a LovedTrackStore (e.g. new KyselyLovedTrackStore({ db }))' }),
  source: z.custom<LovedTrackSource>(hasMethods('fetchPage'), { message: 'to be a LovedTrackSource (e.g. new LastfmSource({ apiKey }))' }),
  library: z.custom<LibraryAdapter>(hasMethods('tracks', 'getTracks', 'favorited', 'addFavorites', 'removeFavorites'), {
    message: 'to be a LibraryAdapter (e.g. new TableLibraryAdapter({ ... }))',
  }),
  matcher: z.custom<Matcher>(hasMethods('compare', 'best', 'lovedKeys', 'trackKeys'), { message: 'to be a Matcher (e.g. createMatcher())' }).optional(),
  onUnlove: z.enum(['keep', 'remove-favorite']).default('keep'),
  reconcileEveryMs: z.number().int().min(0, 'to be a non-negative number of milliseconds').default(7 * DAY_MS),
  batchSize: z.number().int().min(1).max(10_000, 'to be an integer from 1 to 10000').default(1000),
  candidatesPerLove: z.number().int().min(1).max(10_000).default(200),
  leaseTtlMs: z.number().int().min(1000, 'to be at least 1000 ms').default(10 * 60 * 1000),
  now: z.custom<() => number>((value) => typeof value === 'function', { message: 'to be a function returning unix ms' }).default(() => Date.now),
});

/**
 * Options of {@link LovedTrackCache}.
 *
 * @example
 * ```ts
 * const cache = new LovedTrackCache({
 *   user: 'rj',
 *   store: new KyselyLovedTrackStore({ db }),
 *   source: new LastfmSource({ apiKey: process.env.LASTFM_API_KEY! }),
 *   library: new TableLibraryAdapter({ db, tracks: { table: 'library' }, favorites: { table: 'favorites' } }),
 * });
 * ```
 */
export interface LovedTrackCacheOptions {
  /** The Last.fm user whose loves this cache keeps. Every call is scoped to it. */
  readonly user: string;
  /**
   * The host's user id that favorites are written for (multi-user servers).
   * @default undefined (single-user host)
   */
  readonly hostUser?: string | number | undefined;
  /** Where the cache keeps its state. */
  readonly store: LovedTrackStore;
  /** Where loves come from. */
  readonly source: LovedTrackSource;
  /** The host's tracks and favorites. */
  readonly library: LibraryAdapter;
  /**
   * Decides what matches.
   * @default createMatcher()
   */
  readonly matcher?: Matcher | undefined;
  /**
   * What happens to a favorite this library created when the track is
   * unloved on Last.fm. A manual favorite is never removed.
   * @default 'keep'
   */
  readonly onUnlove?: 'keep' | 'remove-favorite' | undefined;
  /**
   * How often a sync does a full pass (to find unloves) even when the
   * counts agree, in ms.
   * @default 604800000 (one week)
   */
  readonly reconcileEveryMs?: number | undefined;
  /**
   * Rows per batch when reading the library and matching loves.
   * @default 1000
   */
  readonly batchSize?: number | undefined;
  /**
   * Fuzzy candidates looked at per love and block (artist or title).
   * @default 200
   */
  readonly candidatesPerLove?: number | undefined;
  /**
   * How long a sync lease lasts before another process may take it over
   * (renewed after every page).
   * @default 600000 (ten minutes)
   */
  readonly leaseTtlMs?: number | undefined;
  /**
   * Clock in unix ms, for tests.
   * @default Date.now
   */
  readonly now?: (() => number) | undefined;
}
