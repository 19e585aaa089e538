import type { CachedLovedTrack, LibraryTrack, LovedTrack, MatchOrigin } from '../types.js';

/** A love with the matcher's keys, ready to be stored. */
export interface KeyedLove extends LovedTrack {
  readonly artistKey: string;
  readonly titleKey: string;
}

/** A library track with its matching keys, for the track index. */
export interface KeyedTrack {
  readonly track: LibraryTrack;
  /** Every artist key the track answers to; the first is its own artist. */
  readonly artistKeys: readonly string[];
  readonly titleKey: string;
}

/** Per-user sync bookkeeping. Times are unix seconds. */
export interface SyncState {
  readonly user: string;
  /** Newest love time seen by the last completed sync: the incremental cursor. */
  readonly cursorLovedAt: number | null;
  /** Loved-track total Last.fm reported at the last completed sync. */
  readonly totalReported: number | null;
  readonly lastFullSyncAt: number | null;
  readonly lastIncrementalSyncAt: number | null;
  /** Set while a full pass runs (or crashed): when it began. */
  readonly fullPassStartedAt: number | null;
  /** The last page the running full pass committed. */
  readonly fullPassPage: number | null;
}

/** Changes to {@link SyncState}; `undefined` fields are left as they are. */
export type SyncStatePatch = { -readonly [K in Exclude<keyof SyncState, 'user'>]?: SyncState[K] };

/** A love the matcher should look at. */
export interface LoveForMatching {
  readonly id: number;
  readonly artist: string;
  readonly title: string;
  readonly mbid: string | null;
  readonly artistKey: string;
  readonly titleKey: string;
}

/** A match to record. */
export interface MatchWrite {
  readonly loveId: number;
  readonly trackId: string;
  readonly score: number;
  readonly reasons: readonly string[];
  readonly origin: MatchOrigin;
  readonly fingerprint: string;
}

/** A love that is matched, as the scanner hooks and resets need it. */
export interface MatchedLove extends LoveForMatching {
  readonly trackId: string;
  readonly origin: MatchOrigin;
}

/** Why a favorite this library created went away. */
export type AutoFavoriteRemovalReason = 'user' | 'unloved' | 'unmatched' | 'track_removed' | 'reset';

/** The record of one favorite this library created. */
export interface AutoFavoriteRecord {
  readonly trackId: string;
  readonly lovedId: number | null;
  readonly createdAt: number;
  readonly removedReason: AutoFavoriteRemovalReason | null;
}

/** A manual match decision. */
export interface MatchDecision {
  readonly artist: string;
  readonly title: string;
  readonly trackId: string;
  readonly decision: 'link' | 'reject';
}

/** Counts for {@link LovedTrackStore.counts}. */
export interface StoreCounts {
  readonly loved: number;
  readonly matched: number;
  readonly unloved: number;
}

/** Result of {@link LovedTrackStore.migrate}. */
export interface MigrationReport {
  /** Migrations applied by this call, in order (empty when up to date). */
  readonly applied: readonly string[];
}

/**
 * Where the cache keeps its state: every SQL statement for the cache's own
 * tables goes through this contract. {@link KyselyLovedTrackStore} implements
 * it for SQLite and PostgreSQL.
 *
 * All methods are scoped to a Last.fm `user` where the data is per user; the
 * track index is shared by every user of one database and prefix.
 */
export interface LovedTrackStore {
  /** Creates or upgrades the cache's tables. Safe to run twice. */
  migrate(): Promise<MigrationReport>;

  getSyncState(user: string): Promise<SyncState | undefined>;
  updateSyncState(user: string, patch: SyncStatePatch): Promise<void>;

  /**
   * Stores one page of loves in one transaction, then applies `statePatch`
   * in the same transaction (so a cursor never runs ahead of its loves).
   * Upserts by user+artist+title; a love seen again loses its `unlovedAt`.
   * Returns how many loves were not in the cache before.
   */
  writeLoves(user: string, loves: readonly KeyedLove[], seenAt: number, fingerprint: string, statePatch?: SyncStatePatch): Promise<{ readonly inserted: number }>;
  /** The greatest `seenAt` stamp any love of `user` carries (0 when none). */
  maxSeenStamp(user: string): Promise<number>;
  /** Loves (not unloved) whose `last_seen_at` is before `passStartedAt`. */
  countSeenSince(user: string, passStartedAt: number): Promise<number>;
  /** Marks loves not seen since `passStartedAt` as unloved; returns them. */
  markUnlovedNotSeenSince(user: string, passStartedAt: number, now: number): Promise<readonly { readonly id: number; readonly trackId: string | null }[]>;

  /** Unmatched, not unloved loves with id > `afterId`, in id order. */
  unmatchedLoves(user: string, options: { afterId: number; limit: number }): Promise<readonly LoveForMatching[]>;
  /** Loves whose keys were computed by another fingerprint. */
  lovesWithStaleKeys(user: string, fingerprint: string, limit: number): Promise<readonly LoveForMatching[]>;
  /** `user`, when given, is added to the statement's filter (the engine always gives it: distributed engines route on it). */
  updateLoveKeys(rows: readonly { id: number; artistKey: string; titleKey: string }[], fingerprint: string, user?: string): Promise<void>;
  /** Matched loves of `user` (all, or those matched to `trackIds`). */
  matchedLoves(user: string, options: { trackIds?: readonly string[]; afterId?: number; limit?: number; staleFingerprint?: string }): Promise<readonly MatchedLove[]>;
  /** Unmatched loves whose keys equal one of the given keys (scanner hooks). */
  unmatchedLovesByKeys(user: string, artistKeys: readonly string[], titleKeys: readonly string[]): Promise<readonly LoveForMatching[]>;
  /** Loves are named by id; `user`, when given, is added to the filter (as for the other writes by id). */
  setMatches(matches: readonly MatchWrite[], checkedAt: number, user?: string): Promise<void>;
  clearMatches(loveIds: readonly number[], user?: string): Promise<void>;
  /** Sets `last_checked_at` of these loves: they were compared with every candidate indexed until then. */
  markChecked(loveIds: readonly number[], checkedAt: number, user?: string): Promise<void>;
  /** Paged list of stored loves. */
  listLoves(user: string, options: { matched?: boolean; limit: number; offset: number }): Promise<readonly CachedLovedTrack[]>;
  findLove(user: string, artist: string, title: string): Promise<CachedLovedTrack | undefined>;
  counts(user: string): Promise<StoreCounts>;
  /** Deletes every love and the sync state of `user` (not decisions or favorite records). */
  deleteUserData(user: string): Promise<void>;

  /** Fingerprint and build time of the track index, if built. */
  getIndexState(): Promise<{ readonly fingerprint: string; readonly builtAt: number } | undefined>;
  setIndexState(state: { fingerprint: string; builtAt: number } | undefined): Promise<void>;
  /**
   * Starts a rebuild: forgets the index state, removes every row and may drop
   * secondary indexes so the bulk load is fast. Until
   * {@link LovedTrackStore.finishTrackIndexRebuild} the index is unusable
   * (its state is unset, so a crash leads to a new rebuild).
   */
  beginTrackIndexRebuild(): Promise<void>;
  /** Ends a rebuild: restores secondary indexes and records the state. */
  finishTrackIndexRebuild(state: { fingerprint: string; builtAt: number }): Promise<void>;
  /**
   * Inserts index rows for these tracks (batched, one transaction). With
   * `replace`, a track's earlier rows are deleted first (re-tags).
   */
  upsertTrackKeys(tracks: readonly KeyedTrack[], indexedAt: number, options: { replace: boolean }): Promise<void>;
  deleteTrackKeys(trackIds: readonly string[]): Promise<void>;
  /** Index entries of these tracks, as library tracks. */
  indexedTracks(trackIds: readonly string[]): Promise<readonly LibraryTrack[]>;
  /**
   * Candidates for each love: tracks sharing its artist key and title key
   * (`exact`), or, with `fuzzy`, its artist key or its title key. At most
   * `perLove` candidates per block per love. With `onlyUnchecked`, only
   * tracks indexed at or after the love's `last_checked_at` (the others were
   * compared with it already and did not match).
   */
  candidates(loves: readonly LoveForMatching[], options: { fuzzy: boolean; perLove: number; onlyUnchecked?: boolean; user?: string }): Promise<ReadonlyMap<number, readonly LibraryTrack[]>>;
  /** Matched loves of `user` whose track is not in the index (any more). */
  matchedLovesWithoutTrack(user: string): Promise<readonly MatchedLove[]>;
  /** Number of distinct tracks in the index. */
  indexedTrackCount(): Promise<number>;
  /**
   * Index entries sharing one of these artist keys or title keys, at most
   * `limit` per key (for matching loves that are not stored, as in a dry run).
   */
  tracksByKeys(artistKeys: readonly string[], titleKeys: readonly string[], limit: number): Promise<readonly (LibraryTrack & { readonly artistKey: string; readonly titleKey: string })[]>;
  /** Which of these loves the cache holds, keyed `artist + "\u0000" + title`, and whether each is matched. */
  knownLoves(user: string, loves: readonly { artist: string; title: string }[]): Promise<ReadonlyMap<string, { readonly matched: boolean }>>;

  autoFavorites(user: string, hostUser: string, trackIds: readonly string[]): Promise<ReadonlyMap<string, AutoFavoriteRecord>>;
  activeAutoFavorites(user: string, hostUser: string, options: { afterTrackId?: string; limit: number }): Promise<readonly AutoFavoriteRecord[]>;
  recordAutoFavorites(user: string, hostUser: string, rows: readonly { trackId: string; lovedId: number | null }[], now: number): Promise<void>;
  markAutoFavoritesRemoved(user: string, hostUser: string, trackIds: readonly string[], reason: AutoFavoriteRemovalReason, now: number): Promise<void>;
  countActiveAutoFavorites(user: string, hostUser: string): Promise<number>;
  deleteAutoFavoriteRecords(user: string, hostUser: string): Promise<void>;

  addDecision(user: string, decision: MatchDecision, now: number): Promise<void>;
  decisions(user: string, pairs?: readonly { artist: string; title: string }[]): Promise<readonly MatchDecision[]>;
  deleteDecisions(user: string): Promise<void>;

  /**
   * Takes the sync lease of `user` for `owner` until `now + ttlMs`, if it is
   * free, expired or already `owner`'s. Returns whether it was taken.
   */
  acquireLease(user: string, owner: string, ttlMs: number, nowMs: number): Promise<{ readonly acquired: boolean; readonly expiresAtMs: number }>;
  releaseLease(user: string, owner: string): Promise<void>;

  /**
   * Unmatched loves of any of `users` that share an artist key or a title
   * key with the given keys, each with its user: one lookup for a whole
   * {@link LovedTrackCacheGroup} instead of one per user. Optional: a group
   * over a store without it asks each user in turn.
   */
  unmatchedLovesByKeysForUsers?(users: readonly string[], artistKeys: readonly string[], titleKeys: readonly string[]): Promise<readonly (LoveForMatching & { readonly user: string })[]>;
  /**
   * Counts, sync states and standing auto-favorites (keyed
   * `user + "\u0000" + hostUser`) of many users in a few statements.
   * Optional: a group over a store without it asks each user in turn.
   */
  statsForUsers?(users: readonly string[]): Promise<UsersStats>;
  /** The users with a love matched to one of these tracks. Optional, like the two above. */
  usersMatchedTo?(trackIds: readonly string[]): Promise<ReadonlySet<string>>;
}

/** What {@link LovedTrackStore.statsForUsers} returns. */
export interface UsersStats {
  readonly counts: ReadonlyMap<string, StoreCounts>;
  readonly states: ReadonlyMap<string, SyncState>;
  /** Keyed `user + "\u0000" + hostUser`. */
  readonly autoFavorites: ReadonlyMap<string, number>;
}
