import type { Kysely } from 'kysely';
import type { FavoriteValueContext, TableLibraryAdapterOptions } from '../table-library-adapter.js';

/**
 * Koel (SQLite or MySQL/MariaDB). Tracks are `songs` rows without a
 * `podcast_id` (the table holds podcast episodes too), with the artist and
 * album names Koel denormalizes into them and `length` in float seconds; a
 * user sees their own uploads and public ones (`owner_id`, `is_public`).
 * A favorite is a polymorphic `favorites` row (`favoriteable_type =
 * 'playable'`) at the next `position` of the user's list, as Koel's
 * FavoriteService writes it. Koel deletes a removed song but not its
 * favorite rows, so our favorite of a removed song is removed (and made
 * again when the song returns). Pass the Koel user id as `hostUser`.
 *
 * Koel also limits public songs to the owner's organization; with several
 * organizations in one database, map a view instead (see docs/hosts.md).
 *
 * @example
 * ```ts
 * const library = new TableLibraryAdapter(koelRecipe(db));
 * ```
 */
export function koelRecipe(db: Kysely<any>): TableLibraryAdapterOptions {
  return {
    db,
    idType: 'text',
    tracks: {
      table: 'songs',
      id: 'id',
      artist: 'artist_name',
      title: 'title',
      album: 'album_name',
      albumArtist: { from: 'album_id', table: 'albums', column: 'artist_name' },
      duration: 'length',
      durationUnit: 'seconds',
      where: { podcast_id: null },
      visibility: { owner: 'owner_id', public: { is_public: true } },
    },
    favorites: {
      table: 'favorites',
      trackId: 'favoriteable_id',
      userId: 'user_id',
      where: { favoriteable_type: 'playable' },
      createdAt: 'created_at',
      values: { position: nextPosition },
    },
    favoritesOfRemovedTracks: 'remove',
  };
}

// FavoriteService: a new favorite goes to the end of the user's list.
async function nextPosition({ db, hostUser, index }: FavoriteValueContext): Promise<number> {
  const row = await db
    .selectFrom('favorites')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('user_id', '=', hostUser ?? null)
    .executeTakeFirst();
  return Number(row?.p ?? 0) + 1 + index;
}
