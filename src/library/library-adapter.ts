import type { LibraryTrack, TrackId } from '../types.js';

/**
 * The host's own user id for favorites (a multi-user server's account id).
 * Desktop players with one user leave it out.
 */
export type HostUserId = string | number;

/** Options of {@link LibraryAdapter.tracks}. */
export interface ReadTracksOptions {
  /** Tracks per chunk. */
  readonly batchSize: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * How the cache reads the host's tracks and writes the host's favorites.
 * All access to the host's tables goes through this contract;
 * {@link TableLibraryAdapter} maps it onto an existing schema and
 * {@link InMemoryLibrary} keeps everything in memory.
 *
 * Track ids cross this boundary as the host's {@link TrackId}; ids the cache
 * kept arrive as strings, so implementations accept both spellings.
 */
export interface LibraryAdapter {
  /** Streams every track of the library in chunks (never the whole table at once). */
  tracks(options: ReadTracksOptions): AsyncIterable<readonly LibraryTrack[]>;
  /** The tracks with these ids that exist (missing ids are left out). */
  getTracks(ids: readonly TrackId[]): Promise<readonly LibraryTrack[]>;
  /** Which of these tracks `hostUser` has favorited, as string ids. */
  favorited(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<ReadonlySet<string>>;
  /**
   * Favorites these tracks for `hostUser`. Must not create duplicates.
   * Returns the ids it actually wrote (tracks already favorited are left
   * out); an adapter that returns nothing is taken to have written all.
   */
  addFavorites(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<AddFavoritesResult | void>;
  /** Removes these favorites of `hostUser`. */
  removeFavorites(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<void>;
  /**
   * Checks the adapter's configuration against the database (tables,
   * columns, types) and throws a typed error naming what to fix. Called by
   * `LovedTrackCache.migrate()` and `validate()`.
   */
  validate?(options?: { readonly signal?: AbortSignal | undefined }): Promise<void>;
  /**
   * Which of these tracks `hostUser` may see (private uploads of other
   * users are left out), as string ids. Adapters without a notion of
   * visibility leave it out: every track is visible to everyone.
   */
  visibleTo?(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<ReadonlySet<string>>;
  /**
   * What the host does with the favorites of a track that leaves the
   * library (see {@link FavoritesOfRemovedTracks}); read by the scanner
   * hooks and `reset()`.
   * @default 'deleted-by-host'
   */
  readonly favoritesOfRemovedTracks?: FavoritesOfRemovedTracks | undefined;
}

/**
 * What happens to the favorites of a track that leaves the library:
 * - `deleted-by-host`: the host deletes the track's row and its favorites
 *   (the cache records that; the favorite is made again if the track returns);
 * - `keep`: a soft delete (the file is flagged missing, its favorite row
 *   stays and shows again when the file returns): the cache leaves our
 *   favorite in place and still counts it as ours, so
 *   `reset({ removeAutoFavorites: true })` removes it;
 * - `remove`: a soft delete, but our favorite of a missing track is removed
 *   (and made again when the file returns).
 *
 * @example
 * ```ts
 * const library = new TableLibraryAdapter({ db, tracks: { table: 'media_file', missing: { missing: true } }, favorites, favoritesOfRemovedTracks: 'remove' });
 * ```
 */
export type FavoritesOfRemovedTracks = 'deleted-by-host' | 'keep' | 'remove';

/** What {@link LibraryAdapter.addFavorites} wrote. */
export interface AddFavoritesResult {
  /** The ids written by this call, as strings; ids that were favorited already are left out. */
  readonly added: readonly string[];
}
