import type { Kysely } from 'kysely';
import type { TableLibraryAdapterOptions } from '../table-library-adapter.js';

/**
 * mt (desktop player, SQLite, one local user: leave the cache's `hostUser`
 * out). Tracks are `library` rows (duration in REAL seconds, missing files
 * flagged `missing = 1` and kept with their favorite); a favorite is a
 * `favorites` row (unique `track_id`) whose `timestamp` is SQLite's text
 * `YYYY-MM-DD HH:MM:SS`, as mt's own `CURRENT_TIMESTAMP` default writes it.
 * `library.lastfm_loved` is mt's own column and is never touched.
 *
 * @example
 * ```ts
 * const library = new TableLibraryAdapter(mtRecipe(db));
 * const cache = new LovedTrackCache({ user: 'rj', store, source, library });
 * ```
 */
export function mtRecipe(db: Kysely<any>): TableLibraryAdapterOptions {
  return {
    db,
    idType: 'integer',
    tracks: {
      table: 'library',
      id: 'id',
      artist: 'artist',
      title: 'title',
      album: 'album',
      albumArtist: 'album_artist',
      duration: 'duration',
      durationUnit: 'seconds',
      missing: { missing: 1 },
    },
    favorites: { table: 'favorites', trackId: 'track_id', createdAt: 'timestamp', createdAtFormat: 'sqlite-datetime' },
    favoritesOfRemovedTracks: 'keep',
  };
}
