import type { LibraryTrack } from '../types.js';

/**
 * What the matcher needs of a loved track.
 *
 * @example
 * ```ts
 * const loved: LovedTrackInput = { artist: 'Johnny Cash', title: 'Hurt' };
 * ```
 */
export interface LovedTrackInput {
  readonly artist: string;
  readonly title: string;
  /** MusicBrainz recording id; equal ids on both sides decide a match at once. */
  readonly mbid?: string | null | undefined;
}

/**
 * The verdict of {@link Matcher.compare}.
 */
export interface MatchResult {
  /** Whether the pair is good enough to favorite. */
  readonly accepted: boolean;
  /** Confidence from 0 (nothing alike) to 1 (certain). */
  readonly score: number;
  /** In words, which rules fired (for "why was this favorited?"). */
  readonly reasons: readonly string[];
}

/** A library track with the verdict on it. */
export interface ScoredCandidate<T extends LibraryTrack = LibraryTrack> extends MatchResult {
  readonly track: T;
}

/**
 * The normalized keys of a loved track. Exact matching joins these with
 * {@link TrackKeys} in SQL; they are also the blocking keys that pick the few
 * candidates fuzzy comparison looks at.
 */
export interface LovedKeys {
  /** Normalized main artist (aliases applied, featured artists removed). */
  readonly artist: string;
  /** Normalized title (same-recording version suffixes removed). */
  readonly title: string;
}

/**
 * The normalized keys of a library track.
 */
export interface TrackKeys {
  /**
   * Every artist key the track answers to: the whole artist, each credited
   * artist ("A, B & C"), the album artist. Deduplicated, never empty.
   */
  readonly artists: readonly string[];
  /** Normalized title. */
  readonly title: string;
}

/**
 * Decides whether a loved track and a library track are the same recording.
 * Pure: no I/O, no state that changes between calls.
 *
 * Replace the default ({@link createMatcher}) by passing your own object to
 * `LovedTrackCache`; change {@link Matcher.fingerprint} whenever your rules
 * change so stored keys are rebuilt.
 *
 * @example
 * ```ts
 * const matcher = createMatcher();
 * matcher.compare({ artist: 'Björk', title: 'Jóga' }, { id: 1, artist: 'Bjork', title: 'Joga' }).accepted; // true
 * ```
 */
export interface Matcher {
  /**
   * Identifies the rule set and its options. Stored with every key; when it
   * changes, the cache rebuilds keys and re-checks matches made by the old rules.
   */
  readonly fingerprint: string;
  /** Keys of a loved track (for exact joins and blocking). */
  lovedKeys(loved: LovedTrackInput): LovedKeys;
  /** Keys of a library track (for exact joins and blocking). */
  trackKeys(track: LibraryTrack): TrackKeys;
  /** Compares one pair. Never throws. */
  compare(loved: LovedTrackInput, track: LibraryTrack): MatchResult;
  /**
   * The best accepted candidates: empty when none is accepted; one under the
   * default tie policy; every equally good one under `ties: 'all'`.
   * Deterministic: the same input always gives the same answer.
   */
  best<T extends LibraryTrack>(loved: LovedTrackInput, candidates: readonly T[]): ScoredCandidate<T>[];
}
