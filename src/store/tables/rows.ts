import type { CachedLovedTrack, LibraryTrack } from '../../types.js';
import type { AutoFavoriteRecord, AutoFavoriteRemovalReason, LoveForMatching, MatchedLove, SyncState } from '../loved-track-store.js';
import type { LovedTrackRow, SyncStateRow } from '../schema.js';

// Row <-> domain conversions shared by the table modules. Drivers return
// bigint and numeric columns as strings or numbers; everything goes through
// Number() here. @internal

export function pairKey(artist: string, title: string): string {
  return `${artist}\u0000${title}`;
}

export function num(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function toSyncState(row: SyncStateRow): SyncState {
  return {
    user: row.user,
    cursorLovedAt: num(row.cursor_loved_at),
    totalReported: num(row.total_reported),
    lastFullSyncAt: num(row.last_full_sync_at),
    lastIncrementalSyncAt: num(row.last_incremental_sync_at),
    fullPassStartedAt: num(row.full_pass_started_at),
    fullPassPage: num(row.full_pass_page),
  };
}

export function toLoveForMatching(row: { id: number; artist: string; title: string; mbid: string | null; artist_key: string; title_key: string }): LoveForMatching {
  return { id: Number(row.id), artist: row.artist, title: row.title, mbid: row.mbid, artistKey: row.artist_key, titleKey: row.title_key };
}

export function toMatchedLove(row: Parameters<typeof toLoveForMatching>[0] & { matched_track_id: string | null; match_origin: 'auto' | 'manual' | null }): MatchedLove {
  return { ...toLoveForMatching(row), trackId: row.matched_track_id as string, origin: row.match_origin === 'manual' ? 'manual' : 'auto' };
}

export function toCachedLove(row: Omit<LovedTrackRow, 'id'> & { id: number }): CachedLovedTrack {
  return {
    id: Number(row.id),
    user: row.user,
    artist: row.artist,
    title: row.title,
    mbid: row.mbid,
    lovedAt: num(row.loved_at),
    matchedTrackId: row.matched_track_id,
    matchScore: num(row.match_score),
    matchReasons: row.match_reasons === null ? [] : (JSON.parse(row.match_reasons) as string[]),
    matchOrigin: row.match_origin,
    firstSeenAt: Number(row.first_seen_at),
    lastCheckedAt: num(row.last_checked_at),
    unlovedAt: num(row.unloved_at),
  };
}

export type TrackIndexRowLike = { track_id: string; artist: string; title: string; album: string | null; album_artist: string | null; duration_ms: number | null; mbid: string | null };

export function toLibraryTrack(row: TrackIndexRowLike): LibraryTrack {
  return {
    id: row.track_id,
    artist: row.artist,
    title: row.title,
    album: row.album,
    albumArtist: row.album_artist,
    durationMs: num(row.duration_ms),
    mbid: row.mbid,
  };
}

export function toFavoriteRecord(row: { track_id: string; loved_id: number | null; created_at: number; removed_reason: AutoFavoriteRemovalReason | null }): AutoFavoriteRecord {
  return { trackId: row.track_id, lovedId: num(row.loved_id), createdAt: Number(row.created_at), removedReason: row.removed_reason };
}
