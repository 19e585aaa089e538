/**
 * gonic's schema (SQLite), re-created from its gorm models and migrations.
 *
 * Upstream: https://github.com/sentriz/gonic, db/db.go (the models) and
 * db/migrations.go (gormigrate list; raw SQL indexes) at commit
 * 61ff47d3b7c6336e1b5b12085bf9cc23af6629e4 (2026-07-23). gonic pins
 * github.com/jinzhu/gorm v1.9.17-0.20211120011537-5c235b72a414; the DDL below is
 * what that gorm's `createTable`/`autoIndex` emit for the current structs
 * (dialect_sqlite3.go `DataTypeOf`, dialect.go `ParseFieldStructForDialect`,
 * read at jinzhu/gorm 90f139aba3a6df83d38ee9563fa50009d4f52852), spacing included:
 * a fresh install runs `migrateInitSchema`, whose AutoMigrate creates each
 * table from the current struct, and the later migrations only add indexes.
 *
 * Kept: users, artists, albums (gonic's albums are folders: the root, artist
 * directories and album directories), tracks, track_credits, album_credits,
 * track_stars, track_ratings, track_plays, album_stars, album_ratings,
 * artist_stars, artist_ratings. Omitted: genres and their join tables, ISRCs,
 * labels, disc titles, play queues, playlists, podcasts, bookmarks, radio,
 * transcode preferences, settings, artist/album infos.
 *
 * Facts the adapter must handle:
 * - Favorites are rows of `track_stars` (user_id, track_id, star_date), primary
 *   key (user_id, track_id): one star per user and track. No id column.
 * - Ratings live in `track_ratings` (same key, rating 1–5; the model's
 *   `check:` tag is ignored by gorm v1, so the range is not enforced).
 * - Plays are `track_plays` rows, unique (user_id, track_id), with a REAL
 *   `count` (fractional after the 202605222200 migration) and `time`.
 * - The track's artist is text in `tracks.tag_track_artist` (display); the
 *   credited artists are rows of `track_credits` (role 'artist'). The album
 *   title is `albums.tag_title` through `tracks.album_id`. Duration is
 *   `tracks.length` in whole seconds.
 * - gonic opens SQLite with `foreign_keys(ON)`; every FK is enforced.
 * - Timestamps are text written by the driver: gonic's default build uses
 *   ncruces/go-sqlite3, whose "auto" time format encodes RFC 3339 with
 *   nanoseconds ('2024-05-01T12:00:00.123456789Z'); the `nowasm` build
 *   (mattn) writes '2024-05-01 12:00:00.123456789+00:00'.
 * - Removed files are deleted (with their stars, ON DELETE CASCADE), not flagged.
 * gonic runs on SQLite only.
 */
import { sql, type Kysely } from 'kysely';
import { insertChunked, lovesWithIds, seedPlan, type HostSeed, type PlanSong } from './songs.js';

export const source = {
  repo: 'sentriz/gonic',
  files: ['db/db.go', 'db/migrations.go', 'go.mod (github.com/jinzhu/gorm v1.9.17-0.20211120011537-5c235b72a414)'],
  commit: '61ff47d3b7c6336e1b5b12085bf9cc23af6629e4',
} as const;

const FK_USER = 'int REFERENCES users(id) ON DELETE CASCADE NOT NULL  DEFAULT  null';
const FK_TRACK = 'int REFERENCES tracks(id) ON DELETE CASCADE NOT NULL  DEFAULT  null';
const FK_ALBUM = 'int REFERENCES albums(id) ON DELETE CASCADE NOT NULL  DEFAULT  null';
const FK_ARTIST = 'int REFERENCES artists(id) ON DELETE CASCADE NOT NULL  DEFAULT  null';

/** The DDL as gorm v1 writes it for the current structs (then the raw-SQL indexes of db/migrations.go). */
export const gonicDdl: readonly string[] = [
  `CREATE TABLE "tracks" ("id" integer primary key autoincrement,"created_at" datetime,"updated_at" datetime,"filename" varchar(255) NOT NULL  DEFAULT  null,"filename_u_dec" varchar(255) DEFAULT  null,"album_id" ${FK_ALBUM},"size" integer DEFAULT  null,"length" integer DEFAULT  null,"bitrate" integer DEFAULT  null,"tag_title" varchar(255) DEFAULT  null,"tag_title_u_dec" varchar(255) DEFAULT  null,"tag_track_artist" varchar(255) DEFAULT  null,"tag_track_artist_credit" varchar(255) DEFAULT  null,"tag_composer" varchar(255) DEFAULT  null,"tag_composer_credit" varchar(255) DEFAULT  null,"tag_track_number" integer DEFAULT  null,"tag_disc_number" integer DEFAULT  null,"tag_brainz_id" varchar(255) DEFAULT  null,"tag_lyrics" varchar(255) DEFAULT  null,"tag_year" integer DEFAULT  null,"replay_gain_track_gain" real,"replay_gain_track_peak" real,"replay_gain_album_gain" real,"replay_gain_album_peak" real,"has_embedded_cover" bool )`,
  `CREATE UNIQUE INDEX idx_folder_filename ON "tracks"("filename", album_id) `,
  `CREATE TABLE "artists" ("id" integer primary key autoincrement,"name" varchar(255) NOT NULL,"name_u_dec" varchar(255) DEFAULT  null,"music_brainz_id" varchar(255) NOT NULL  DEFAULT  '' )`,
  `CREATE INDEX idx_artists_name ON "artists"("name") `,
  `CREATE TABLE "users" ("id" integer primary key autoincrement,"created_at" datetime,"name" varchar(255) NOT NULL  DEFAULT  null,"password" varchar(255) NOT NULL  DEFAULT  null,"last_fm_session" varchar(255) DEFAULT  null,"listen_brainz_url" varchar(255) DEFAULT  null,"listen_brainz_token" varchar(255) DEFAULT  null,"is_admin" bool DEFAULT  null,"avatar" blob DEFAULT  null )`,
  `CREATE UNIQUE INDEX uix_users_name ON "users"("name") `,
  `CREATE TABLE "albums" ("id" integer primary key autoincrement,"created_at" datetime,"updated_at" datetime,"modified_at" datetime,"left_path" varchar(255),"right_path" varchar(255) NOT NULL  DEFAULT  null,"right_path_u_dec" varchar(255) DEFAULT  null,"parent_id" int REFERENCES albums(id) ON DELETE CASCADE DEFAULT  null,"root_dir" varchar(255) DEFAULT  null,"cover" varchar(255) DEFAULT  null,"embedded_cover_track_id" int REFERENCES tracks(id) ON DELETE SET NULL DEFAULT  null,"tag_title" varchar(255) DEFAULT  null,"tag_album_artist" varchar(255),"tag_album_artist_credit" varchar(255) DEFAULT  null,"tag_title_u_dec" varchar(255) DEFAULT  null,"tag_brainz_id" varchar(255) DEFAULT  null,"tag_year" integer DEFAULT  null,"tag_compilation" bool DEFAULT  null,"tag_release_type" varchar(255) DEFAULT  null,"tag_version" varchar(255) DEFAULT  null )`,
  `CREATE UNIQUE INDEX idx_album_abs_path ON "albums"(left_path, right_path, root_dir) `,
  `CREATE TABLE "album_stars" ("user_id" ${FK_USER},"album_id" ${FK_ALBUM},"star_date" datetime , PRIMARY KEY ("user_id","album_id"))`,
  `CREATE TABLE "album_ratings" ("user_id" ${FK_USER},"album_id" ${FK_ALBUM},"rating" integer NOT NULL , PRIMARY KEY ("user_id","album_id"))`,
  `CREATE TABLE "artist_stars" ("user_id" ${FK_USER},"artist_id" ${FK_ARTIST},"star_date" datetime , PRIMARY KEY ("user_id","artist_id"))`,
  `CREATE TABLE "artist_ratings" ("user_id" ${FK_USER},"artist_id" ${FK_ARTIST},"rating" integer NOT NULL , PRIMARY KEY ("user_id","artist_id"))`,
  `CREATE TABLE "track_stars" ("user_id" ${FK_USER},"track_id" ${FK_TRACK},"star_date" datetime , PRIMARY KEY ("user_id","track_id"))`,
  `CREATE TABLE "track_ratings" ("user_id" ${FK_USER},"track_id" ${FK_TRACK},"rating" integer NOT NULL , PRIMARY KEY ("user_id","track_id"))`,
  `CREATE TABLE "album_credits" ("album_id" ${FK_ALBUM},"artist_id" ${FK_ARTIST},"role" varchar(255) NOT NULL  DEFAULT  null,"credited_as" varchar(255) DEFAULT  null )`,
  `CREATE INDEX idx_album_credits_artist_id ON "album_credits"(artist_id) `,
  `CREATE UNIQUE INDEX idx_album_credit ON "album_credits"(album_id, artist_id, "role") `,
  `CREATE TABLE "track_credits" ("track_id" ${FK_TRACK},"artist_id" ${FK_ARTIST},"role" varchar(255) NOT NULL  DEFAULT  null,"credited_as" varchar(255) DEFAULT  null )`,
  `CREATE INDEX idx_track_credits_artist_id ON "track_credits"(artist_id) `,
  `CREATE UNIQUE INDEX idx_track_credit ON "track_credits"(track_id, artist_id, "role") `,
  `CREATE TABLE "track_plays" ("id" integer primary key autoincrement,"user_id" ${FK_USER},"track_id" ${FK_TRACK},"time" datetime DEFAULT  null,"count" real,"length" integer )`,
  `CREATE UNIQUE INDEX idx_track_plays_track_user ON "track_plays"(user_id, track_id) `,
  // Raw SQL of db/migrations.go on these tables.
  `CREATE INDEX idx_tracks_album_id ON "tracks" (album_id, length)`,
  `CREATE INDEX idx_albums_parent_id ON "albums" (parent_id)`,
  `CREATE INDEX idx_tracks_brainz_id ON "tracks" (tag_brainz_id)`,
  `CREATE INDEX idx_albums_brainz_id ON "albums" (tag_brainz_id)`,
  `CREATE INDEX idx_albums_created_at ON "albums" (created_at)`,
  `CREATE UNIQUE INDEX IF NOT EXISTS uix_artists_music_brainz_id ON artists (music_brainz_id) WHERE music_brainz_id != ''`,
];

/** Creates gonic's tables. gonic supports SQLite only. */
export async function createGonicSchema(db: Kysely<any>, dialect: 'sqlite' | 'postgres' | 'mysql'): Promise<void> {
  if (dialect !== 'sqlite') throw new Error(`gonic runs on SQLite only, not ${dialect}`);
  for (const statement of gonicDdl) await sql.raw(statement).execute(db);
}

/** RFC 3339 with nanoseconds, as the ncruces driver's "auto" format writes time.Time. */
export function gonicTime(unixSeconds: number, nanos = 0): string {
  const base = new Date(unixSeconds * 1000).toISOString().slice(0, 19);
  const fraction = nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
  return `${base}${fraction}Z`;
}

const trackIdOf = (song: PlanSong) => 1 + song.index;

/**
 * Seeds gonic: two users, artists, the folder tree as albums (root, artist
 * folders, album folders), tracks with credits, plays, ratings and stars of
 * both users, plus album and artist stars and ratings.
 */
export async function seedGonic(db: Kysely<any>, dialect: 'sqlite' | 'postgres' | 'mysql' = 'sqlite'): Promise<HostSeed> {
  if (dialect !== 'sqlite') throw new Error('gonic runs on SQLite only');
  const plan = seedPlan();
  const now = gonicTime(1_760_000_000, 987_654_321);
  await db
    .insertInto('users')
    .values(plan.users.map((u, i) => ({ id: i + 1, created_at: gonicTime(u.createdAt), name: u.name, password: `${u.name}-password`, is_admin: i === 0 ? 1 : 0 })))
    .execute();

  const artistIds = new Map<string, number>();
  const artistId = (name: string) => {
    let id = artistIds.get(name);
    if (id === undefined) artistIds.set(name, (id = artistIds.size + 1));
    return id;
  };
  const primaryArtist = (song: PlanSong) => (song.variant === 'feat-artist' ? song.artist.slice(0, song.artist.indexOf(' feat. ')) : song.artist);
  for (const song of plan.songs) {
    artistId(song.albumArtist);
    artistId(primaryArtist(song));
    if (song.featuring !== null) artistId(song.featuring);
  }
  await insertChunked((rows) => db.insertInto('artists').values(rows).execute(), [...artistIds].map(([name, id]) => ({ id, name, music_brainz_id: '' })));

  // Folders: the root (id 1), one folder per album artist, one per album.
  const folders: Record<string, unknown>[] = [{ id: 1, created_at: now, updated_at: now, modified_at: now, left_path: '', right_path: '.', root_dir: '/music' }];
  const artistFolder = new Map<string, number>();
  for (const album of plan.albums) {
    if (!artistFolder.has(album.artist)) {
      artistFolder.set(album.artist, folders.length + 1);
      folders.push({ id: folders.length + 1, created_at: now, updated_at: now, modified_at: now, left_path: '', right_path: album.artist, parent_id: 1, root_dir: '/music' });
    }
  }
  const albumFolder = (index: number) => 1 + artistFolder.size + 1 + index;
  for (const album of plan.albums) {
    folders.push({
      id: albumFolder(album.index),
      created_at: now,
      updated_at: now,
      modified_at: now,
      left_path: `${album.artist}/`,
      right_path: album.title.slice(album.artist.length + 3),
      parent_id: artistFolder.get(album.artist),
      root_dir: '/music',
      tag_title: album.title,
      tag_album_artist: album.artist,
      tag_year: album.year,
    });
  }
  await insertChunked((rows) => db.insertInto('albums').values(rows).execute(), folders, 100);
  await insertChunked(
    (rows) => db.insertInto('album_credits').values(rows).execute(),
    plan.albums.map((a) => ({ album_id: albumFolder(a.index), artist_id: artistId(a.artist), role: 'albumartist' })),
  );
  await insertChunked(
    (rows) => db.insertInto('tracks').values(rows).execute(),
    plan.songs.map((song) => ({
      id: trackIdOf(song),
      created_at: now,
      updated_at: now,
      filename: `${String(song.trackNumber).padStart(2, '0')} - ${song.title.replaceAll('/', '-')}.flac`,
      album_id: albumFolder(song.albumIndex),
      size: Math.round(song.durationMs * 110),
      length: Math.round(song.durationMs / 1000),
      bitrate: 880,
      tag_title: song.title,
      tag_track_artist: song.artist,
      tag_track_number: song.trackNumber,
      tag_disc_number: 1,
      tag_year: song.year,
      replay_gain_track_gain: 0,
      replay_gain_track_peak: 0,
      replay_gain_album_gain: 0,
      replay_gain_album_peak: 0,
      has_embedded_cover: 0,
    })),
    100,
  );
  await insertChunked(
    (rows) => db.insertInto('track_credits').values(rows).execute(),
    plan.songs.flatMap((song) => [
      { track_id: trackIdOf(song), artist_id: artistId(primaryArtist(song)), role: 'artist' },
      ...(song.featuring === null ? [] : [{ track_id: trackIdOf(song), artist_id: artistId(song.featuring), role: 'artist' }]),
    ]),
  );

  const users = [1, 2] as const;
  const data = plan.userData;
  await insertChunked(
    (rows) => db.insertInto('track_plays').values(rows).execute(),
    data.filter((d) => d.playCount > 0).map((d) => ({ user_id: users[d.user], track_id: trackIdOf(plan.songs[d.songIndex]!), time: gonicTime(d.lastPlayedAt!), count: d.playCount, length: d.playCount * Math.round(plan.songs[d.songIndex]!.durationMs / 1000) })),
  );
  await insertChunked(
    (rows) => db.insertInto('track_ratings').values(rows).execute(),
    data.filter((d) => d.rating !== null).map((d) => ({ user_id: users[d.user], track_id: trackIdOf(plan.songs[d.songIndex]!), rating: d.rating })),
  );
  await insertChunked(
    (rows) => db.insertInto('track_stars').values(rows).execute(),
    data.filter((d) => d.favoritedAt !== null).map((d) => ({ user_id: users[d.user], track_id: trackIdOf(plan.songs[d.songIndex]!), star_date: gonicTime(d.favoritedAt!, 1000) })),
  );
  const someAlbums = plan.albums.filter((a) => a.index % 19 === 0);
  await db.insertInto('album_stars').values(someAlbums.map((a) => ({ user_id: 1 + (a.index % 2), album_id: albumFolder(a.index), star_date: gonicTime(1_650_000_000) }))).execute();
  await db.insertInto('album_ratings').values(someAlbums.map((a) => ({ user_id: 1, album_id: albumFolder(a.index), rating: 1 + (a.index % 5) }))).execute();
  const someArtists = [...artistIds.values()].filter((id) => id % 29 === 0);
  await db.insertInto('artist_stars').values(someArtists.map((id) => ({ user_id: 1, artist_id: id, star_date: gonicTime(1_660_000_000) }))).execute();
  await db.insertInto('artist_ratings').values(someArtists.map((id) => ({ user_id: 2, artist_id: id, rating: 1 + (id % 5) }))).execute();

  const manual = data.filter((d) => d.favoritedAt !== null).map((d) => ({ user: users[d.user] as number, trackId: String(trackIdOf(plan.songs[d.songIndex]!)) }));
  const manualKeys = manual.map((m) => `${m.user}|${m.trackId}`);
  const all = (db: Kysely<any>, table: string, order: readonly string[]) => order.reduce((q, c) => q.orderBy(c), db.selectFrom(table).selectAll()).execute();
  return {
    player: 'gonic',
    users: plan.users.map((u, i) => ({ id: i + 1, name: u.name })),
    tracks: plan.songs.map((song) => ({ id: String(trackIdOf(song)), artist: song.artist, title: song.title, album: song.album, durationMs: Math.round(song.durationMs / 1000) * 1000 })),
    loves: lovesWithIds(plan, (song) => String(trackIdOf(song))),
    manualFavorites: manual,
    async snapshot(db) {
      const stars = await db.selectFrom('track_stars').selectAll().execute();
      const byKey = new Map(stars.map((s) => [`${s.user_id}|${s.track_id}`, s]));
      return {
        track_plays: await all(db, 'track_plays', ['user_id', 'track_id']),
        track_ratings: await all(db, 'track_ratings', ['user_id', 'track_id']),
        manualStars: manualKeys.map((key) => byKey.get(key) ?? { key, gone: true }),
        album_stars: await all(db, 'album_stars', ['user_id', 'album_id']),
        album_ratings: await all(db, 'album_ratings', ['user_id', 'album_id']),
        artist_stars: await all(db, 'artist_stars', ['user_id', 'artist_id']),
        artist_ratings: await all(db, 'artist_ratings', ['user_id', 'artist_id']),
        tracks: (await db.selectFrom('tracks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
      };
    },
    async favoritesShown(db, user) {
      const rows = await db.selectFrom('track_stars').select('track_id').where('user_id', '=', user).execute();
      return rows.map((r) => String(r.track_id)).sort();
    },
  };
}
