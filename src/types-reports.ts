import type { HostUserId } from './library/library-adapter.js';

/** Whether a sync paged through everything or only what is new. */
export type SyncMode = 'full' | 'incremental';

/**
 * What {@link LovedTrackCache.sync} did.
 */
export interface SyncReport {
  readonly user: string;
  readonly mode: SyncMode;
  /** Requests made to the source (retries included when the source counts them). */
  readonly requests: number;
  /** Loves new to the cache. */
  readonly added: number;
  /** Loves found gone from Last.fm in this sync. */
  readonly unloved: number;
  /** Loves matched to a library track in this sync. */
  readonly matched: number;
  /** Favorites created in this sync. */
  readonly favorited: number;
  /** Loves Last.fm reports in all. */
  readonly total: number;
  readonly durationMs: number;
  /** Whether this was a dry run (nothing written). */
  readonly dryRun: boolean;
  /** With `dryRun`: what would be matched and favorited. Empty otherwise. */
  readonly previews: readonly MatchPreview[];
}

/** A match the cache would make, with why. */
export interface MatchPreview {
  /** The stored love, or `null` for a love a dry-run sync fetched but did not store. */
  readonly loveId: number | null;
  readonly artist: string;
  readonly title: string;
  readonly trackId: string;
  readonly score: number;
  readonly reasons: readonly string[];
  /** Whether a favorite would be created (false when the user has it already, or unfavorited it). */
  readonly wouldFavorite: boolean;
}

/**
 * What {@link LovedTrackCache.rematch} did (or, with `dryRun`, would do).
 */
export interface RematchReport {
  readonly user: string;
  /** Unmatched loves looked at. */
  readonly checked: number;
  /** New matches. */
  readonly matched: number;
  /** Favorites created. */
  readonly favorited: number;
  /** Matches undone because the matcher's rules changed and no longer accept them. */
  readonly unmatched: number;
  /** Whether the track index was (re)built from the library first. */
  readonly indexRebuilt: boolean;
  /** Auto-favorites found removed by the user since the last check. */
  readonly userRemovedFavorites: number;
  /** With `dryRun`: the matches that would be made. Empty otherwise. */
  readonly previews: readonly MatchPreview[];
  readonly durationMs: number;
}

/**
 * What a scanner hook did.
 */
export interface TracksChangeReport {
  /** Loves newly matched. */
  readonly matched: number;
  /** Favorites created. */
  readonly favorited: number;
  /** Loves whose match was undone. */
  readonly unmatched: number;
  /** Favorites this library removed. */
  readonly unfavorited: number;
}

/**
 * Numbers for "36 of 9852 loved tracks in library".
 */
export interface CacheStats {
  readonly user: string;
  readonly hostUser: HostUserId | undefined;
  /** Loves currently loved on Last.fm (as of the last sync). */
  readonly loved: number;
  /** Of those, matched to a library track. */
  readonly matched: number;
  /** Of those, not in the library (yet). */
  readonly unmatched: number;
  /** Loves that were unloved on Last.fm (history kept). */
  readonly unloved: number;
  /** Favorites this library created that still stand. */
  readonly autoFavorites: number;
  /** Total Last.fm reported at the last sync. */
  readonly totalReported: number | null;
  /** Last completed sync of any kind (unix seconds). */
  readonly lastSyncAt: number | null;
  readonly lastFullSyncAt: number | null;
  readonly lastIncrementalSyncAt: number | null;
}

/**
 * Builds {@link CacheStats} from what the store keeps (one user's counts,
 * sync state and standing auto-favorites).
 *
 * @internal
 */
export function toCacheStats(
  member: { readonly user: string; readonly hostUser: HostUserId | undefined },
  counts: { readonly loved: number; readonly matched: number; readonly unloved: number },
  state: { readonly totalReported: number | null; readonly lastFullSyncAt: number | null; readonly lastIncrementalSyncAt: number | null } | undefined,
  autoFavorites: number,
): CacheStats {
  const last = Math.max(state?.lastFullSyncAt ?? 0, state?.lastIncrementalSyncAt ?? 0);
  return {
    user: member.user,
    hostUser: member.hostUser,
    loved: counts.loved,
    matched: counts.matched,
    unmatched: counts.loved - counts.matched,
    unloved: counts.unloved,
    autoFavorites,
    totalReported: state?.totalReported ?? null,
    lastSyncAt: last === 0 ? null : last,
    lastFullSyncAt: state?.lastFullSyncAt ?? null,
    lastIncrementalSyncAt: state?.lastIncrementalSyncAt ?? null,
  };
}

/**
 * The stats line in the words players use.
 *
 * @example
 * ```ts
 * formatStats(await cache.stats()); // "36 of 9852 loved tracks in library"
 * ```
 */
export function formatStats(stats: Pick<CacheStats, 'matched' | 'loved'>): string {
  return `${stats.matched} of ${stats.loved} loved tracks in library`;
}
