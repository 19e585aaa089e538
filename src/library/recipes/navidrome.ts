import type { Kysely } from 'kysely';
import type { TableLibraryAdapterOptions } from '../table-library-adapter.js';

/**
 * Navidrome (SQLite). Tracks are `media_file` rows (text ids, duration in
 * REAL seconds, missing files flagged `missing`, never deleted); a favorite
 * is `annotation.starred` in the row per (user, item, item type) that also
 * holds play counts and ratings, so it is written by upsert with
 * `item_type = 'media_file'` and removed by clearing the flag. `starred_at`
 * keeps the Go driver's text date format. Pass the Navidrome user id
 * (`user.id`) as the cache's `hostUser`.
 *
 * @example
 * ```ts
 * const library = new TableLibraryAdapter(navidromeRecipe(db));
 * const cache = new LovedTrackCache({ user: 'rj', hostUser: navidromeUserId, store, source, library });
 * ```
 */
export function navidromeRecipe(db: Kysely<any>): TableLibraryAdapterOptions {
  return {
    db,
    idType: 'text',
    tracks: {
      table: 'media_file',
      id: 'id',
      artist: 'artist',
      title: 'title',
      album: 'album',
      albumArtist: 'album_artist',
      duration: 'duration',
      durationUnit: 'seconds',
      mbid: 'mbz_recording_id',
      missing: { missing: true },
    },
    favorites: {
      table: 'annotation',
      trackId: 'item_id',
      userId: 'user_id',
      where: { item_type: 'media_file' },
      flag: { column: 'starred', on: true, off: false },
      createdAt: 'starred_at',
      createdAtFormat: 'sqlite-datetime',
    },
    favoritesOfRemovedTracks: 'keep',
  };
}
