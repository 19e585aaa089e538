/**
 * Domain types shared by every component.
 *
 * @module
 */

/**
 * The id of a track in the host's library. Hosts use integer or text keys;
 * the cache stores ids as text and hands them back exactly as the
 * {@link LibraryAdapter} produced them.
 */
export type TrackId = string | number;

/**
 * One loved track as a {@link LovedTrackSource} reports it.
 *
 * @example
 * ```ts
 * const love: LovedTrack = { artist: 'Queen', title: 'Bohemian Rhapsody', lovedAt: 1700000000 };
 * ```
 */
export interface LovedTrack {
  /** Artist name as Last.fm spells it. */
  readonly artist: string;
  /** Track title as Last.fm spells it. */
  readonly title: string;
  /** MusicBrainz recording id, when Last.fm knows it (often absent). */
  readonly mbid?: string | undefined;
  /** MusicBrainz artist id, when known. */
  readonly artistMbid?: string | undefined;
  /**
   * When the track was loved, in unix seconds. `null` for a love Last.fm
   * returned without a date (seen on tracks loved a moment ago).
   */
  readonly lovedAt: number | null;
  /** The track's Last.fm page, when given. */
  readonly url?: string | undefined;
}

/**
 * One track of the host's library, as a {@link LibraryAdapter} reads it.
 *
 * @example
 * ```ts
 * const track: LibraryTrack = { id: 42, artist: 'Queen', title: 'Bohemian Rhapsody', album: 'A Night at the Opera' };
 * ```
 */
export interface LibraryTrack {
  /** The host's id for the track. */
  readonly id: TrackId;
  /** Track artist tag. */
  readonly artist: string;
  /** Track title tag. */
  readonly title: string;
  /** Album title tag. */
  readonly album?: string | null | undefined;
  /** Album artist tag (often "Various Artists" on compilations). */
  readonly albumArtist?: string | null | undefined;
  /** Duration in milliseconds. */
  readonly durationMs?: number | null | undefined;
  /** MusicBrainz recording id tag. */
  readonly mbid?: string | null | undefined;
}

/** How a stored love came to be matched. */
export type MatchOrigin = 'auto' | 'manual';

/**
 * A loved track as the cache stores it, with its matching state.
 */
export interface CachedLovedTrack {
  /** Row id in the cache. */
  readonly id: number;
  /** Last.fm user the love belongs to. */
  readonly user: string;
  readonly artist: string;
  readonly title: string;
  readonly mbid: string | null;
  /** When the track was loved (unix seconds), `null` when Last.fm gave no date. */
  readonly lovedAt: number | null;
  /** The host track this love is matched to, or `null`. */
  readonly matchedTrackId: string | null;
  /** Match confidence from 0 to 1, or `null` when unmatched. */
  readonly matchScore: number | null;
  /** Which rules made the match, in words. */
  readonly matchReasons: readonly string[];
  /** Whether the matcher or the user (with `link()`) made the match. */
  readonly matchOrigin: MatchOrigin | null;
  /** First time this love was seen by a sync (unix seconds). */
  readonly firstSeenAt: number;
  /** Last time matching looked at this love (unix seconds), or `null`. */
  readonly lastCheckedAt: number | null;
  /** When a sync found this love gone from Last.fm (unix seconds), or `null`. */
  readonly unlovedAt: number | null;
}
