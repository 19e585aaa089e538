import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DialectMismatchError } from '../errors.js';
import { assertIdentifier, assertPrefix } from '../internal/identifiers.js';
import { parseOptions } from '../internal/parse-options.js';
import type { CachedLovedTrack, LibraryTrack } from '../types.js';
import { DIALECT_NAMES, adapterName, detectDialect, dialectTraits, type StoreDialect } from './dialect.js';
import type {
  AutoFavoriteRecord,
  AutoFavoriteRemovalReason,
  KeyedLove,
  KeyedTrack,
  LoveForMatching,
  LovedTrackStore,
  MatchDecision,
  MatchedLove,
  MatchWrite,
  MigrationReport,
  StoreCounts,
  SyncState,
  SyncStatePatch,
  UsersStats,
} from './loved-track-store.js';
import { assertNoForeignTables } from './foreign-tables.js';
import { runMigrations } from './migrations/run-migrations.js';
import { createStoreContext, type StoreContext } from './store-context.js';
import * as favorites from './tables/favorites.js';
import * as group from './tables/group.js';
import * as leases from './tables/leases.js';
import * as loves from './tables/loves.js';
import * as meta from './tables/meta.js';
import * as trackIndex from './tables/track-index.js';

const storeOptionsSchema = z.object({
  db: z.custom<Kysely<any>>((value) => typeof value === 'object' && value !== null && typeof (value as Kysely<any>).getExecutor === 'function', {
    message: 'to be a Kysely instance',
  }),
  tablePrefix: z.string().default('lastfm_'),
  schema: z.string().optional(),
  dialect: z.enum(DIALECT_NAMES).optional(),
});

/**
 * Options of {@link KyselyLovedTrackStore}.
 */
export interface KyselyStoreOptions {
  /**
   * The host's Kysely instance. The store never opens a connection of its own.
   * @example
   * ```ts
   * new Kysely({ dialect: new SqliteDialect({ database: new Database('player.db') }) })
   * ```
   */
  readonly db: Kysely<any>;
  /**
   * Prefix of the cache's table names.
   * @default 'lastfm_'
   */
  readonly tablePrefix?: string | undefined;
  /**
   * PostgreSQL schema (on MySQL: database) for the cache's tables, created
   * if missing.
   * @default the connection's search_path (MySQL: the connection's database)
   */
  readonly schema?: string | undefined;
  /**
   * The SQL dialect; detected from the Kysely adapter when omitted. A value
   * that contradicts the detected adapter throws {@link DialectMismatchError}.
   * @example 'mysql'
   */
  readonly dialect?: StoreDialect | undefined;
}

/**
 * The SQL store of the cache, for SQLite (better-sqlite3), PostgreSQL (pg,
 * PGlite) and MySQL/MariaDB (mysql2) through an injected Kysely instance. Tables carry `tablePrefix`.
 *
 * A thin facade: the queries live in one module per table family under
 * `src/store/tables/`, every dialect difference in `src/store/dialects/`.
 *
 * @example
 * ```ts
 * const store = new KyselyLovedTrackStore({ db, tablePrefix: 'lastfm_' });
 * await store.migrate();
 * ```
 */
export class KyselyLovedTrackStore implements LovedTrackStore {
  readonly #ctx: StoreContext;

  constructor(options: KyselyStoreOptions) {
    const parsed = parseOptions(storeOptionsSchema, options, 'KyselyLovedTrackStore options');
    const prefix = assertPrefix(parsed.tablePrefix, '`tablePrefix`');
    const schema = parsed.schema === undefined ? undefined : assertIdentifier(parsed.schema, '`schema`');
    // The hint may name a dialect the adapter does not reveal (a third-party
    // dialect package); it may not contradict one it does: following a wrong
    // hint fails later with a driver error far from the cause.
    const detected = detectDialect(parsed.db);
    if (detected === undefined ? parsed.dialect === undefined : parsed.dialect !== undefined && parsed.dialect !== detected) {
      throw new DialectMismatchError({ requested: parsed.dialect, detected, adapter: adapterName(parsed.db), supported: DIALECT_NAMES });
    }
    const dialect = (parsed.dialect ?? detected) as StoreDialect;
    this.#ctx = createStoreContext({ db: parsed.db, prefix, schema, dialect: dialectTraits(dialect) });
  }

  /** The detected or configured dialect. */
  get dialect(): StoreDialect {
    return this.#ctx.dialect.dialect;
  }

  /** The table prefix in use. */
  get tablePrefix(): string {
    return this.#ctx.prefix;
  }

  migrate(): Promise<MigrationReport> {
    return assertNoForeignTables(this.#ctx).then(() => runMigrations(this.#ctx));
  }

  // Loves and sync state (tables/loves.ts).

  getSyncState(user: string): Promise<SyncState | undefined> {
    return loves.getSyncState(this.#ctx, user);
  }

  updateSyncState(user: string, patch: SyncStatePatch): Promise<void> {
    return loves.updateSyncState(this.#ctx, user, patch);
  }

  writeLoves(user: string, rows: readonly KeyedLove[], seenAt: number, fingerprint: string, statePatch?: SyncStatePatch): Promise<{ readonly inserted: number }> {
    return loves.writeLoves(this.#ctx, user, rows, seenAt, fingerprint, statePatch);
  }

  maxSeenStamp(user: string): Promise<number> {
    return loves.maxSeenStamp(this.#ctx, user);
  }

  countSeenSince(user: string, passStartedAt: number): Promise<number> {
    return loves.countSeenSince(this.#ctx, user, passStartedAt);
  }

  markUnlovedNotSeenSince(user: string, passStartedAt: number, now: number): Promise<readonly { readonly id: number; readonly trackId: string | null }[]> {
    return loves.markUnlovedNotSeenSince(this.#ctx, user, passStartedAt, now);
  }

  unmatchedLoves(user: string, options: { afterId: number; limit: number }): Promise<readonly LoveForMatching[]> {
    return loves.unmatchedLoves(this.#ctx, user, options);
  }

  lovesWithStaleKeys(user: string, fingerprint: string, limit: number): Promise<readonly LoveForMatching[]> {
    return loves.lovesWithStaleKeys(this.#ctx, user, fingerprint, limit);
  }

  updateLoveKeys(rows: readonly { id: number; artistKey: string; titleKey: string }[], fingerprint: string, user?: string): Promise<void> {
    return loves.updateLoveKeys(this.#ctx, rows, fingerprint, user);
  }

  matchedLoves(user: string, options: { trackIds?: readonly string[]; afterId?: number; limit?: number; staleFingerprint?: string }): Promise<readonly MatchedLove[]> {
    return loves.matchedLoves(this.#ctx, user, options);
  }

  unmatchedLovesByKeys(user: string, artistKeys: readonly string[], titleKeys: readonly string[]): Promise<readonly LoveForMatching[]> {
    return loves.unmatchedLovesByKeys(this.#ctx, user, artistKeys, titleKeys);
  }

  setMatches(matches: readonly MatchWrite[], checkedAt: number, user?: string): Promise<void> {
    return loves.setMatches(this.#ctx, matches, checkedAt, user);
  }

  clearMatches(loveIds: readonly number[], user?: string): Promise<void> {
    return loves.clearMatches(this.#ctx, loveIds, user);
  }

  markChecked(loveIds: readonly number[], checkedAt: number, user?: string): Promise<void> {
    return loves.markChecked(this.#ctx, loveIds, checkedAt, user);
  }

  listLoves(user: string, options: { matched?: boolean; limit: number; offset: number }): Promise<readonly CachedLovedTrack[]> {
    return loves.listLoves(this.#ctx, user, options);
  }

  findLove(user: string, artist: string, title: string): Promise<CachedLovedTrack | undefined> {
    return loves.findLove(this.#ctx, user, artist, title);
  }

  counts(user: string): Promise<StoreCounts> {
    return loves.counts(this.#ctx, user);
  }

  deleteUserData(user: string): Promise<void> {
    return loves.deleteUserData(this.#ctx, user);
  }

  knownLoves(user: string, rows: readonly { artist: string; title: string }[]): Promise<ReadonlyMap<string, { readonly matched: boolean }>> {
    return loves.knownLoves(this.#ctx, user, rows);
  }

  matchedLovesWithoutTrack(user: string): Promise<readonly MatchedLove[]> {
    return loves.matchedLovesWithoutTrack(this.#ctx, user);
  }

  // Track index (tables/track-index.ts) and its state (tables/meta.ts).

  getIndexState(): Promise<{ readonly fingerprint: string; readonly builtAt: number } | undefined> {
    return meta.getIndexState(this.#ctx);
  }

  setIndexState(state: { fingerprint: string; builtAt: number } | undefined): Promise<void> {
    return meta.setIndexState(this.#ctx, state);
  }

  beginTrackIndexRebuild(): Promise<void> {
    return trackIndex.beginTrackIndexRebuild(this.#ctx);
  }

  finishTrackIndexRebuild(state: { fingerprint: string; builtAt: number }): Promise<void> {
    return trackIndex.finishTrackIndexRebuild(this.#ctx, state);
  }

  upsertTrackKeys(tracks: readonly KeyedTrack[], indexedAt: number, options: { replace: boolean }): Promise<void> {
    return trackIndex.upsertTrackKeys(this.#ctx, tracks, indexedAt, options);
  }

  deleteTrackKeys(trackIds: readonly string[]): Promise<void> {
    return trackIndex.deleteTrackKeys(this.#ctx, trackIds);
  }

  indexedTracks(trackIds: readonly string[]): Promise<readonly LibraryTrack[]> {
    return trackIndex.indexedTracks(this.#ctx, trackIds);
  }

  candidates(rows: readonly LoveForMatching[], options: { fuzzy: boolean; perLove: number; onlyUnchecked?: boolean; user?: string }): Promise<ReadonlyMap<number, readonly LibraryTrack[]>> {
    return trackIndex.candidates(this.#ctx, rows, options);
  }

  indexedTrackCount(): Promise<number> {
    return trackIndex.indexedTrackCount(this.#ctx);
  }

  tracksByKeys(
    artistKeys: readonly string[],
    titleKeys: readonly string[],
    limit: number,
  ): Promise<readonly (LibraryTrack & { readonly artistKey: string; readonly titleKey: string })[]> {
    return trackIndex.tracksByKeys(this.#ctx, artistKeys, titleKeys, limit);
  }

  // Auto-favorites and decisions (tables/favorites.ts).

  autoFavorites(user: string, hostUser: string, trackIds: readonly string[]): Promise<ReadonlyMap<string, AutoFavoriteRecord>> {
    return favorites.autoFavorites(this.#ctx, user, hostUser, trackIds);
  }

  activeAutoFavorites(user: string, hostUser: string, options: { afterTrackId?: string; limit: number }): Promise<readonly AutoFavoriteRecord[]> {
    return favorites.activeAutoFavorites(this.#ctx, user, hostUser, options);
  }

  recordAutoFavorites(user: string, hostUser: string, rows: readonly { trackId: string; lovedId: number | null }[], now: number): Promise<void> {
    return favorites.recordAutoFavorites(this.#ctx, user, hostUser, rows, now);
  }

  markAutoFavoritesRemoved(user: string, hostUser: string, trackIds: readonly string[], reason: AutoFavoriteRemovalReason, now: number): Promise<void> {
    return favorites.markAutoFavoritesRemoved(this.#ctx, user, hostUser, trackIds, reason, now);
  }

  countActiveAutoFavorites(user: string, hostUser: string): Promise<number> {
    return favorites.countActiveAutoFavorites(this.#ctx, user, hostUser);
  }

  deleteAutoFavoriteRecords(user: string, hostUser: string): Promise<void> {
    return favorites.deleteAutoFavoriteRecords(this.#ctx, user, hostUser);
  }

  addDecision(user: string, decision: MatchDecision, now: number): Promise<void> {
    return favorites.addDecision(this.#ctx, user, decision, now);
  }

  decisions(user: string, pairs?: readonly { artist: string; title: string }[]): Promise<readonly MatchDecision[]> {
    return favorites.decisions(this.#ctx, user, pairs);
  }

  deleteDecisions(user: string): Promise<void> {
    return favorites.deleteDecisions(this.#ctx, user);
  }

  // Leases (tables/leases.ts).

  acquireLease(user: string, owner: string, ttlMs: number, nowMs: number): Promise<{ readonly acquired: boolean; readonly expiresAtMs: number }> {
    return leases.acquireLease(this.#ctx, user, owner, ttlMs, nowMs);
  }

  releaseLease(user: string, owner: string): Promise<void> {
    return leases.releaseLease(this.#ctx, user, owner);
  }

  unmatchedLovesByKeysForUsers(users: readonly string[], artistKeys: readonly string[], titleKeys: readonly string[]): Promise<readonly (LoveForMatching & { readonly user: string })[]> {
    return loves.unmatchedLovesByKeysForUsers(this.#ctx, users, artistKeys, titleKeys);
  }

  async statsForUsers(users: readonly string[]): Promise<UsersStats> {
    const [counts, states, autoFavorites] = await Promise.all([
      group.countsByUser(this.#ctx, users),
      group.syncStates(this.#ctx, users),
      group.activeAutoFavoriteCounts(this.#ctx, users),
    ]);
    return { counts, states, autoFavorites };
  }

  usersMatchedTo(trackIds: readonly string[]): Promise<ReadonlySet<string>> {
    return group.usersMatchedTo(this.#ctx, trackIds);
  }
}
