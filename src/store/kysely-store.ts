import { Migrator, sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { StoreError } from '../errors.js';
import { chunk } from '../internal/chunk.js';
import { assertIdentifier, assertPrefix } from '../internal/identifiers.js';
import { parseOptions } from '../internal/parse-options.js';
import type { CachedLovedTrack, LibraryTrack } from '../types.js';
import { detectDialect, dialectTraits, rowsPerStatement, type DialectTraits, type StoreDialect } from './dialect.js';
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
} from './loved-track-store.js';
import { assertNoForeignTables } from './foreign-tables.js';
import { CacheMigrationProvider } from './migrations/index.js';
import { CACHE_TABLES, type CacheDatabase, type LovedTrackRow, type SyncStateRow } from './schema.js';
import { TablePrefixPlugin } from './table-prefix-plugin.js';

const storeOptionsSchema = z.object({
  db: z.custom<Kysely<any>>((value) => typeof value === 'object' && value !== null && typeof (value as Kysely<any>).getExecutor === 'function', {
    message: 'to be a Kysely instance',
  }),
  tablePrefix: z.string().default('lastfm_'),
  schema: z.string().optional(),
  dialect: z.enum(['sqlite', 'postgres']).optional(),
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
   * PostgreSQL schema for the cache's tables (created if missing).
   * @default the connection's search_path
   */
  readonly schema?: string | undefined;
  /**
   * The SQL dialect; detected from the Kysely adapter when omitted.
   * @example 'postgres'
   */
  readonly dialect?: StoreDialect | undefined;
}

const LOVE_COLUMNS = 10;
const KEY_COLUMNS = 11;
const INDEX_STATE_KEY = 'track_index';
/** Secondary indexes of `track_keys` (unprefixed names), dropped during a rebuild. */
const TRACK_KEY_INDEXES = ['track_keys_keys', 'track_keys_title'] as const;

/**
 * The SQL store of the cache, for SQLite (better-sqlite3) and PostgreSQL (pg,
 * PGlite) through an injected Kysely instance. Tables carry `tablePrefix`.
 *
 * @example
 * ```ts
 * const store = new KyselyLovedTrackStore({ db, tablePrefix: 'lastfm_' });
 * await store.migrate();
 * ```
 */
export class KyselyLovedTrackStore implements LovedTrackStore {
  readonly #db: Kysely<CacheDatabase>;
  readonly #root: Kysely<any>;
  readonly #prefix: string;
  readonly #schema: string | undefined;
  readonly #traits: DialectTraits;

  constructor(options: KyselyStoreOptions) {
    const parsed = parseOptions(storeOptionsSchema, options, 'KyselyLovedTrackStore options');
    this.#prefix = assertPrefix(parsed.tablePrefix, '`tablePrefix`');
    this.#schema = parsed.schema === undefined ? undefined : assertIdentifier(parsed.schema, '`schema`');
    const dialect = parsed.dialect ?? detectDialect(parsed.db);
    if (dialect === undefined) {
      throw new StoreError('Could not detect the SQL dialect of the Kysely instance; pass `dialect: "sqlite"` or `dialect: "postgres"`');
    }
    this.#traits = dialectTraits(dialect);
    const scoped = this.#schema === undefined ? parsed.db : parsed.db.withSchema(this.#schema);
    this.#root = scoped;
    this.#db = scoped.withPlugin(new TablePrefixPlugin(this.#prefix, CACHE_TABLES)) as Kysely<CacheDatabase>;
  }

  /** The detected or configured dialect. */
  get dialect(): StoreDialect {
    return this.#traits.dialect;
  }

  /** The table prefix in use. */
  get tablePrefix(): string {
    return this.#prefix;
  }

  async migrate(): Promise<MigrationReport> {
    await assertNoForeignTables(this.#root, this.#traits, this.#prefix, this.#schema);
    if (this.#schema !== undefined) {
      await this.#root.schema.createSchema(this.#schema).ifNotExists().execute();
    }
    // Kysely looks its migration tables up in every schema when none is
    // named: on a PostgreSQL server where another schema holds a cache of
    // its own, it would take that one's tables for ours. Name the schema.
    const migrationSchema = this.#schema ?? (this.#traits.dialect === 'postgres' ? await this.#currentSchema() : undefined);
    const migrator = new Migrator({
      db: this.#db,
      provider: new CacheMigrationProvider(this.#prefix, this.#traits),
      // Our own bookkeeping tables, so the host's `kysely_migration` is never touched.
      migrationTableName: `${this.#prefix}migration`,
      migrationLockTableName: `${this.#prefix}migration_lock`,
      ...(migrationSchema === undefined ? {} : { migrationTableSchema: migrationSchema }),
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const failed = results?.find((result) => result.status === 'Error');
      throw new StoreError(`Migration ${failed?.migrationName ?? ''} of the loved-track cache failed: ${describe(error)}`.replace('  ', ' '), { cause: error });
    }
    return { applied: (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName) };
  }

  async getSyncState(user: string): Promise<SyncState | undefined> {
    const row = await this.#run('read the sync state', () => this.#db.selectFrom('sync_state').selectAll().where('user', '=', user).executeTakeFirst());
    return row === undefined ? undefined : toSyncState(row);
  }

  async updateSyncState(user: string, patch: SyncStatePatch): Promise<void> {
    await this.#run('update the sync state', () => this.#patchState(this.#db, user, patch));
  }

  async writeLoves(user: string, loves: readonly KeyedLove[], seenAt: number, fingerprint: string, statePatch?: SyncStatePatch): Promise<{ readonly inserted: number }> {
    return this.#run('store loved tracks', () =>
      this.#db.transaction().execute(async (trx) => {
        // Last.fm can list one track twice on a page boundary; keep one.
        const unique = new Map<string, KeyedLove>();
        for (const love of loves) unique.set(pairKey(love.artist, love.title), love);
        // New rows = the user's count after minus before: neither dialect
        // tells inserted from updated rows of an upsert portably, and counting
        // on the (user, artist, title) index is cheaper than reading the page back.
        const before = await this.#countLoves(trx, user);
        for (const batch of chunk([...unique.values()], rowsPerStatement(this.#traits, LOVE_COLUMNS, 500))) {
          await trx
            .insertInto('loved_tracks')
            .values(
              batch.map((love) => ({
                user,
                artist: love.artist,
                title: love.title,
                artist_key: love.artistKey,
                title_key: love.titleKey,
                keys_fingerprint: fingerprint,
                mbid: love.mbid ?? null,
                loved_at: love.lovedAt,
                first_seen_at: Math.floor(seenAt / 1000),
                last_seen_at: seenAt,
              })),
            )
            .onConflict((oc) =>
              oc.columns(['user', 'artist', 'title']).doUpdateSet((eb) => ({
                last_seen_at: eb.ref('excluded.last_seen_at'),
                unloved_at: null,
                mbid: eb.fn.coalesce('excluded.mbid', 'loved_tracks.mbid'),
                loved_at: eb.fn.coalesce('excluded.loved_at', 'loved_tracks.loved_at'),
              })),
            )
            .execute();
        }
        const inserted = (await this.#countLoves(trx, user)) - before;
        if (statePatch !== undefined) await this.#patchState(trx, user, statePatch);
        return { inserted };
      }),
    );
  }

  async #countLoves(db: Kysely<CacheDatabase> | Transaction<CacheDatabase>, user: string): Promise<number> {
    const row = await db
      .selectFrom('loved_tracks')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user', '=', user)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async maxSeenStamp(user: string): Promise<number> {
    const row = await this.#run('read the last sync stamp', () =>
      this.#db
        .selectFrom('loved_tracks')
        .select((eb) => eb.fn.max('last_seen_at').as('m'))
        .where('user', '=', user)
        .executeTakeFirst(),
    );
    return Number(row?.m ?? 0);
  }

  async countSeenSince(user: string, passStartedAt: number): Promise<number> {
    const row = await this.#run('count loves', () =>
      this.#db
        .selectFrom('loved_tracks')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user', '=', user)
        .where('last_seen_at', '>=', passStartedAt)
        .executeTakeFirstOrThrow(),
    );
    return Number(row.n);
  }

  async markUnlovedNotSeenSince(user: string, passStartedAt: number, now: number): Promise<readonly { readonly id: number; readonly trackId: string | null }[]> {
    const rows = await this.#run('mark unloved tracks', () =>
      this.#db
        .updateTable('loved_tracks')
        .set({ unloved_at: now })
        .where('user', '=', user)
        .where('unloved_at', 'is', null)
        .where('last_seen_at', '<', passStartedAt)
        .returning(['id', 'matched_track_id'])
        .execute(),
    );
    return rows.map((row) => ({ id: row.id, trackId: row.matched_track_id }));
  }

  async unmatchedLoves(user: string, options: { afterId: number; limit: number }): Promise<readonly LoveForMatching[]> {
    const rows = await this.#run('read unmatched loves', () =>
      this.#db
        .selectFrom('loved_tracks')
        .select(['id', 'artist', 'title', 'mbid', 'artist_key', 'title_key'])
        .where('user', '=', user)
        .where('matched_track_id', 'is', null)
        .where('unloved_at', 'is', null)
        .where('id', '>', options.afterId)
        .orderBy('id')
        .limit(options.limit)
        .execute(),
    );
    return rows.map(toLoveForMatching);
  }

  async lovesWithStaleKeys(user: string, fingerprint: string, limit: number): Promise<readonly LoveForMatching[]> {
    const rows = await this.#run('read loves with stale keys', () =>
      this.#db
        .selectFrom('loved_tracks')
        .select(['id', 'artist', 'title', 'mbid', 'artist_key', 'title_key'])
        .where('user', '=', user)
        .where('keys_fingerprint', '!=', fingerprint)
        .orderBy('id')
        .limit(limit)
        .execute(),
    );
    return rows.map(toLoveForMatching);
  }

  async updateLoveKeys(rows: readonly { id: number; artistKey: string; titleKey: string }[], fingerprint: string): Promise<void> {
    if (rows.length === 0) return;
    await this.#run('update love keys', () =>
      this.#db.transaction().execute(async (trx) => {
        for (const batch of chunk(rows, rowsPerStatement(this.#traits, 3, 1000))) {
          const values = sql.join(batch.map((row) => sql`(cast(${row.id} as integer), cast(${row.artistKey} as text), cast(${row.titleKey} as text))`));
          await trx
            .with('k(id, artist_key, title_key)', () => sql`(values ${values})` as never)
            .updateTable('loved_tracks')
            .from('k' as never)
            .set({ artist_key: sql.ref('k.artist_key'), title_key: sql.ref('k.title_key'), keys_fingerprint: fingerprint })
            .whereRef('loved_tracks.id', '=', 'k.id' as never)
            .execute();
        }
      }),
    );
  }

  async matchedLoves(user: string, options: { trackIds?: readonly string[]; afterId?: number; limit?: number; staleFingerprint?: string }): Promise<readonly MatchedLove[]> {
    if (options.trackIds !== undefined && options.trackIds.length === 0) return [];
    const read = async (trackIds: readonly string[] | undefined) => {
      let query = this.#db
        .selectFrom('loved_tracks')
        .select(['id', 'artist', 'title', 'mbid', 'artist_key', 'title_key', 'matched_track_id', 'match_origin'])
        .where('user', '=', user)
        .where('matched_track_id', 'is not', null);
      if (trackIds !== undefined) query = query.where('matched_track_id', 'in', trackIds);
      if (options.afterId !== undefined) query = query.where('id', '>', options.afterId);
      if (options.staleFingerprint !== undefined) {
        const fp = options.staleFingerprint;
        query = query.where((eb) => eb.or([eb('match_fingerprint', 'is', null), eb('match_fingerprint', '!=', fp)]));
      }
      query = query.orderBy('id');
      if (options.limit !== undefined) query = query.limit(options.limit);
      return query.execute();
    };
    const rows = await this.#run('read matched loves', async () => {
      if (options.trackIds === undefined) return read(undefined);
      const out = [];
      for (const ids of chunk(options.trackIds, this.#inListSize())) out.push(...(await read(ids)));
      return out;
    });
    return rows.map((row) => ({
      ...toLoveForMatching(row),
      trackId: row.matched_track_id as string,
      origin: row.match_origin === 'manual' ? 'manual' : 'auto',
    }));
  }

  async unmatchedLovesByKeys(user: string, artistKeys: readonly string[], titleKeys: readonly string[]): Promise<readonly LoveForMatching[]> {
    const found = new Map<number, LoveForMatching>();
    const size = this.#inListSize();
    await this.#run('look up loves by key', async () => {
      for (const [column, keys] of [
        ['artist_key', artistKeys],
        ['title_key', titleKeys],
      ] as const) {
        for (const batch of chunk([...new Set(keys)], size)) {
          const rows = await this.#db
            .selectFrom('loved_tracks')
            .select(['id', 'artist', 'title', 'mbid', 'artist_key', 'title_key'])
            .where('user', '=', user)
            .where(column, 'in', batch)
            .where('matched_track_id', 'is', null)
            .where('unloved_at', 'is', null)
            .execute();
          for (const row of rows) found.set(row.id, toLoveForMatching(row));
        }
      }
    });
    return [...found.values()].sort((a, b) => a.id - b.id);
  }

  async setMatches(matches: readonly MatchWrite[], checkedAt: number): Promise<void> {
    if (matches.length === 0) return;
    await this.#run('record matches', () =>
      this.#db.transaction().execute(async (trx) => {
        // One UPDATE ... FROM (VALUES ...) per batch instead of one statement
        // per love: both dialects support it, and explicit casts give
        // PostgreSQL the types of the bound values.
        for (const batch of chunk(matches, rowsPerStatement(this.#traits, 6, 500))) {
          const values = sql.join(
            batch.map(
              (m) =>
                sql`(cast(${m.loveId} as integer), cast(${m.trackId} as text), cast(${m.score} as ${sql.raw(this.#traits.realType)}), cast(${JSON.stringify(m.reasons)} as text), cast(${m.origin} as text), cast(${m.fingerprint} as text))`,
            ),
          );
          await trx
            .with('m(id, track_id, score, reasons, origin, fingerprint)', () => sql`(values ${values})` as never)
            .updateTable('loved_tracks')
            .from('m' as never)
            .set({
              matched_track_id: sql.ref('m.track_id'),
              match_score: sql.ref('m.score'),
              match_reasons: sql.ref('m.reasons'),
              match_origin: sql.ref('m.origin'),
              match_fingerprint: sql.ref('m.fingerprint'),
              last_checked_at: checkedAt,
            })
            .whereRef('loved_tracks.id', '=', 'm.id' as never)
            .execute();
        }
      }),
    );
  }

  async clearMatches(loveIds: readonly number[]): Promise<void> {
    await this.#run('clear matches', async () => {
      for (const ids of chunk(loveIds, this.#inListSize())) {
        await this.#db
          .updateTable('loved_tracks')
          .set({ matched_track_id: null, match_score: null, match_reasons: null, match_origin: null, match_fingerprint: null, last_checked_at: null })
          .where('id', 'in', ids)
          .execute();
      }
    });
  }

  async markChecked(loveIds: readonly number[], checkedAt: number): Promise<void> {
    await this.#run('mark loves checked', async () => {
      for (const ids of chunk(loveIds, this.#inListSize())) {
        await this.#db.updateTable('loved_tracks').set({ last_checked_at: checkedAt }).where('id', 'in', ids).execute();
      }
    });
  }

  async listLoves(user: string, options: { matched?: boolean; limit: number; offset: number }): Promise<readonly CachedLovedTrack[]> {
    let query = this.#db.selectFrom('loved_tracks').selectAll().where('user', '=', user).where('unloved_at', 'is', null);
    if (options.matched === true) query = query.where('matched_track_id', 'is not', null);
    if (options.matched === false) query = query.where('matched_track_id', 'is', null);
    const rows = await this.#run('list loves', () =>
      query.orderBy('loved_at', 'desc').orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute(),
    );
    return rows.map(toCachedLove);
  }

  async findLove(user: string, artist: string, title: string): Promise<CachedLovedTrack | undefined> {
    const row = await this.#run('find a love', () =>
      this.#db.selectFrom('loved_tracks').selectAll().where('user', '=', user).where('artist', '=', artist).where('title', '=', title).executeTakeFirst(),
    );
    return row === undefined ? undefined : toCachedLove(row);
  }

  async counts(user: string): Promise<StoreCounts> {
    const row = await this.#run('count loves', () =>
      this.#db
        .selectFrom('loved_tracks')
        .select((eb) => [
          eb.fn.sum<number>(eb.case().when('unloved_at', 'is', null).then(1).else(0).end()).as('loved'),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(eb.and([eb('unloved_at', 'is', null), eb('matched_track_id', 'is not', null)]))
                .then(1)
                .else(0)
                .end(),
            )
            .as('matched'),
          eb.fn.sum<number>(eb.case().when('unloved_at', 'is not', null).then(1).else(0).end()).as('unloved'),
        ])
        .where('user', '=', user)
        .executeTakeFirstOrThrow(),
    );
    return { loved: Number(row.loved ?? 0), matched: Number(row.matched ?? 0), unloved: Number(row.unloved ?? 0) };
  }

  async deleteUserData(user: string): Promise<void> {
    await this.#run('delete user data', () =>
      this.#db.transaction().execute(async (trx) => {
        await trx.deleteFrom('loved_tracks').where('user', '=', user).execute();
        await trx.deleteFrom('sync_state').where('user', '=', user).execute();
      }),
    );
  }

  async getIndexState(): Promise<{ readonly fingerprint: string; readonly builtAt: number } | undefined> {
    const row = await this.#run('read the index state', () => this.#db.selectFrom('cache_meta').select('value').where('key', '=', INDEX_STATE_KEY).executeTakeFirst());
    if (row === undefined) return undefined;
    const parsed = JSON.parse(row.value) as { fingerprint: string; builtAt: number };
    return parsed;
  }

  async setIndexState(state: { fingerprint: string; builtAt: number } | undefined): Promise<void> {
    await this.#run('write the index state', async () => {
      if (state === undefined) {
        await this.#db.deleteFrom('cache_meta').where('key', '=', INDEX_STATE_KEY).execute();
        return;
      }
      const value = JSON.stringify(state);
      await this.#db
        .insertInto('cache_meta')
        .values({ key: INDEX_STATE_KEY, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    });
  }

  async beginTrackIndexRebuild(): Promise<void> {
    await this.setIndexState(undefined);
    await this.#run('clear the track index', async () => {
      if (this.#traits.dialect === 'postgres') {
        // DELETE would leave a table's worth of dead rows per rebuild (the
        // table grows, scans slow down); TRUNCATE gives the space back.
        await sql`truncate table ${this.#trackKeysTable()}`.execute(this.#root);
      } else {
        // SQLite truncates on a DELETE without WHERE.
        await this.#db.deleteFrom('track_keys').execute();
      }
      // Loading a million rows into a table without its secondary indexes and
      // building them afterwards is several times faster than maintaining them
      // row by row.
      for (const name of TRACK_KEY_INDEXES) await this.#root.schema.dropIndex(`${this.#prefix}${name}`).ifExists().execute();
    });
  }

  async finishTrackIndexRebuild(state: { fingerprint: string; builtAt: number }): Promise<void> {
    await this.#run('index the track index', async () => {
      await this.#db.schema.createIndex(`${this.#prefix}track_keys_keys`).ifNotExists().on('track_keys').columns(['artist_key', 'title_key']).execute();
      await this.#db.schema.createIndex(`${this.#prefix}track_keys_title`).ifNotExists().on('track_keys').columns(['title_key']).execute();
      // Fresh statistics, so PostgreSQL plans the candidate joins on the new
      // table size instead of the empty table it last saw.
      if (this.#traits.dialect === 'postgres') await sql`analyze ${this.#trackKeysTable()}`.execute(this.#root);
    });
    await this.setIndexState(state);
  }

  async upsertTrackKeys(tracks: readonly KeyedTrack[], indexedAt: number, options: { replace: boolean }): Promise<void> {
    if (tracks.length === 0) return;
    const rows = tracks.flatMap((keyed) =>
      keyed.artistKeys.map((artistKey, index) => ({
        track_id: String(keyed.track.id),
        artist_key: artistKey,
        title_key: keyed.titleKey,
        artist: keyed.track.artist,
        title: keyed.track.title,
        album: keyed.track.album ?? null,
        album_artist: keyed.track.albumArtist ?? null,
        duration_ms: keyed.track.durationMs ?? null,
        mbid: keyed.track.mbid ?? null,
        is_primary: index === 0 ? 1 : 0,
        indexed_at: indexedAt,
      })),
    );
    const ids = [...new Set(rows.map((row) => row.track_id))];
    await this.#run('write the track index', () =>
      this.#db.transaction().execute(async (trx) => {
        // A re-tagged track may have lost an artist key: replace its rows.
        if (options.replace) for (const batch of chunk(ids, this.#inListSize())) await trx.deleteFrom('track_keys').where('track_id', 'in', batch).execute();
        for (const batch of chunk(rows, rowsPerStatement(this.#traits, KEY_COLUMNS, 1000))) {
          await trx
            .insertInto('track_keys')
            .values(batch)
            .onConflict((oc) => oc.columns(['track_id', 'artist_key']).doNothing())
            .execute();
        }
      }),
    );
  }

  async deleteTrackKeys(trackIds: readonly string[]): Promise<void> {
    await this.#run('delete from the track index', async () => {
      for (const batch of chunk(trackIds, this.#inListSize())) await this.#db.deleteFrom('track_keys').where('track_id', 'in', batch).execute();
    });
  }

  async indexedTracks(trackIds: readonly string[]): Promise<readonly LibraryTrack[]> {
    const out: LibraryTrack[] = [];
    await this.#run('read the track index', async () => {
      for (const batch of chunk(trackIds, this.#inListSize())) {
        const rows = await this.#db.selectFrom('track_keys').selectAll().where('track_id', 'in', batch).where('is_primary', '=', 1).execute();
        for (const row of rows) out.push(toLibraryTrack(row));
      }
    });
    return out;
  }

  async candidates(loves: readonly LoveForMatching[], options: { fuzzy: boolean; perLove: number; onlyUnchecked?: boolean }): Promise<ReadonlyMap<number, readonly LibraryTrack[]>> {
    const out = new Map<number, Map<string, LibraryTrack>>();
    if (loves.length === 0) return out as unknown as Map<number, readonly LibraryTrack[]>;
    const add = (loveId: number, row: Parameters<typeof toLibraryTrack>[0]) => {
      let tracks = out.get(loveId);
      if (tracks === undefined) out.set(loveId, (tracks = new Map()));
      if (!tracks.has(row.track_id)) tracks.set(row.track_id, toLibraryTrack(row));
    };
    await this.#run('find match candidates', async () => {
      // Parameters: ids of loves; the keys are read from the loves' own rows by the join.
      for (const batch of chunk(loves, this.#inListSize())) {
        const ids = batch.map((love) => love.id);
        const exact = await this.#db
          .selectFrom('loved_tracks as l')
          .innerJoin('track_keys as k', (join) => join.onRef('k.artist_key', '=', 'l.artist_key').onRef('k.title_key', '=', 'l.title_key'))
          .select(['l.id as love_id', 'k.track_id', 'k.artist', 'k.title', 'k.album', 'k.album_artist', 'k.duration_ms', 'k.mbid'])
          .where('l.id', 'in', ids)
          .$if(options.onlyUnchecked === true, (q) => q.where(sql<boolean>`${sql.ref('k.indexed_at')} >= coalesce(${sql.ref('l.last_checked_at')}, 0)`))
          .execute();
        for (const row of exact) add(row.love_id, row);
        if (!options.fuzzy) continue;
        const remaining = ids.filter((id) => !out.has(id));
        if (remaining.length === 0) continue;
        for (const column of ['artist_key', 'title_key'] as const) {
          const rows = await this.#db
            .selectFrom((eb) =>
              eb
                .selectFrom('loved_tracks as l')
                .innerJoin('track_keys as k', `k.${column}`, `l.${column}`)
                .select((inner) => [
                  'l.id as love_id',
                  'k.track_id',
                  'k.artist',
                  'k.title',
                  'k.album',
                  'k.album_artist',
                  'k.duration_ms',
                  'k.mbid',
                  sql<number>`row_number() over (partition by ${inner.ref('l.id')} order by ${inner.ref('k.track_id')})`.as('rn'),
                ])
                .where('l.id', 'in', remaining)
                .$if(options.onlyUnchecked === true, (q) => q.where(sql<boolean>`${sql.ref('k.indexed_at')} >= coalesce(${sql.ref('l.last_checked_at')}, 0)`))
                .as('c'),
            )
            .selectAll()
            .where('rn', '<=', options.perLove)
            .execute();
          for (const row of rows) add(row.love_id, row);
        }
      }
    });
    return new Map([...out].map(([id, tracks]) => [id, [...tracks.values()]]));
  }

  async indexedTrackCount(): Promise<number> {
    const row = await this.#run('count indexed tracks', () =>
      this.#db.selectFrom('track_keys').select((eb) => eb.fn.countAll().as('n')).where('is_primary', '=', 1).executeTakeFirstOrThrow(),
    );
    return Number(row.n);
  }

  async tracksByKeys(
    artistKeys: readonly string[],
    titleKeys: readonly string[],
    limit: number,
  ): Promise<readonly (LibraryTrack & { readonly artistKey: string; readonly titleKey: string })[]> {
    const out = new Map<string, LibraryTrack & { artistKey: string; titleKey: string }>();
    await this.#run('look up tracks by key', async () => {
      for (const [column, keys] of [
        ['artist_key', artistKeys],
        ['title_key', titleKeys],
      ] as const) {
        for (const batch of chunk([...new Set(keys)], this.#inListSize())) {
          const rows = await this.#db
            .selectFrom((eb) =>
              eb
                .selectFrom('track_keys')
                .selectAll()
                .select((inner) => sql<number>`row_number() over (partition by ${inner.ref(column)} order by ${inner.ref('track_id')})`.as('rn'))
                .where(column, 'in', batch)
                .as('c'),
            )
            .selectAll()
            .where('rn', '<=', limit)
            .execute();
          for (const row of rows) out.set(`${row.track_id}\u0000${row.artist_key}`, { ...toLibraryTrack(row), artistKey: row.artist_key, titleKey: row.title_key });
        }
      }
    });
    return [...out.values()];
  }

  async knownLoves(user: string, loves: readonly { artist: string; title: string }[]): Promise<ReadonlyMap<string, { readonly matched: boolean }>> {
    const out = new Map<string, { matched: boolean }>();
    await this.#run('look up loves', async () => {
      for (const batch of chunk(loves, this.#inListSize())) {
        const rows = await this.#db
          .selectFrom('loved_tracks')
          .select(['artist', 'title', 'matched_track_id'])
          .where('user', '=', user)
          .where('title', 'in', [...new Set(batch.map((love) => love.title))])
          .execute();
        for (const row of rows) out.set(pairKey(row.artist, row.title), { matched: row.matched_track_id !== null });
      }
    });
    return out;
  }

  async autoFavorites(user: string, hostUser: string, trackIds: readonly string[]): Promise<ReadonlyMap<string, AutoFavoriteRecord>> {
    const out = new Map<string, AutoFavoriteRecord>();
    await this.#run('read favorite records', async () => {
      for (const batch of chunk(trackIds, this.#inListSize())) {
        const rows = await this.#db
          .selectFrom('auto_favorites')
          .selectAll()
          .where('user', '=', user)
          .where('host_user', '=', hostUser)
          .where('track_id', 'in', batch)
          .execute();
        for (const row of rows) out.set(row.track_id, toFavoriteRecord(row));
      }
    });
    return out;
  }

  async activeAutoFavorites(user: string, hostUser: string, options: { afterTrackId?: string; limit: number }): Promise<readonly AutoFavoriteRecord[]> {
    let query = this.#db
      .selectFrom('auto_favorites')
      .selectAll()
      .where('user', '=', user)
      .where('host_user', '=', hostUser)
      .where('removed_reason', 'is', null);
    if (options.afterTrackId !== undefined) query = query.where('track_id', '>', options.afterTrackId);
    const rows = await this.#run('read favorite records', () => query.orderBy('track_id').limit(options.limit).execute());
    return rows.map(toFavoriteRecord);
  }

  async recordAutoFavorites(user: string, hostUser: string, rows: readonly { trackId: string; lovedId: number | null }[], now: number): Promise<void> {
    if (rows.length === 0) return;
    await this.#run('record favorites', () =>
      this.#db.transaction().execute(async (trx) => {
        for (const batch of chunk(rows, rowsPerStatement(this.#traits, 7, 500))) {
          await trx
            .insertInto('auto_favorites')
            .values(batch.map((row) => ({ user, host_user: hostUser, track_id: row.trackId, loved_id: row.lovedId, created_at: now, removed_reason: null, removed_at: null })))
            .onConflict((oc) =>
              oc.columns(['user', 'host_user', 'track_id']).doUpdateSet((eb) => ({
                loved_id: eb.ref('excluded.loved_id'),
                created_at: eb.ref('excluded.created_at'),
                removed_reason: null,
                removed_at: null,
              })),
            )
            .execute();
        }
      }),
    );
  }

  async markAutoFavoritesRemoved(user: string, hostUser: string, trackIds: readonly string[], reason: AutoFavoriteRemovalReason, now: number): Promise<void> {
    await this.#run('update favorite records', async () => {
      for (const batch of chunk(trackIds, this.#inListSize())) {
        let query = this.#db
          .updateTable('auto_favorites')
          .set({ removed_reason: reason, removed_at: now })
          .where('user', '=', user)
          .where('host_user', '=', hostUser)
          .where('track_id', 'in', batch);
        // The user's own removal is final; any other reason only ends a
        // favorite that still stands (a later "track removed" must not turn
        // "the user removed it" back into something we may re-add).
        if (reason !== 'user') query = query.where('removed_reason', 'is', null);
        await query.execute();
      }
    });
  }

  async matchedLovesWithoutTrack(user: string): Promise<readonly MatchedLove[]> {
    const rows = await this.#run('find matches to vanished tracks', () =>
      this.#db
        .selectFrom('loved_tracks as l')
        .leftJoin('track_keys as k', (join) => join.onRef('k.track_id', '=', 'l.matched_track_id').on('k.is_primary', '=', 1))
        .select(['l.id', 'l.artist', 'l.title', 'l.mbid', 'l.artist_key', 'l.title_key', 'l.matched_track_id', 'l.match_origin'])
        .where('l.user', '=', user)
        .where('l.matched_track_id', 'is not', null)
        .where('k.track_id', 'is', null)
        .execute(),
    );
    return rows.map((row) => ({ ...toLoveForMatching(row), trackId: row.matched_track_id as string, origin: row.match_origin === 'manual' ? 'manual' : 'auto' }));
  }

  async countActiveAutoFavorites(user: string, hostUser: string): Promise<number> {
    const row = await this.#run('count favorite records', () =>
      this.#db
        .selectFrom('auto_favorites')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user', '=', user)
        .where('host_user', '=', hostUser)
        .where('removed_reason', 'is', null)
        .executeTakeFirstOrThrow(),
    );
    return Number(row.n);
  }

  async deleteAutoFavoriteRecords(user: string, hostUser: string): Promise<void> {
    await this.#run('delete favorite records', () => this.#db.deleteFrom('auto_favorites').where('user', '=', user).where('host_user', '=', hostUser).execute());
  }

  async addDecision(user: string, decision: MatchDecision, now: number): Promise<void> {
    await this.#run('record a match decision', () =>
      this.#db.transaction().execute(async (trx) => {
        // A link replaces every earlier link of that love; a reject only its own pair.
        if (decision.decision === 'link') {
          await trx
            .deleteFrom('match_decisions')
            .where('user', '=', user)
            .where('artist', '=', decision.artist)
            .where('title', '=', decision.title)
            .where('decision', '=', 'link')
            .execute();
        }
        await trx
          .insertInto('match_decisions')
          .values({ user, artist: decision.artist, title: decision.title, track_id: decision.trackId, decision: decision.decision, created_at: now })
          .onConflict((oc) => oc.columns(['user', 'artist', 'title', 'track_id']).doUpdateSet({ decision: decision.decision, created_at: now }))
          .execute();
      }),
    );
  }

  async decisions(user: string, pairs?: readonly { artist: string; title: string }[]): Promise<readonly MatchDecision[]> {
    const rows = await this.#run('read match decisions', async () => {
      if (pairs === undefined) return this.#db.selectFrom('match_decisions').selectAll().where('user', '=', user).execute();
      const out = [];
      for (const batch of chunk(pairs, Math.floor(this.#inListSize() / 2))) {
        out.push(
          ...(await this.#db
            .selectFrom('match_decisions')
            .selectAll()
            .where('user', '=', user)
            .where((eb) => eb.or(batch.map((pair) => eb.and([eb('artist', '=', pair.artist), eb('title', '=', pair.title)]))))
            .execute()),
        );
      }
      return out;
    });
    return rows.map((row) => ({ artist: row.artist, title: row.title, trackId: row.track_id, decision: row.decision }));
  }

  async deleteDecisions(user: string): Promise<void> {
    await this.#run('delete match decisions', async () => {
      await this.#db.deleteFrom('match_decisions').where('user', '=', user).execute();
      // A forgotten reject may free older candidates: compare everything again.
      await this.#db.updateTable('loved_tracks').set({ last_checked_at: null }).where('user', '=', user).execute();
    });
  }

  async acquireLease(user: string, owner: string, ttlMs: number, nowMs: number): Promise<{ readonly acquired: boolean; readonly expiresAtMs: number }> {
    const expiresAtMs = nowMs + ttlMs;
    // One statement, so two processes racing for the lease cannot both win:
    // the update branch only fires when the lease is ours or has expired.
    const row = await this.#run('take the sync lease', () =>
      this.#db
        .insertInto('sync_leases')
        .values({ user, owner, expires_at_ms: expiresAtMs })
        .onConflict((oc) =>
          oc
            .column('user')
            .doUpdateSet({ owner, expires_at_ms: expiresAtMs })
            .where((eb) => eb.or([eb('sync_leases.owner', '=', owner), eb('sync_leases.expires_at_ms', '<', nowMs)])),
        )
        .returning(['owner', 'expires_at_ms'])
        .executeTakeFirst(),
    );
    if (row !== undefined) return { acquired: true, expiresAtMs };
    const current = await this.#run('read the sync lease', () => this.#db.selectFrom('sync_leases').select('expires_at_ms').where('user', '=', user).executeTakeFirst());
    return { acquired: false, expiresAtMs: Number(current?.expires_at_ms ?? 0) };
  }

  async releaseLease(user: string, owner: string): Promise<void> {
    await this.#run('release the sync lease', () => this.#db.deleteFrom('sync_leases').where('user', '=', user).where('owner', '=', owner).execute());
  }

  async #currentSchema(): Promise<string | undefined> {
    const result = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(this.#root);
    return result.rows[0]?.schema ?? undefined;
  }

  #trackKeysTable() {
    const name = `${this.#prefix}track_keys`;
    return sql.table(this.#schema === undefined ? name : `${this.#schema}.${name}`);
  }

  #inListSize(): number {
    return Math.min(1000, this.#traits.maxParameters - 10);
  }

  async #patchState(db: Kysely<CacheDatabase> | Transaction<CacheDatabase>, user: string, patch: SyncStatePatch): Promise<void> {
    const values: Partial<SyncStateRow> = {};
    if (patch.cursorLovedAt !== undefined) values.cursor_loved_at = patch.cursorLovedAt;
    if (patch.totalReported !== undefined) values.total_reported = patch.totalReported;
    if (patch.lastFullSyncAt !== undefined) values.last_full_sync_at = patch.lastFullSyncAt;
    if (patch.lastIncrementalSyncAt !== undefined) values.last_incremental_sync_at = patch.lastIncrementalSyncAt;
    if (patch.fullPassStartedAt !== undefined) values.full_pass_started_at = patch.fullPassStartedAt;
    if (patch.fullPassPage !== undefined) values.full_pass_page = patch.fullPassPage;
    if (Object.keys(values).length === 0) return;
    await db
      .insertInto('sync_state')
      .values({ user, ...values })
      .onConflict((oc) => oc.column('user').doUpdateSet(values))
      .execute();
  }

  async #run<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`Could not ${what} in the loved-track cache: ${describe(error)}`, { cause: error });
    }
  }
}

function pairKey(artist: string, title: string): string {
  return `${artist}\u0000${title}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function num(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function toSyncState(row: SyncStateRow): SyncState {
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

function toLoveForMatching(row: { id: number; artist: string; title: string; mbid: string | null; artist_key: string; title_key: string }): LoveForMatching {
  return { id: Number(row.id), artist: row.artist, title: row.title, mbid: row.mbid, artistKey: row.artist_key, titleKey: row.title_key };
}

function toCachedLove(row: Omit<LovedTrackRow, 'id'> & { id: number }): CachedLovedTrack {
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

function toLibraryTrack(row: { track_id: string; artist: string; title: string; album: string | null; album_artist: string | null; duration_ms: number | null; mbid: string | null }): LibraryTrack {
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

function toFavoriteRecord(row: { track_id: string; loved_id: number | null; created_at: number; removed_reason: AutoFavoriteRemovalReason | null }): AutoFavoriteRecord {
  return { trackId: row.track_id, lovedId: num(row.loved_id), createdAt: Number(row.created_at), removedReason: row.removed_reason };
}
