import type { Kysely } from 'kysely';
import type { TableLibraryAdapterOptions } from '../table-library-adapter.js';

/**
 * Jellyfin 10.11+ (SQLite library database). Tracks are the `BaseItems`
 * rows of type `MediaBrowser.Controller.Entities.Audio.Audio` that are not
 * virtual (the table holds every item type), with `RunTimeTicks` in 100-ns
 * ticks. A favorite is `UserData.IsFavorite` in the rows keyed by (ItemId,
 * UserId, CustomDataKey) that also hold play counts and ratings: existing
 * rows (one per user-data key) are updated, a missing one is inserted with
 * the item id as its key and zero plays; removal clears the flag. Jellyfin
 * keeps the user data of a removed item for its return, so our favorite
 * stays. Pass the Jellyfin user id (`Users.Id`, upper-case GUID text) as
 * `hostUser`.
 *
 * @example
 * ```ts
 * const library = new TableLibraryAdapter(jellyfinRecipe(db));
 * ```
 */
export function jellyfinRecipe(db: Kysely<any>): TableLibraryAdapterOptions {
  return {
    db,
    idType: 'text',
    tracks: {
      table: 'BaseItems',
      id: 'Id',
      artist: 'Artists',
      title: 'Name',
      album: 'Album',
      albumArtist: 'AlbumArtists',
      duration: 'RunTimeTicks',
      durationUnit: 'ticks',
      where: { Type: 'MediaBrowser.Controller.Entities.Audio.Audio', IsVirtualItem: 0 },
    },
    favorites: {
      table: 'UserData',
      trackId: 'ItemId',
      userId: 'UserId',
      flag: { column: 'IsFavorite', on: 1, off: 0 },
      values: {
        // BaseItem.GetUserDataKeys(): the item id in lower-case 'D' format is one of an item's keys.
        CustomDataKey: ({ trackId }) => String(trackId).toLowerCase(),
        PlayCount: 0,
        PlaybackPositionTicks: 0,
        Played: 0,
      },
    },
    favoritesOfRemovedTracks: 'keep',
  };
}
