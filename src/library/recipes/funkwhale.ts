import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FavoriteValueContext, TableLibraryAdapterOptions } from '../table-library-adapter.js';

/**
 * Funkwhale 2 (PostgreSQL). Tracks are `music_track` rows; the artist is
 * the credits of `music_track_artist_credit` → `music_artistcredit`
 * (credited names joined by their join phrases, in order), the album and
 * album artist come through `album_id`, the duration from the track's first
 * upload (`music_upload.duration`, seconds). Who may play a track is
 * `music_trackactor` (the actor, or everyone when `actor_id` is NULL). A
 * favorite is a `favorites_trackfavorite` row of the user's ACTOR with the
 * columns Django fills and the database does not: a `uuid`, the federation
 * id `https://<domain>/federation/music/likes/<uuid>` (the actor's domain),
 * and the user's own `privacy_level`. Pass the actor id
 * (`users_user.actor_id`) as `hostUser`.
 *
 * @example
 * ```ts
 * const library = new TableLibraryAdapter(funkwhaleRecipe(db));
 * const cache = new LovedTrackCache({ user: 'rj', hostUser: actorId, store, source, library });
 * ```
 */
export function funkwhaleRecipe(db: Kysely<any>): TableLibraryAdapterOptions {
  const credits = { table: 'music_artistcredit', column: 'credit', joinPhrase: 'joinphrase', order: 'index' } as const;
  return {
    db,
    idType: 'integer',
    tracks: {
      table: 'music_track',
      id: 'id',
      title: 'title',
      mbid: 'mbid',
      artist: { through: { table: 'music_track_artist_credit', from: 'track_id', to: 'artistcredit_id' }, ...credits },
      album: { from: 'album_id', table: 'music_album', column: 'title' },
      albumArtist: { from: 'album_id', through: { table: 'music_album_artist_credit', from: 'album_id', to: 'artistcredit_id' }, ...credits },
      duration: { table: 'music_upload', key: 'track_id', column: 'duration', order: 'id' },
      durationUnit: 'seconds',
      visibility: { via: { table: 'music_trackactor', track: 'track_id' }, owner: 'actor_id', public: { actor_id: null } },
    },
    favorites: {
      table: 'favorites_trackfavorite',
      trackId: 'track_id',
      userId: 'actor_id',
      createdAt: 'creation_date',
      values: { uuid: () => randomUUID(), fid: likeFid, privacy_level: userPrivacyLevel },
    },
    favoritesOfRemovedTracks: 'deleted-by-host',
  };
}

// TrackFavorite.get_federation_id(): federation_utils.full_url('/federation/music/likes/<uuid>') on the actor's domain.
async function likeFid({ db, hostUser, row }: FavoriteValueContext): Promise<string> {
  const actor = await db.selectFrom('federation_actor').select('domain_id').where('id', '=', hostUser ?? null).executeTakeFirst();
  return `https://${String(actor?.domain_id ?? 'localhost')}/federation/music/likes/${String(row.uuid)}`;
}

// TrackFavorite.add(): the favorite takes the user's privacy level.
async function userPrivacyLevel({ db, hostUser }: FavoriteValueContext): Promise<string> {
  const user = await db.selectFrom('users_user').select('privacy_level').where('actor_id', '=', hostUser ?? null).executeTakeFirst();
  return String(user?.privacy_level ?? 'me');
}
