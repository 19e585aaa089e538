import type { Kysely } from 'kysely';
import { z } from 'zod';
import { chunk } from '../internal/chunk.js';
import { assertIdentifier, assertTableName } from '../internal/identifiers.js';
import { parseOptions } from '../internal/parse-options.js';
import type { LibraryTrack, TrackId } from '../types.js';
import type { AddFavoritesResult, HostUserId, LibraryAdapter, ReadTracksOptions } from './library-adapter.js';

const tracksSchema = z.object({
  table: z.string(),
  id: z.string().default('id'),
  artist: z.string().default('artist'),
  title: z.string().default('title'),
  album: z.string().optional(),
  albumArtist: z.string().optional(),
  duration: z.string().optional(),
  durationUnit: z.enum(['seconds', 'milliseconds']).default('seconds'),
  mbid: z.string().optional(),
});

const favoritesSchema = z.object({
  table: z.string(),
  trackId: z.string().default('track_id'),
  userId: z.string().optional(),
  createdAt: z.string().optional(),
  createdAtFormat: z.enum(['unix-seconds', 'unix-ms', 'iso', 'date']).default('unix-seconds'),
});

const optionsSchema = z.object({
  db: z.custom<Kysely<any>>((value) => typeof value === 'object' && value !== null && typeof (value as Kysely<any>).getExecutor === 'function', {
    message: 'to be a Kysely instance',
  }),
  tracks: tracksSchema,
  favorites: favoritesSchema,
  idType: z.enum(['integer', 'text']).default('integer'),
});

/**
 * Where the host keeps its tracks. Every name is validated as a SQL identifier.
 *
 * @example
 * ```ts
 * const tracks: TrackTableMapping = { table: 'library', id: 'id', artist: 'artist', title: 'title', albumArtist: 'album_artist', duration: 'duration' };
 * ```
 */
export interface TrackTableMapping {
  /** Table (or `schema.table`) holding one row per track. */
  readonly table: string;
  /** @default 'id' */
  readonly id?: string | undefined;
  /** @default 'artist' */
  readonly artist?: string | undefined;
  /** @default 'title' */
  readonly title?: string | undefined;
  /** Album column, when the host has one. */
  readonly album?: string | undefined;
  /** Album artist column, when the host has one. */
  readonly albumArtist?: string | undefined;
  /** Duration column, when the host has one. */
  readonly duration?: string | undefined;
  /**
   * Unit of the duration column.
   * @default 'seconds'
   */
  readonly durationUnit?: 'seconds' | 'milliseconds' | undefined;
  /** MusicBrainz recording id column, when the host has one. */
  readonly mbid?: string | undefined;
}

/**
 * Where the host keeps its favorites.
 *
 * @example
 * ```ts
 * const favorites: FavoritesTableMapping = { table: 'favorites', trackId: 'track_id', createdAt: 'timestamp' };
 * ```
 */
export interface FavoritesTableMapping {
  /** Table (or `schema.table`) with one row per favorite. */
  readonly table: string;
  /** @default 'track_id' */
  readonly trackId?: string | undefined;
  /** Column of the host user id, for multi-user hosts. */
  readonly userId?: string | undefined;
  /** Column that records when the favorite was made, if any. */
  readonly createdAt?: string | undefined;
  /**
   * How `createdAt` is written.
   * @default 'unix-seconds'
   */
  readonly createdAtFormat?: 'unix-seconds' | 'unix-ms' | 'iso' | 'date' | undefined;
}

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
}

/**
 * A {@link LibraryAdapter} over the host's existing tables, described by
 * table and column names. It only reads the tracks table, and only inserts
 * and deletes rows of the favorites table.
 *
 * @example
 * ```ts
 * const library = new TableLibraryAdapter({
 *   db,
 *   tracks: { table: 'library', albumArtist: 'album_artist', duration: 'duration' },
 *   favorites: { table: 'favorites', trackId: 'track_id', createdAt: 'timestamp' },
 * });
 * ```
 */
export class TableLibraryAdapter implements LibraryAdapter {
  readonly #db: Kysely<any>;
  readonly #tracks: z.output<typeof tracksSchema>;
  readonly #favorites: z.output<typeof favoritesSchema>;
  readonly #idType: 'integer' | 'text';
  readonly #select: readonly string[];

  constructor(options: TableLibraryAdapterOptions) {
    const parsed = parseOptions(optionsSchema, options, 'TableLibraryAdapter options');
    const t = parsed.tracks;
    const f = parsed.favorites;
    assertTableName(t.table, '`tracks.table`');
    for (const key of ['id', 'artist', 'title', 'album', 'albumArtist', 'duration', 'mbid'] as const) {
      if (t[key] !== undefined) assertIdentifier(t[key], `\`tracks.${key}\``);
    }
    assertTableName(f.table, '`favorites.table`');
    for (const key of ['trackId', 'userId', 'createdAt'] as const) {
      if (f[key] !== undefined) assertIdentifier(f[key], `\`favorites.${key}\``);
    }
    this.#db = parsed.db;
    this.#tracks = Object.freeze(t);
    this.#favorites = Object.freeze(f);
    this.#idType = parsed.idType;
    const columns = [`${t.id} as id`, `${t.artist} as artist`, `${t.title} as title`];
    if (t.album !== undefined) columns.push(`${t.album} as album`);
    if (t.albumArtist !== undefined) columns.push(`${t.albumArtist} as album_artist`);
    if (t.duration !== undefined) columns.push(`${t.duration} as duration`);
    if (t.mbid !== undefined) columns.push(`${t.mbid} as mbid`);
    this.#select = columns;
  }

  async *tracks(options: ReadTracksOptions): AsyncIterable<readonly LibraryTrack[]> {
    // Keyset paging on the id: constant cost per chunk, never the whole table in memory.
    let after: unknown;
    for (;;) {
      options.signal?.throwIfAborted();
      let query = this.#db.selectFrom(this.#tracks.table).select(this.#select as any).orderBy(this.#tracks.id).limit(options.batchSize);
      if (after !== undefined) query = query.where(this.#tracks.id, '>', after);
      const rows = (await query.execute()) as Record<string, unknown>[];
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.id;
      yield rows.map((row) => this.#toTrack(row));
      if (rows.length < options.batchSize) return;
    }
  }

  async getTracks(ids: readonly TrackId[]): Promise<readonly LibraryTrack[]> {
    const out: LibraryTrack[] = [];
    for (const batch of chunk(this.#hostIds(ids), 1000)) {
      const rows = (await this.#db
        .selectFrom(this.#tracks.table)
        .select(this.#select as any)
        .where(this.#tracks.id, 'in', batch)
        .execute()) as Record<string, unknown>[];
      for (const row of rows) out.push(this.#toTrack(row));
    }
    return out;
  }

  async favorited(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<ReadonlySet<string>> {
    const found = new Set<string>();
    for (const batch of chunk(this.#hostIds(ids), 1000)) {
      let query = this.#db.selectFrom(this.#favorites.table).select(`${this.#favorites.trackId} as track_id`).where(this.#favorites.trackId, 'in', batch);
      query = this.#forUser(query, hostUser);
      const rows = (await query.execute()) as { track_id: unknown }[];
      for (const row of rows) found.add(String(row.track_id));
    }
    return found;
  }

  async addFavorites(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<AddFavoritesResult> {
    if (ids.length === 0) return { added: [] };
    const added: string[] = [];
    await this.#db.transaction().execute(async (trx) => {
      for (const batch of chunk(this.#hostIds(ids), 500)) {
        // Read-then-insert inside one transaction: the host's favorites table
        // rarely has a unique constraint we could lean on.
        let existing = trx.selectFrom(this.#favorites.table).select(`${this.#favorites.trackId} as track_id`).where(this.#favorites.trackId, 'in', batch);
        existing = this.#forUser(existing, hostUser);
        const have = new Set(((await existing.execute()) as { track_id: unknown }[]).map((row) => String(row.track_id)));
        const missing = [...new Set(batch.map(String))].filter((id) => !have.has(id));
        if (missing.length === 0) continue;
        const now = new Date();
        await trx
          .insertInto(this.#favorites.table)
          .values(missing.map((id) => this.#favoriteRow(id, hostUser, now)))
          .execute();
        added.push(...missing);
      }
    });
    return { added };
  }

  async removeFavorites(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<void> {
    for (const batch of chunk(this.#hostIds(ids), 1000)) {
      let query = this.#db.deleteFrom(this.#favorites.table).where(this.#favorites.trackId, 'in', batch);
      if (this.#favorites.userId !== undefined) {
        query = hostUser === undefined ? query.where(this.#favorites.userId, 'is', null) : query.where(this.#favorites.userId, '=', hostUser);
      }
      await query.execute();
    }
  }

  #forUser<Q extends { where: (...args: any[]) => any }>(query: Q, hostUser: HostUserId | undefined): Q {
    if (this.#favorites.userId === undefined) return query;
    return hostUser === undefined ? query.where(this.#favorites.userId, 'is', null) : query.where(this.#favorites.userId, '=', hostUser);
  }

  #favoriteRow(id: string, hostUser: HostUserId | undefined, now: Date): Record<string, unknown> {
    const row: Record<string, unknown> = { [this.#favorites.trackId]: this.#hostId(id) };
    if (this.#favorites.userId !== undefined) row[this.#favorites.userId] = hostUser ?? null;
    if (this.#favorites.createdAt !== undefined) {
      const format = this.#favorites.createdAtFormat;
      row[this.#favorites.createdAt] =
        format === 'unix-seconds' ? Math.floor(now.getTime() / 1000) : format === 'unix-ms' ? now.getTime() : format === 'iso' ? now.toISOString() : now;
    }
    return row;
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

  #toTrack(row: Record<string, unknown>): LibraryTrack {
    const duration = row.duration === undefined || row.duration === null ? null : Number(row.duration);
    return {
      id: this.#idType === 'integer' && typeof row.id !== 'number' && Number.isSafeInteger(Number(row.id)) ? Number(row.id) : (row.id as TrackId),
      artist: row.artist === null || row.artist === undefined ? '' : String(row.artist),
      title: row.title === null || row.title === undefined ? '' : String(row.title),
      album: row.album === undefined || row.album === null ? null : String(row.album),
      albumArtist: row.album_artist === undefined || row.album_artist === null ? null : String(row.album_artist),
      durationMs: duration === null || Number.isNaN(duration) ? null : this.#tracks.durationUnit === 'seconds' ? Math.round(duration * 1000) : duration,
      mbid: row.mbid === undefined || row.mbid === null || row.mbid === '' ? null : String(row.mbid),
    };
  }
}
