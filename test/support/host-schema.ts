import type { Kysely } from 'kysely';
import { TableLibraryAdapter } from '../../src/library/table-library-adapter.js';
import type { LibraryTrack } from '../../src/types.js';

/**
 * The example host: a desktop player's `library` table (id, filepath,
 * artist, album, album_artist, title, duration in seconds) and `favorites`
 * table (track_id, timestamp), plus the player's own `kysely_migration`
 * table, which the cache must never touch.
 */
export async function createHostSchema(db: Kysely<any>, dialect: 'sqlite' | 'postgres' | 'mysql'): Promise<void> {
  await db.schema
    .createTable('library')
    .addColumn('id', dialect === 'sqlite' ? 'integer' : 'serial', (col) => col.primaryKey())
    .addColumn('filepath', 'text', (col) => col.notNull())
    .addColumn('artist', 'text')
    .addColumn('album', 'text')
    .addColumn('album_artist', 'text')
    .addColumn('title', 'text')
    .addColumn('duration', 'integer')
    .execute();
  await db.schema
    .createTable('favorites')
    .addColumn('track_id', 'integer', (col) => col.notNull())
    .addColumn('timestamp', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('kysely_migration')
    .addColumn('name', 'varchar(255)', (col) => col.primaryKey())
    .addColumn('timestamp', 'varchar(255)', (col) => col.notNull())
    .execute();
  await db.insertInto('kysely_migration').values({ name: '0001_player_tables', timestamp: '2020-01-01T00:00:00.000Z' }).execute();
}

/** Inserts tracks into the host's `library` table. */
export async function insertHostTracks(db: Kysely<any>, tracks: readonly LibraryTrack[]): Promise<void> {
  for (let i = 0; i < tracks.length; i += 500) {
    await db
      .insertInto('library')
      .values(
        tracks.slice(i, i + 500).map((track) => ({
          id: Number(track.id),
          filepath: `/music/${track.artist}/${track.title}.flac`,
          artist: track.artist,
          title: track.title,
          album: track.album ?? null,
          album_artist: track.albumArtist ?? null,
          duration: track.durationMs == null ? null : Math.round(track.durationMs / 1000),
        })),
      )
      .execute();
  }
}

/** The adapter mapping for the example host. */
export function hostLibrary(db: Kysely<any>): TableLibraryAdapter {
  return new TableLibraryAdapter({
    db,
    tracks: { table: 'library', id: 'id', artist: 'artist', title: 'title', album: 'album', albumArtist: 'album_artist', duration: 'duration' },
    favorites: { table: 'favorites', trackId: 'track_id', createdAt: 'timestamp' },
  });
}

/** The host's favorites, as sorted string ids. */
export async function hostFavorites(db: Kysely<any>): Promise<string[]> {
  const rows = await db.selectFrom('favorites').select('track_id').execute();
  return rows.map((row) => String(row.track_id)).sort();
}
