import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { HostUserId } from './library-adapter.js';
import type { TimestampFormat } from './timestamps.js';

/** A value a filter compares with or a column is written with. */
export type ColumnValue = string | number | boolean | null;

/**
 * One condition of a {@link RowFilter}: a value (`=`, or `is null` for
 * `null`), `{ not: value }` (`<>`, or `is not null`), or `{ in: [...] }`.
 */
export type FilterCondition = ColumnValue | { readonly not: ColumnValue } | { readonly in: readonly (string | number)[] };

/**
 * Conditions on columns of one table, all of which must hold. Booleans are
 * written as 1/0 on SQLite.
 *
 * @example
 * ```ts
 * const filter: RowFilter = { item_type: 'media_file', podcast_id: null, status: { in: ['ok', 'done'] } };
 * ```
 */
export type RowFilter = Readonly<Record<string, FilterCondition>>;

/**
 * A track field that lives in another table: a foreign key of the tracks
 * table (`from`, e.g. `album_id`) or the track id itself, optionally through
 * a link table (many-to-many credits), to a `column` of `table`. Several
 * rows (credits) are joined in `order`, each followed by its `joinPhrase`
 * column (or `separator`).
 *
 * @example
 * ```ts
 * // Funkwhale 1.x: music_track.artist_id -> music_artist.name
 * const artist: RelatedColumn = { from: 'artist_id', table: 'music_artist', column: 'name' };
 * // Credits: music_track_artist_credit(track_id, artistcredit_id) -> music_artistcredit(credit, joinphrase, index)
 * const credits: RelatedColumn = {
 *   through: { table: 'music_track_artist_credit', from: 'track_id', to: 'artistcredit_id' },
 *   table: 'music_artistcredit', column: 'credit', joinPhrase: 'joinphrase', order: 'index',
 * };
 * // Two hops: music_track.album_id -> music_album(id, artist_id) -> music_artist.name
 * const albumArtist: RelatedColumn = { from: 'album_id', through: { table: 'music_album', from: 'id', to: 'artist_id' }, table: 'music_artist', column: 'name' };
 * ```
 */
export interface RelatedColumn {
  /** Column of the tracks table holding the key; defaults to the track id. */
  readonly from?: string | undefined;
  /** A link table between the key and `table`: rows where `from` = key give `to` = key of `table`. */
  readonly through?: { readonly table: string; readonly from: string; readonly to: string; readonly where?: RowFilter | undefined } | undefined;
  /** The table holding the value. */
  readonly table: string;
  /** @default 'id' */
  readonly key?: string | undefined;
  /** The value column. */
  readonly column: string;
  /** Order of several rows (credits). */
  readonly order?: string | undefined;
  /** Column with the text after each credit (" feat. ", " & "). */
  readonly joinPhrase?: string | undefined;
  /**
   * Text between several rows when there is no `joinPhrase` column.
   * @default ', '
   */
  readonly separator?: string | undefined;
  /** Only rows of `table` matching this filter. */
  readonly where?: RowFilter | undefined;
}

/**
 * Who may see a track, for hosts with private uploads: a track is visible
 * to a host user when `owner` holds that user's id, or when the row matches
 * `public`. With neither, or without this option, every track is visible.
 *
 * @example
 * ```ts
 * const visibility: TrackVisibility = { owner: 'owner_id', public: { is_public: true } };
 * ```
 */
export interface TrackVisibility {
  /** Column of the tracks table with the owner's host user id. */
  readonly owner?: string | undefined;
  /** Rows that everybody may see. */
  readonly public?: RowFilter | undefined;
  /**
   * Who may see a track is listed in another table (one row per track and
   * user, or per track for everyone): `owner` and `public` then apply to
   * that table's rows, and `track` is its track column.
   * @example { table: 'music_trackactor', track: 'track_id' } // with owner: 'actor_id', public: { actor_id: null }
   */
  readonly via?: { readonly table: string; readonly track: string } | undefined;
}

/**
 * Where the host keeps its tracks. Every name is validated as a SQL identifier.
 *
 * @example
 * ```ts
 * const tracks: TrackTableMapping = {
 *   table: 'media_file', id: 'id', artist: 'artist', title: 'title', albumArtist: 'album_artist',
 *   duration: 'duration', missing: { missing: true },
 * };
 * ```
 */
export interface TrackTableMapping {
  /** Table (or `schema.table`) holding one row per track. */
  readonly table: string;
  /** @default 'id' */
  readonly id?: string | undefined;
  /** Column, or a field of another table. @default 'artist' */
  readonly artist?: string | RelatedColumn | undefined;
  /** @default 'title' */
  readonly title?: string | undefined;
  /** Album column (or field of another table), when the host has one. */
  readonly album?: string | RelatedColumn | undefined;
  /** Album artist column (or field of another table), when the host has one. */
  readonly albumArtist?: string | RelatedColumn | undefined;
  /** Duration column (or, per file, a field of another table: the first value is taken), when the host has one. */
  readonly duration?: string | RelatedColumn | undefined;
  /**
   * Unit of the duration column: seconds, milliseconds, ticks (100 ns, as
   * .NET and Jellyfin count), or a function from the column's value to ms.
   * @default 'seconds'
   */
  readonly durationUnit?: 'seconds' | 'milliseconds' | 'ticks' | ((value: unknown) => number | null) | undefined;
  /** MusicBrainz recording id column, when the host has one. */
  readonly mbid?: string | undefined;
  /**
   * Rows of the table that are tracks of the library (item type, playable);
   * others are never read.
   * @example { Type: 'MediaBrowser.Controller.Entities.Audio.Audio' }
   */
  readonly where?: RowFilter | undefined;
  /**
   * Rows that are missing files (a soft delete): never read as tracks.
   * Implies `favoritesOfRemovedTracks: 'keep'` unless that is set.
   * @example { missing: true }
   */
  readonly missing?: RowFilter | undefined;
  /** Per-user visibility (private uploads). */
  readonly visibility?: TrackVisibility | undefined;
}

/** What a favorite value function is given. */
export interface FavoriteValueContext {
  /** The host's track id, as written to the favorites table. */
  readonly trackId: string | number;
  /** The host user the favorite is for. */
  readonly hostUser: HostUserId | undefined;
  /** The time of the write. */
  readonly now: Date;
  /** The transaction the favorite is written in (to read a next position, say). */
  readonly db: Kysely<any>;
  /**
   * Position of this row among the rows one statement inserts (0, 1, ...):
   * rows of one batch are inserted together, so a "max + 1" read sees
   * none of them.
   */
  readonly index: number;
  /** The values of this row so far (`values` are computed in their order): a `fid` made from the `uuid`, say. */
  readonly row: Readonly<Record<string, unknown>>;
}

/** A fixed value, or a function of the favorite being written. */
export type FavoriteValue = ColumnValue | ((context: FavoriteValueContext) => unknown);

/**
 * The favorite is a flag in a row the host shares with other data (play
 * counts, ratings): the row is keyed by track, user and the favorites
 * `where` columns, written by upsert, and never deleted (removal turns the
 * flag off).
 */
export interface FavoriteFlag {
  readonly column: string;
  /** @default true (1 on SQLite) */
  readonly on?: ColumnValue | undefined;
  /** @default false (0 on SQLite) */
  readonly off?: ColumnValue | undefined;
}

/**
 * Where the host keeps its favorites: one row per favorite (the default),
 * or a {@link FavoriteFlag} in a shared row.
 *
 * @example
 * ```ts
 * // Navidrome: annotation(user_id, item_id, item_type, starred, starred_at, play_count, rating, ...)
 * const favorites: FavoritesTableMapping = {
 *   table: 'annotation', trackId: 'item_id', userId: 'user_id', where: { item_type: 'media_file' },
 *   flag: { column: 'starred' }, createdAt: 'starred_at',
 * };
 * ```
 */
export interface FavoritesTableMapping {
  /** Table (or `schema.table`). */
  readonly table: string;
  /** @default 'track_id' */
  readonly trackId?: string | undefined;
  /** Column of the host user id, for multi-user hosts. */
  readonly userId?: string | undefined;
  /** Column that records when the favorite was made, if any. */
  readonly createdAt?: string | undefined;
  /**
   * How `createdAt` is written; `auto` reads the column's type (and values)
   * from the catalog.
   * @default 'auto'
   */
  readonly createdAtFormat?: TimestampFormat | undefined;
  /** The favorite is a flag in a shared row (see {@link FavoriteFlag}). */
  readonly flag?: FavoriteFlag | undefined;
  /**
   * Scopes reads, writes and removals to these rows; plain values are
   * written into new rows (a discriminator such as `item_type`).
   * @example { item_type: 'media_file' }
   */
  readonly where?: RowFilter | undefined;
  /**
   * More columns of new rows: fixed values, or functions of the favorite
   * (a uuid, a federation id, a privacy level, a position).
   * @example { uuid: () => crypto.randomUUID(), privacy_level: 'me' }
   */
  readonly values?: Readonly<Record<string, FavoriteValue>> | undefined;
}

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const condition = z.union([scalar, z.object({ not: scalar }).strict(), z.object({ in: z.array(z.union([z.string(), z.number()])) }).strict()]);
const filter = z.record(z.string(), condition);
const related = z
  .object({
    from: z.string().optional(),
    through: z.object({ table: z.string(), from: z.string(), to: z.string(), where: filter.optional() }).optional(),
    table: z.string(),
    key: z.string().default('id'),
    column: z.string(),
    order: z.string().optional(),
    joinPhrase: z.string().optional(),
    separator: z.string().default(', '),
    where: filter.optional(),
  })
  .strict();
const field = z.union([z.string(), related]);
const fn = z.custom<(...args: any[]) => unknown>((value) => typeof value === 'function', { message: 'to be a function' });

/** @internal */
export const tracksSchema = z
  .object({
    table: z.string(),
    id: z.string().default('id'),
    artist: field.default('artist'),
    title: z.string().default('title'),
    album: field.optional(),
    albumArtist: field.optional(),
    duration: field.optional(),
    durationUnit: z.union([z.enum(['seconds', 'milliseconds', 'ticks']), fn]).default('seconds'),
    mbid: z.string().optional(),
    where: filter.optional(),
    missing: filter.optional(),
    visibility: z.object({ owner: z.string().optional(), public: filter.optional(), via: z.object({ table: z.string(), track: z.string() }).strict().optional() }).strict().optional(),
  })
  .strict();

/** @internal */
export const favoritesSchema = z
  .object({
    table: z.string(),
    trackId: z.string().default('track_id'),
    userId: z.string().optional(),
    createdAt: z.string().optional(),
    createdAtFormat: z.enum(['auto', 'unix-seconds', 'unix-ms', 'iso', 'sqlite-datetime', 'date']).default('auto'),
    flag: z.object({ column: z.string(), on: scalar.default(true), off: scalar.default(false) }).strict().optional(),
    where: filter.optional(),
    values: z.record(z.string(), z.union([scalar, fn])).optional(),
  })
  .strict();

/** @internal */
export type ParsedTracks = z.output<typeof tracksSchema>;
/** @internal */
export type ParsedFavorites = z.output<typeof favoritesSchema>;
/** @internal */
export type ParsedRelated = z.output<typeof related>;
