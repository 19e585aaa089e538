import type { ExpressionBuilder, Expression, Kysely, SqlBool } from 'kysely';
import { z } from 'zod';
import { HostSchemaError } from '../errors.js';
import { chunk, unique } from '../internal/chunk.js';
import { assertIdentifier, assertTableName } from '../internal/identifiers.js';
import { parseOptions } from '../internal/parse-options.js';
import type { LibraryTrack, TrackId } from '../types.js';
import { detectHostDialect, readHostTable, type HostDialect, type HostTable } from './host-catalog.js';
import type { AddFavoritesResult, FavoritesOfRemovedTracks, HostUserId, LibraryAdapter, ReadTracksOptions } from './library-adapter.js';
import {
  favoritesSchema,
  tracksSchema,
  type ColumnValue,
  type FavoritesTableMapping,
  type FilterCondition,
  type ParsedFavorites,
  type ParsedRelated,
  type ParsedTracks,
  type RowFilter,
  type TrackTableMapping,
} from './table-mapping.js';
import { encodeTimestamp, resolveTimestampFormat, samplesHaveOffset, type ResolvedTimestampFormat } from './timestamps.js';

export type {
  ColumnValue,
  FavoriteFlag,
  FavoritesTableMapping,
  FavoriteValue,
  FavoriteValueContext,
  FilterCondition,
  RelatedColumn,
  RowFilter,
  TrackTableMapping,
  TrackVisibility,
} from './table-mapping.js';

const optionsSchema = z
  .object({
    db: z.custom<Kysely<any>>((value) => typeof value === 'object' && value !== null && typeof (value as Kysely<any>).getExecutor === 'function', {
      message: 'to be a Kysely instance',
    }),
    tracks: tracksSchema,
    favorites: favoritesSchema,
    idType: z.enum(['integer', 'text']).default('integer'),
    favoritesOfRemovedTracks: z.enum(['deleted-by-host', 'keep', 'remove']).optional(),
  })
  .strict();

/** Options of {@link TableLibraryAdapter}. */
export interface TableLibraryAdapterOptions {
  /** The host's Kysely instance (the same one the store uses, usually). */
  readonly db: Kysely<any>;
  readonly tracks: TrackTableMapping;
  readonly favorites: FavoritesTableMapping;
  /**
   * Type of the host's track id column: ids the cache kept as text are
   * converted back before they reach the host's tables.
   * @default 'integer'
   */
  readonly idType?: 'integer' | 'text' | undefined;
  /**
   * What the host does with the favorites of a track that leaves the
   * library: see {@link FavoritesOfRemovedTracks}.
   * @default 'keep' when `tracks.missing` is set, else 'deleted-by-host'
   */
  readonly favoritesOfRemovedTracks?: FavoritesOfRemovedTracks | undefined;
}

/** What the catalog said, read once. */
interface SchemaFacts {
  readonly createdAtFormat: ResolvedTimestampFormat | undefined;
  readonly createdAtType: string | undefined;
  /** Text dates in the column carry `+00:00`. */
  readonly createdAtOffset: boolean;
  /** The favorites key (track, user, discriminators) is a unique key: inserts may upsert. */
  readonly uniqueKey: boolean;
  /** `table.column` -> declared type, for every column the mapping names. */
  readonly types: ReadonlyMap<string, string>;
}

type Row = Record<string, unknown>;
/** A related field of one track: its rows joined, and the first row's raw value. */
interface RelatedValue {
  readonly text: string;
  readonly first: unknown;
}
type Field = 'artist' | 'album' | 'albumArtist' | 'duration';
const FIELDS: readonly Field[] = ['artist', 'album', 'albumArtist', 'duration'];
const ALIAS: Record<Field, string> = { artist: 'artist', album: 'album', albumArtist: 'album_artist', duration: 'duration' };

/**
 * A {@link LibraryAdapter} over the host's existing tables, described by
 * table and column names: tracks from one table (filtered, with fields
 * from related tables), favorites as rows or as a flag in a shared row
 * (written by upsert, never deleted), timestamps in the column's own
 * format. `validate()` checks every name and type against the catalog.
 * It writes nothing but favorites.
 *
 * @example
 * ```ts
 * const library = new TableLibraryAdapter({
 *   db,
 *   tracks: { table: 'library', albumArtist: 'album_artist', duration: 'duration' },
 *   favorites: { table: 'favorites', trackId: 'track_id', createdAt: 'timestamp' },
 * });
 * await library.validate(); // HostSchemaError naming table, column, type and option when something does not fit
 * ```
 */
export class TableLibraryAdapter implements LibraryAdapter {
  readonly #db: Kysely<any>;
  readonly #dialect: HostDialect | undefined;
  readonly #tracks: ParsedTracks;
  readonly #favorites: ParsedFavorites;
  readonly #idType: 'integer' | 'text';
  readonly #columns: readonly string[];
  #facts: Promise<SchemaFacts> | undefined;

  /** What the host does with favorites of removed tracks (see {@link FavoritesOfRemovedTracks}). */
  readonly favoritesOfRemovedTracks: FavoritesOfRemovedTracks;

  constructor(options: TableLibraryAdapterOptions) {
    const parsed = parseOptions(optionsSchema, options, 'TableLibraryAdapter options');
    const t = parsed.tracks;
    const f = parsed.favorites;
    assertTableName(t.table, '`tracks.table`');
    for (const key of ['id', 'title', 'mbid'] as const) {
      if (t[key] !== undefined) assertIdentifier(t[key], `\`tracks.${key}\``);
    }
    for (const key of FIELDS) {
      const value = t[key];
      if (typeof value === 'string') assertIdentifier(value, `\`tracks.${key}\``);
      else if (value !== undefined) assertRelated(value, `tracks.${key}`);
    }
    assertFilter(t.where, 'tracks.where');
    assertFilter(t.missing, 'tracks.missing');
    if (t.visibility?.owner !== undefined) assertIdentifier(t.visibility.owner, '`tracks.visibility.owner`');
    if (t.visibility?.via !== undefined) {
      assertTableName(t.visibility.via.table, '`tracks.visibility.via.table`');
      assertIdentifier(t.visibility.via.track, '`tracks.visibility.via.track`');
    }
    assertFilter(t.visibility?.public, 'tracks.visibility.public');
    assertTableName(f.table, '`favorites.table`');
    for (const key of ['trackId', 'userId', 'createdAt'] as const) {
      if (f[key] !== undefined) assertIdentifier(f[key], `\`favorites.${key}\``);
    }
    if (f.flag !== undefined) assertIdentifier(f.flag.column, '`favorites.flag.column`');
    assertFilter(f.where, 'favorites.where');
    for (const key of Object.keys(f.values ?? {})) assertIdentifier(key, `\`favorites.values.${key}\``);

    this.#db = parsed.db;
    this.#dialect = detectHostDialect(parsed.db);
    this.#tracks = Object.freeze(t);
    this.#favorites = Object.freeze(f);
    this.#idType = parsed.idType;
    this.favoritesOfRemovedTracks = parsed.favoritesOfRemovedTracks ?? (t.missing === undefined ? 'deleted-by-host' : 'keep');
    const columns = [`${t.id} as id`, `${t.title} as title`];
    for (const key of FIELDS) {
      const value = t[key];
      if (typeof value === 'string') columns.push(`${value} as ${ALIAS[key]}`);
      else if (value?.from !== undefined) columns.push(`${value.from} as __from_${ALIAS[key]}`);
    }
    if (t.mbid !== undefined) columns.push(`${t.mbid} as mbid`);
    this.#columns = unique(columns);
  }

  /**
   * Reads the host's tables from the catalog (SQLite `pragma table_info`,
   * PostgreSQL and MySQL `information_schema`) and checks the mapping:
   * every table and column exists, NOT NULL columns of new favorites get a
   * value, and the timestamp column takes the configured (or detected)
   * format. Runs once; later calls return the same result.
   *
   * @throws {@link HostSchemaError} naming the table, column, type and option to fix.
   */
  async validate(options: { readonly signal?: AbortSignal | undefined } = {}): Promise<void> {
    options.signal?.throwIfAborted();
    await this.#schemaFacts();
  }

  async *tracks(options: ReadTracksOptions): AsyncIterable<readonly LibraryTrack[]> {
    const facts = await this.#schemaFacts();
    // Keyset paging on the id: constant cost per chunk, never the whole table in memory.
    let after: unknown;
    for (;;) {
      options.signal?.throwIfAborted();
      let query = this.#trackQuery(facts).orderBy(this.#tracks.id).limit(options.batchSize);
      if (after !== undefined) query = query.where(this.#tracks.id, '>', after);
      const rows = (await query.execute()) as Row[];
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.id;
      yield await this.#toTracks(rows, facts);
      if (rows.length < options.batchSize) return;
    }
  }

  async getTracks(ids: readonly TrackId[]): Promise<readonly LibraryTrack[]> {
    const facts = await this.#schemaFacts();
    const out: LibraryTrack[] = [];
    for (const batch of chunk(this.#hostIds(ids), 1000)) {
      const rows = (await this.#trackQuery(facts).where(this.#tracks.id, 'in', batch).execute()) as Row[];
      out.push(...(await this.#toTracks(rows, facts)));
    }
    return out;
  }

  async visibleTo(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<ReadonlySet<string>> {
    const visibility = this.#tracks.visibility;
    if (visibility === undefined || (visibility.owner === undefined && visibility.public === undefined)) return new Set(ids.map(String));
    const facts = await this.#schemaFacts();
    const table = visibility.via?.table ?? this.#tracks.table;
    const idColumn = visibility.via?.track ?? this.#tracks.id;
    const found = new Set<string>();
    for (const batch of chunk(this.#hostIds(ids), 1000)) {
      const rows = (await this.#db
        .selectFrom(table)
        .select(`${idColumn} as id`)
        .where(idColumn, 'in', batch)
        .where((eb) => {
          const any: Expression<SqlBool>[] = [];
          if (visibility.owner !== undefined && hostUser !== undefined) any.push(eb(visibility.owner, '=', hostUser));
          if (visibility.public !== undefined) any.push(this.#filterExpr(eb, table, visibility.public, facts));
          return any.length === 0 ? eb.lit(false) : eb.or(any);
        })
        .execute()) as Row[];
      for (const row of rows) found.add(String(row.id));
    }
    return found;
  }

  async favorited(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<ReadonlySet<string>> {
    const facts = await this.#schemaFacts();
    const f = this.#favorites;
    const found = new Set<string>();
    for (const batch of chunk(this.#hostIds(ids), 1000)) {
      let query = this.#scoped(this.#db.selectFrom(f.table).select(`${f.trackId} as track_id`).where(f.trackId, 'in', batch), hostUser, facts);
      // A shared row (play count, rating) is not a favorite: the flag is.
      if (f.flag !== undefined) query = query.where(f.flag.column, '=', this.#encode(f.table, f.flag.column, f.flag.on, facts));
      const rows = (await query.execute()) as { track_id: unknown }[];
      for (const row of rows) found.add(String(row.track_id));
    }
    return found;
  }

  async addFavorites(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<AddFavoritesResult> {
    if (ids.length === 0) return { added: [] };
    const facts = await this.#schemaFacts();
    const f = this.#favorites;
    const added: string[] = [];
    await this.#db.transaction().execute(async (trx) => {
      for (const batch of chunk(unique(this.#hostIds(ids)), 500)) {
        // Read, then update or insert, inside one transaction: many hosts
        // have no unique key to upsert on, and a shared row must keep its
        // other columns (play counts, ratings).
        const select = [`${f.trackId} as track_id`, ...(f.flag === undefined ? [] : [`${f.flag.column} as flag`])];
        const existing = (await this.#scoped(trx.selectFrom(f.table).select(select as any).where(f.trackId, 'in', batch), hostUser, facts).execute()) as Row[];
        const on = f.flag === undefined ? undefined : this.#encode(f.table, f.flag.column, f.flag.on, facts);
        const rowState = new Map<string, boolean>();
        for (const row of existing) rowState.set(String(row.track_id), rowState.get(String(row.track_id)) === true || f.flag === undefined || sameValue(row.flag, on));
        const now = new Date();
        const toInsert = batch.filter((id) => !rowState.has(String(id)));
        const toUpdate = f.flag === undefined ? [] : batch.filter((id) => rowState.get(String(id)) === false);
        if (toUpdate.length > 0 && f.flag !== undefined) {
          const set: Row = { [f.flag.column]: on };
          if (f.createdAt !== undefined) set[f.createdAt] = this.#timestamp(now, facts);
          await this.#scoped(trx.updateTable(f.table).set(set).where(f.trackId, 'in', toUpdate), hostUser, facts).execute();
        }
        if (toInsert.length > 0) {
          const rows: Row[] = [];
          for (const [index, id] of toInsert.entries()) rows.push(await this.#favoriteRow(trx, id, index, hostUser, now, facts));
          let insert = trx.insertInto(f.table).values(rows);
          if (facts.uniqueKey) {
            // A writer between our read and this insert (the player itself)
            // must not make the whole batch fail.
            const set: Row = f.flag === undefined ? { [f.trackId]: rows[0]![f.trackId] } : { [f.flag.column]: on };
            insert =
              this.#dialect === 'mysql'
                ? insert.onDuplicateKeyUpdate(f.flag === undefined ? { [f.trackId]: (eb: ExpressionBuilder<any, any>) => eb.ref(f.trackId) } : set)
                : insert.onConflict((oc) => (f.flag === undefined ? oc.columns(this.#keyColumns() as any).doNothing() : oc.columns(this.#keyColumns() as any).doUpdateSet(set)));
          }
          await insert.execute();
        }
        added.push(...toUpdate.map(String), ...toInsert.map(String));
      }
    });
    return { added };
  }

  async removeFavorites(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<void> {
    const facts = await this.#schemaFacts();
    const f = this.#favorites;
    for (const batch of chunk(this.#hostIds(ids), 1000)) {
      if (f.flag === undefined) {
        await this.#scoped(this.#db.deleteFrom(f.table).where(f.trackId, 'in', batch), hostUser, facts).execute();
      } else {
        // The row may hold the player's play counts and ratings: never delete it.
        const off = this.#encode(f.table, f.flag.column, f.flag.off, facts);
        await this.#scoped(this.#db.updateTable(f.table).set({ [f.flag.column]: off }).where(f.trackId, 'in', batch), hostUser, facts).execute();
      }
    }
  }

  // --- favorites --------------------------------------------------------

  /** Track, user, and the plain-valued `where` columns: what identifies a favorite's row. */
  #keyColumns(): string[] {
    const f = this.#favorites;
    const out = [f.trackId];
    if (f.userId !== undefined) out.push(f.userId);
    for (const [column, condition] of Object.entries(f.where ?? {})) if (isPlain(condition) && condition !== null) out.push(column);
    return unique(out);
  }

  #scoped<Q extends { where: (...args: any[]) => any }>(query: Q, hostUser: HostUserId | undefined, facts: SchemaFacts): Q {
    const f = this.#favorites;
    let q = query;
    if (f.userId !== undefined) q = hostUser === undefined ? q.where(f.userId, 'is', null) : q.where(f.userId, '=', hostUser);
    if (f.where !== undefined) q = q.where((eb: ExpressionBuilder<any, any>) => this.#filterExpr(eb, f.table, f.where!, facts));
    return q;
  }

  async #favoriteRow(trx: Kysely<any>, id: string | number, index: number, hostUser: HostUserId | undefined, now: Date, facts: SchemaFacts): Promise<Row> {
    const f = this.#favorites;
    const row: Row = {};
    for (const [column, value] of Object.entries(f.values ?? {})) {
      row[column] = typeof value === 'function' ? await value({ trackId: id, hostUser, now, db: trx, index, row: { ...row } }) : this.#encode(f.table, column, value, facts);
    }
    for (const [column, condition] of Object.entries(f.where ?? {})) if (isPlain(condition)) row[column] = this.#encode(f.table, column, condition, facts);
    row[f.trackId] = id;
    if (f.userId !== undefined) row[f.userId] = hostUser ?? null;
    if (f.flag !== undefined) row[f.flag.column] = this.#encode(f.table, f.flag.column, f.flag.on, facts);
    if (f.createdAt !== undefined) row[f.createdAt] = this.#timestamp(now, facts);
    return row;
  }

  #timestamp(now: Date, facts: SchemaFacts): string | number {
    return encodeTimestamp(facts.createdAtFormat ?? 'unix-seconds', now, this.#dialect ?? 'sqlite', facts.createdAtType, facts.createdAtOffset);
  }

  // --- tracks -----------------------------------------------------------

  #trackQuery(facts: SchemaFacts) {
    const t = this.#tracks;
    let query = this.#db.selectFrom(t.table).select(this.#columns as any);
    if (t.where !== undefined) query = query.where((eb) => this.#filterExpr(eb, t.table, t.where!, facts));
    if (t.missing !== undefined) query = query.where((eb) => this.#notFilterExpr(eb, t.table, t.missing!, facts));
    return query;
  }

  async #toTracks(rows: readonly Row[], facts: SchemaFacts): Promise<LibraryTrack[]> {
    const related = new Map<Field, Map<string, RelatedValue>>();
    for (const key of FIELDS) {
      const value = this.#tracks[key];
      if (value !== undefined && typeof value !== 'string') related.set(key, await this.#resolveRelated(value, rows.map((row) => (value.from === undefined ? row.id : row[`__from_${ALIAS[key]}`])), facts));
    }
    return rows.map((row) => {
      const id = row.id;
      const relatedValue = (key: Field): RelatedValue | undefined => {
        const value = this.#tracks[key] as ParsedRelated;
        const from = value.from === undefined ? id : row[`__from_${ALIAS[key]}`];
        return from === null || from === undefined ? undefined : related.get(key)!.get(String(from));
      };
      const text = (key: Field): string | null => {
        if (related.has(key)) return relatedValue(key)?.text ?? null;
        const v = row[ALIAS[key]];
        return v === undefined || v === null ? null : String(v);
      };
      // A per-file duration (uploads): the first file's.
      const duration = related.has('duration') ? relatedValue('duration')?.first : row.duration;
      return {
        id: this.#idType === 'integer' && typeof id !== 'number' && Number.isSafeInteger(Number(id)) ? Number(id) : (id as TrackId),
        artist: text('artist') ?? '',
        title: row.title === null || row.title === undefined ? '' : String(row.title),
        album: text('album'),
        albumArtist: text('albumArtist'),
        durationMs: this.#durationMs(duration),
        mbid: row.mbid === undefined || row.mbid === null || row.mbid === '' ? null : String(row.mbid),
      };
    });
  }

  #durationMs(value: unknown): number | null {
    const unit = this.#tracks.durationUnit;
    if (value === undefined || value === null) return null;
    if (typeof unit === 'function') {
      const ms = Number(unit(value) ?? Number.NaN);
      return Number.isFinite(ms) ? Math.round(ms) : null;
    }
    const n = Number(value);
    if (Number.isNaN(n)) return null;
    if (unit === 'seconds') return Math.round(n * 1000);
    // .NET ticks: 10,000 per millisecond.
    if (unit === 'ticks') return Math.round(n / 10_000);
    return Math.round(n);
  }

  /** Values of a related field per key (the track id or the `from` column), credits joined. */
  async #resolveRelated(spec: ParsedRelated, keys: readonly unknown[], facts: SchemaFacts): Promise<Map<string, RelatedValue>> {
    const wanted = unique(keys.filter((key) => key !== null && key !== undefined).map((key) => key as string | number));
    const out = new Map<string, RelatedValue>();
    if (wanted.length === 0) return out;
    // key -> target keys, in link order
    const links = new Map<string, string[]>();
    let targets: (string | number)[];
    if (spec.through !== undefined) {
      const through = spec.through;
      targets = [];
      for (const batch of chunk(wanted, 500)) {
        let query = this.#db.selectFrom(through.table).select([`${through.from} as k`, `${through.to} as v`] as any).where(through.from, 'in', batch);
        if (through.where !== undefined) query = query.where((eb) => this.#filterExpr(eb, through.table, through.where!, facts));
        for (const row of (await query.execute()) as Row[]) {
          if (row.v === null || row.v === undefined) continue;
          push(links, String(row.k), String(row.v));
          targets.push(row.v as string | number);
        }
      }
      targets = unique(targets);
    } else {
      targets = wanted;
      for (const key of wanted) links.set(String(key), [String(key)]);
    }
    const values = new Map<string, { value: string; raw: unknown; order: unknown; phrase: string | null }[]>();
    const select = [`${spec.key} as k`, `${spec.column} as v`];
    if (spec.order !== undefined) select.push(`${spec.order} as o`);
    if (spec.joinPhrase !== undefined) select.push(`${spec.joinPhrase} as j`);
    for (const batch of chunk(targets, 500)) {
      let query = this.#db.selectFrom(spec.table).select(select as any).where(spec.key, 'in', batch);
      if (spec.where !== undefined) query = query.where((eb) => this.#filterExpr(eb, spec.table, spec.where!, facts));
      for (const row of (await query.execute()) as Row[]) {
        if (row.v === null || row.v === undefined) continue;
        push(values, String(row.k), { value: String(row.v), raw: row.v, order: row.o, phrase: row.j === null || row.j === undefined ? null : String(row.j) });
      }
    }
    for (const [key, targetKeys] of links) {
      const parts = targetKeys.flatMap((target) => values.get(target) ?? []);
      if (parts.length === 0) continue;
      if (spec.order !== undefined) parts.sort((a, b) => compareValues(a.order, b.order));
      let text = '';
      parts.forEach((part, i) => {
        text += part.value;
        if (spec.joinPhrase !== undefined) text += part.phrase ?? '';
        else if (i < parts.length - 1) text += spec.separator;
      });
      out.set(key, { text: text.trim(), first: parts[0]!.raw });
    }
    return out;
  }

  // --- filters and values ----------------------------------------------

  #filterExpr(eb: ExpressionBuilder<any, any>, table: string, filter: RowFilter, facts: SchemaFacts): Expression<SqlBool> {
    return eb.and(Object.entries(filter).map(([column, condition]) => this.#conditionExpr(eb, table, column, condition, facts)));
  }

  // NOT(filter), where a NULL column counts as "does not match" (a NULL
  // `missing` flag is a present file).
  #notFilterExpr(eb: ExpressionBuilder<any, any>, table: string, filter: RowFilter, facts: SchemaFacts): Expression<SqlBool> {
    return eb.or(
      Object.entries(filter).map(([column, condition]) => {
        if (condition === null) return eb(column, 'is not', null);
        if (isPlain(condition)) return eb.or([eb(column, 'is', null), eb(column, '<>', this.#encode(table, column, condition, facts))]);
        if ('not' in condition) return condition.not === null ? eb(column, 'is', null) : eb(column, '=', this.#encode(table, column, condition.not, facts));
        return eb.or([eb(column, 'is', null), eb(column, 'not in', condition.in)]);
      }),
    );
  }

  #conditionExpr(eb: ExpressionBuilder<any, any>, table: string, column: string, condition: FilterCondition, facts: SchemaFacts): Expression<SqlBool> {
    if (condition === null) return eb(column, 'is', null);
    if (isPlain(condition)) return eb(column, '=', this.#encode(table, column, condition, facts));
    if ('not' in condition) {
      return condition.not === null ? eb(column, 'is not', null) : eb.or([eb(column, 'is', null), eb(column, '<>', this.#encode(table, column, condition.not, facts))]);
    }
    return eb(column, 'in', condition.in);
  }

  /** Booleans as the column takes them: PostgreSQL booleans stay, everything else is 1/0. */
  #encode(table: string, column: string, value: ColumnValue, facts: SchemaFacts): ColumnValue {
    if (typeof value !== 'boolean') return value;
    if (this.#dialect === 'postgres' && (facts.types.get(`${table}.${column}`) ?? 'boolean') === 'boolean') return value;
    return value ? 1 : 0;
  }

  #hostIds(ids: readonly TrackId[]): (string | number)[] {
    return ids.map((id) => this.#hostId(id));
  }

  #hostId(id: TrackId): string | number {
    if (this.#idType === 'text') return String(id);
    const n = typeof id === 'number' ? id : Number(id);
    if (!Number.isSafeInteger(n)) return String(id);
    return n;
  }

  // --- the catalog ------------------------------------------------------

  #schemaFacts(): Promise<SchemaFacts> {
    if (this.#facts === undefined) {
      this.#facts = this.#readSchema();
      // A failed check (or a database that was down) is tried again next time.
      this.#facts.catch(() => {
        this.#facts = undefined;
      });
    }
    return this.#facts;
  }

  async #readSchema(): Promise<SchemaFacts> {
    const dialect = this.#dialect;
    const t = this.#tracks;
    const f = this.#favorites;
    if (dialect === undefined) {
      // A dialect we cannot read the catalog of: trust the mapping.
      return { createdAtFormat: f.createdAtFormat === 'auto' ? 'unix-seconds' : f.createdAtFormat, createdAtType: undefined, createdAtOffset: false, uniqueKey: false, types: new Map() };
    }
    const tables = new Map<string, HostTable>();
    const types = new Map<string, string>();
    const table = async (name: string, option: string): Promise<HostTable> => {
      let found = tables.get(name);
      if (found === undefined) {
        found = await readHostTable(this.#db, dialect, name);
        if (found === undefined) {
          throw new HostSchemaError(`The host table ${JSON.stringify(name)} does not exist (set \`${option}\`)`, { table: name, option });
        }
        tables.set(name, found);
      }
      return found;
    };
    const column = async (tableName: string, name: string, option: string): Promise<string> => {
      const found = (await table(tableName, option)).columns.get(name);
      if (found === undefined) {
        throw new HostSchemaError(`The host table ${JSON.stringify(tableName)} has no column ${JSON.stringify(name)} (set \`${option}\`)`, { table: tableName, column: name, option });
      }
      types.set(`${tableName}.${name}`, found.type);
      return found.type;
    };
    const filterColumns = async (tableName: string, filter: RowFilter | undefined, option: string) => {
      for (const name of Object.keys(filter ?? {})) await column(tableName, name, `${option}.${name}`);
    };

    await table(t.table, 'tracks.table');
    for (const key of ['id', 'title', 'mbid'] as const) if (t[key] !== undefined) await column(t.table, t[key], `tracks.${key}`);
    for (const key of FIELDS) {
      const value = t[key];
      if (typeof value === 'string') await column(t.table, value, `tracks.${key}`);
      else if (value !== undefined) {
        const option = `tracks.${key}`;
        if (value.from !== undefined) await column(t.table, value.from, `${option}.from`);
        if (value.through !== undefined) {
          await table(value.through.table, `${option}.through.table`);
          await column(value.through.table, value.through.from, `${option}.through.from`);
          await column(value.through.table, value.through.to, `${option}.through.to`);
          await filterColumns(value.through.table, value.through.where, `${option}.through.where`);
        }
        await table(value.table, `${option}.table`);
        await column(value.table, value.key, `${option}.key`);
        await column(value.table, value.column, `${option}.column`);
        if (value.order !== undefined) await column(value.table, value.order, `${option}.order`);
        if (value.joinPhrase !== undefined) await column(value.table, value.joinPhrase, `${option}.joinPhrase`);
        await filterColumns(value.table, value.where, `${option}.where`);
      }
    }
    await filterColumns(t.table, t.where, 'tracks.where');
    await filterColumns(t.table, t.missing, 'tracks.missing');
    const visibilityTable = t.visibility?.via?.table ?? t.table;
    if (t.visibility?.via !== undefined) {
      await table(t.visibility.via.table, 'tracks.visibility.via.table');
      await column(t.visibility.via.table, t.visibility.via.track, 'tracks.visibility.via.track');
    }
    if (t.visibility?.owner !== undefined) await column(visibilityTable, t.visibility.owner, 'tracks.visibility.owner');
    await filterColumns(visibilityTable, t.visibility?.public, 'tracks.visibility.public');

    const favorites = await table(f.table, 'favorites.table');
    await column(f.table, f.trackId, 'favorites.trackId');
    if (f.userId !== undefined) await column(f.table, f.userId, 'favorites.userId');
    if (f.flag !== undefined) {
      const type = await column(f.table, f.flag.column, 'favorites.flag.column');
      if (/^(bytea|blob|json|jsonb|uuid|array)$/.test(type)) {
        throw new HostSchemaError(`The flag column ${f.table}.${f.flag.column} is ${type}: it cannot take the values of \`favorites.flag.on\`/\`off\``, { table: f.table, column: f.flag.column, type, option: 'favorites.flag.column' });
      }
    }
    await filterColumns(f.table, f.where, 'favorites.where');
    for (const name of Object.keys(f.values ?? {})) await column(f.table, name, `favorites.values.${name}`);

    // A new favorite row must give every NOT NULL column without a default a value.
    const written = new Set([f.trackId, ...(f.userId === undefined ? [] : [f.userId]), ...(f.createdAt === undefined ? [] : [f.createdAt]), ...(f.flag === undefined ? [] : [f.flag.column]), ...Object.keys(f.values ?? {})]);
    for (const [name, condition] of Object.entries(f.where ?? {})) if (isPlain(condition)) written.add(name);
    for (const col of favorites.columns.values()) {
      if (col.notNull && !col.hasDefault && !written.has(col.name)) {
        throw new HostSchemaError(
          `The host table ${JSON.stringify(f.table)} needs a value for its NOT NULL column ${JSON.stringify(col.name)} (${col.type || 'no type'}) in every new favorite: give it in \`favorites.values\``,
          { table: f.table, column: col.name, type: col.type, option: 'favorites.values' },
        );
      }
    }

    let createdAtFormat: ResolvedTimestampFormat | undefined;
    let createdAtType: string | undefined;
    let createdAtOffset = false;
    if (f.createdAt !== undefined) {
      await column(f.table, f.createdAt, 'favorites.createdAt');
      const col = favorites.columns.get(f.createdAt)!;
      createdAtType = col.type;
      const samples = ((await this.#db.selectFrom(f.table).select(`${f.createdAt} as v`).where(f.createdAt, 'is not', null).limit(20).execute()) as Row[]).map((row) => row.v);
      const resolved = resolveTimestampFormat(dialect, col, f.createdAtFormat, samples);
      if ('problem' in resolved) {
        throw new HostSchemaError(`Cannot write the time of a favorite to ${f.table}.${f.createdAt} (${col.type || 'no type'}): ${resolved.problem}; set \`favorites.createdAtFormat\``, {
          table: f.table,
          column: f.createdAt,
          type: col.type,
          option: 'favorites.createdAtFormat',
        });
      }
      createdAtFormat = resolved.format;
      createdAtOffset = dialect === 'sqlite' && samplesHaveOffset(samples);
    }

    const key = new Set(this.#keyColumns());
    const uniqueKey = favorites.uniqueKeys.some((columns) => columns.length === key.size && columns.every((name) => key.has(name)));
    return { createdAtFormat, createdAtType, createdAtOffset, uniqueKey, types };
  }
}

function isPlain(condition: FilterCondition): condition is ColumnValue {
  return condition === null || typeof condition !== 'object';
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  const norm = (v: unknown) => (typeof v === 'boolean' ? (v ? '1' : '0') : typeof v === 'bigint' ? String(v) : String(v));
  return norm(a) === norm(b);
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function assertFilter(filter: RowFilter | undefined, what: string): void {
  for (const column of Object.keys(filter ?? {})) assertIdentifier(column, `\`${what}.${column}\``);
}

function assertRelated(spec: ParsedRelated, what: string): void {
  if (spec.from !== undefined) assertIdentifier(spec.from, `\`${what}.from\``);
  if (spec.through !== undefined) {
    assertTableName(spec.through.table, `\`${what}.through.table\``);
    assertIdentifier(spec.through.from, `\`${what}.through.from\``);
    assertIdentifier(spec.through.to, `\`${what}.through.to\``);
    assertFilter(spec.through.where, `${what}.through.where`);
  }
  assertTableName(spec.table, `\`${what}.table\``);
  assertIdentifier(spec.key, `\`${what}.key\``);
  assertIdentifier(spec.column, `\`${what}.column\``);
  if (spec.order !== undefined) assertIdentifier(spec.order, `\`${what}.order\``);
  if (spec.joinPhrase !== undefined) assertIdentifier(spec.joinPhrase, `\`${what}.joinPhrase\``);
  assertFilter(spec.where, `${what}.where`);
}
