import type { Kysely } from 'kysely';
import type { TableLibraryAdapterOptions } from '../table-library-adapter.js';

/**
 * gonic (SQLite). Tracks are `tracks` rows (artist and title tags, length in
 * whole seconds); the album and album artist come from the album folder
 * (`albums`, through `tracks.album_id`). A favorite is a `track_stars` row
 * (user_id, track_id, star_date); removed files are deleted with their
 * stars. `star_date` keeps the format already in the column (RFC 3339 from
 * the default build, Go's `2006-01-02 15:04:05+00:00` from the `nowasm`
 * one). Pass the gonic user id (`users.id`) as the cache's `hostUser`.
 *
 * @example
 * ```ts
 * const library = new TableLibraryAdapter(gonicRecipe(db));
 * ```
 */
export function gonicRecipe(db: Kysely<any>): TableLibraryAdapterOptions {
  return {
    db,
    idType: 'integer',
    tracks: {
      table: 'tracks',
      id: 'id',
      artist: 'tag_track_artist',
      title: 'tag_title',
      album: { from: 'album_id', table: 'albums', column: 'tag_title' },
      albumArtist: { from: 'album_id', table: 'albums', column: 'tag_album_artist' },
      duration: 'length',
      durationUnit: 'seconds',
      mbid: 'tag_brainz_id',
    },
    favorites: { table: 'track_stars', trackId: 'track_id', userId: 'user_id', createdAt: 'star_date', createdAtFormat: 'auto' },
    favoritesOfRemovedTracks: 'deleted-by-host',
  };
}
