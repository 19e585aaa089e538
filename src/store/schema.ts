import type { Generated } from 'kysely';

/**
 * Row types of the cache's own tables, without the table prefix (the store
 * adds it with a plugin). Times are unix seconds unless the name says `_ms`.
 * Track ids are text: the host's ids may be integers or strings.
 *
 * @internal
 */
export interface CacheDatabase {
  loved_tracks: LovedTrackRow;
  sync_state: SyncStateRow;
  sync_leases: SyncLeaseRow;
  auto_favorites: AutoFavoriteRow;
  track_keys: TrackKeyRow;
  match_decisions: MatchDecisionRow;
  cache_meta: CacheMetaRow;
}

/** The table names above, for the prefix plugin. */
export const CACHE_TABLES = [
  'loved_tracks',
  'sync_state',
  'sync_leases',
  'auto_favorites',
  'track_keys',
  'match_decisions',
  'cache_meta',
] as const satisfies readonly (keyof CacheDatabase)[];

export interface LovedTrackRow {
  id: Generated<number>;
  user: string;
  artist: string;
  title: string;
  artist_key: string;
  title_key: string;
  keys_fingerprint: string;
  mbid: string | null;
  loved_at: number | null;
  matched_track_id: string | null;
  match_score: number | null;
  /** JSON array of strings. */
  match_reasons: string | null;
  match_origin: 'auto' | 'manual' | null;
  match_fingerprint: string | null;
  first_seen_at: number;
  /**
   * Stamp (unix ms, strictly increasing per user) of the last sync that saw
   * this love: a full pass marks what it did not see as unloved.
   */
  last_seen_at: number;
  /**
   * Last time matching compared this love with its candidates and rejected
   * them all; later checks only look at tracks indexed since.
   */
  last_checked_at: number | null;
  unloved_at: number | null;
}

export interface SyncStateRow {
  user: string;
  /** Newest `loved_at` seen by a completed sync: the incremental cursor. */
  cursor_loved_at: number | null;
  /** `total` Last.fm reported at the last completed sync. */
  total_reported: number | null;
  last_full_sync_at: number | null;
  last_incremental_sync_at: number | null;
  /** Set while a full pass is under way: its start (also its pass id). */
  full_pass_started_at: number | null;
  /** Last page of the running full pass that was committed. */
  full_pass_page: number | null;
}

export interface SyncLeaseRow {
  user: string;
  owner: string;
  expires_at_ms: number;
}

export interface AutoFavoriteRow {
  user: string;
  host_user: string;
  track_id: string;
  loved_id: number | null;
  created_at: number;
  /** `null` while the favorite stands; else why it went. */
  removed_reason: 'user' | 'unloved' | 'unmatched' | 'track_removed' | 'reset' | null;
  removed_at: number | null;
}

export interface TrackKeyRow {
  track_id: string;
  artist_key: string;
  title_key: string;
  artist: string;
  title: string;
  album: string | null;
  album_artist: string | null;
  duration_ms: number | null;
  mbid: string | null;
  /** Whether the key row is the track's own artist (1) or an extra one (0). */
  is_primary: number;
  indexed_at: number;
}

export interface MatchDecisionRow {
  user: string;
  artist: string;
  title: string;
  track_id: string;
  decision: 'link' | 'reject';
  created_at: number;
}

export interface CacheMetaRow {
  key: string;
  value: string;
}
