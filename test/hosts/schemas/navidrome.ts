/**
 * Navidrome's schema (SQLite), re-created from its goose migrations.
 *
 * Upstream: https://github.com/navidrome/navidrome, db/migrations/*.go and *.sql
 * (134 files, 20200130083147_create_schema.go through
 * 20260819204637_add_artwork_trace_columns.sql) at commit
 * 295886cb9a432d375afa796ed8a32db0775464af (2026-08-21).
 *
 * How: every migration's up SQL was replayed in order into an empty SQLite
 * database (Go migrations: their SQL strings in execution order, including the
 * `createAddColumnFunc` sqlite_master rewrite that 20241026183640_support_new_scanner.go
 * uses for NOT NULL columns with non-constant defaults), and the statements
 * below are the resulting `sqlite_master.sql`, verbatim, for the tables a
 * loved-tracks integration meets. Kept: library, user, user_library, artist,
 * library_artist, album, album_artists, media_file, media_file_artists,
 * annotation, scrobbles (every column, default, NOT NULL, key, FK and index).
 * Omitted: the FTS5 tables and their triggers (media_file_fts, album_fts,
 * artist_fts), folder, tag tables, playlists, players, shares, transcodings,
 * plugins, artwork, property.
 *
 * Facts the adapter must handle (from the schema and persistence/sql_annotations.go):
 * - Favorites are a flag: `annotation.starred` (bool, stored 0/1) with
 *   `starred_at`, in ONE row per (user_id, item_id, item_type) that also holds
 *   `play_count`, `play_date`, `rating`, `rated_at`. `item_type` is the table
 *   name: 'media_file' for tracks ('album', 'artist' rows share the table).
 *   Navidrome stars with an UPDATE, and INSERTs only when no row exists;
 *   unstarring sets starred = false and keeps the row.
 * - `item_type` and `item_id` default to '' (NOT NULL): an insert that omits
 *   them writes an empty item_type the player never reads.
 * - Ids are 22-character base62 strings (model/id), not integers.
 * - Missing files keep their row with `media_file.missing = true` (soft delete).
 * - Timestamps are text written by the Go driver: 'YYYY-MM-DD HH:MM:SS.fffffffff+00:00'
 *   (20260316000000_normalize_timestamps.sql rewrote older 'T'/'Z' values to this form).
 * - Duration is REAL seconds (`media_file.duration`).
 * - Plays are also rows of `scrobbles` (submission_time in unix seconds).
 * Navidrome runs on SQLite only.
 */
import { sql, type Kysely } from 'kysely';
import { createHash } from 'node:crypto';
import { insertChunked, lovesWithIds, seedPlan, type HostSeed, type PlanSong } from './songs.js';

export const source = {
  repo: 'navidrome/navidrome',
  files: ['db/migrations/ (all 134 migrations, 20200130083147_create_schema.go … 20260819204637_add_artwork_trace_columns.sql)', 'persistence/sql_annotations.go', 'model/id/id.go'],
  commit: '295886cb9a432d375afa796ed8a32db0775464af',
} as const;

/** The DDL, verbatim from the replayed migrations (sqlite_master.sql). */
export const navidromeDdl: readonly string[] = [
  `CREATE TABLE library (
			id integer primary key autoincrement,
			name text not null unique,
			path text not null unique,
			remote_path text null default '',
			last_scan_at datetime not null default '0000-00-00 00:00:00',
			updated_at datetime not null default current_timestamp,
			created_at datetime not null default current_timestamp
		, last_scan_started_at datetime default '0000-00-00 00:00:00' not null, full_scan_in_progress boolean default false not null, total_songs integer default 0 not null, total_albums integer default 0 not null, total_artists integer default 0 not null, total_folders integer default 0 not null, total_files integer default 0 not null, total_missing_files integer default 0 not null, total_size integer default 0 not null, total_duration real DEFAULT 0, default_new_users boolean DEFAULT false)`,
  `CREATE TABLE "user"
(
    id             varchar(255)                              not null
        primary key,
    user_name      varchar(255)                default ''    not null
        unique,
    name           varchar(255) collate NOCASE default ''    not null,
    email          varchar(255)                default ''    not null,
    password       varchar(255)                default ''    not null,
    is_admin       bool                        default FALSE not null,
    last_login_at  datetime,
    last_access_at datetime,
    created_at     datetime                                  not null,
    updated_at     datetime                                  not null
, scrobble_filter varchar default '' not null)`,
  `CREATE INDEX user_username_password
    on user(user_name collate NOCASE, password)`,
  `CREATE TABLE user_library (
			user_id VARCHAR(255) NOT NULL,
			library_id INTEGER NOT NULL,
			PRIMARY KEY (user_id, library_id),
			FOREIGN KEY (user_id) REFERENCES user(id) ON DELETE CASCADE,
			FOREIGN KEY (library_id) REFERENCES library(id) ON DELETE CASCADE
		)`,
  `CREATE INDEX idx_user_library_user_id ON user_library(user_id)`,
  `CREATE INDEX idx_user_library_library_id ON user_library(library_id)`,
  `CREATE TABLE "artist"
(
    id                       varchar(255)                      not null
        primary key,
    name                     varchar(255)           default '' not null,
    full_text                varchar(255)           default '',
    biography                varchar(255)           default '' not null,
    small_image_url          varchar(255)           default '' not null,
    medium_image_url         varchar(255)           default '' not null,
    large_image_url          varchar(255)           default '' not null,
    external_url             varchar(255)           default '' not null,
    external_info_updated_at datetime,
    order_artist_name        varchar collate NOCASE default '' not null,
    sort_artist_name         varchar collate NOCASE default '' not null,
    mbz_artist_id            varchar                default '' not null
, missing boolean default false not null, similar_artists jsonb default '[]' not null, updated_at datetime default current_time not null, created_at datetime default current_time not null, average_rating REAL NOT NULL DEFAULT 0, search_normalized TEXT NOT NULL DEFAULT '', uploaded_image VARCHAR(255) DEFAULT '')`,
  `CREATE INDEX artist_name
    on artist (name)`,
  `CREATE INDEX artist_order_artist_name
    on artist (order_artist_name)`,
  `CREATE INDEX artist_sort_name
    on artist (coalesce(nullif(sort_artist_name,''),order_artist_name) collate NOCASE)`,
  `CREATE INDEX artist_updated_at on artist (updated_at)`,
  `CREATE INDEX artist_mbz_artist_id
	on artist (mbz_artist_id)`,
  `CREATE TABLE "library_artist"
(
    library_id integer NOT NULL DEFAULT 1
        REFERENCES library(id) ON DELETE CASCADE,
    artist_id varchar NOT NULL
        REFERENCES artist(id) ON DELETE CASCADE,
    stats text DEFAULT '{}',
    CONSTRAINT library_artist_ux UNIQUE (library_id, artist_id)
)`,
  `CREATE TABLE "album"
(
    id                       varchar(255)                         not null
        primary key,
    name                     varchar(255)           default ''    not null,
    embed_art_path           varchar(255)           default ''    not null,
    album_artist             varchar(255)           default ''    not null,
    min_year                 int                    default 0     not null,
    max_year                 integer                default 0     not null,
    compilation              bool                   default FALSE not null,
    song_count               integer                default 0     not null,
    duration                 real                   default 0     not null,
    genre                    varchar(255)           default ''    not null,
    created_at               datetime,
    updated_at               datetime,
    full_text                varchar(255)           default '',
    album_artist_id          varchar(255)           default '',
    size                     integer                default 0     not null,
    description              varchar(255)           default ''    not null,
    small_image_url          varchar(255)           default ''    not null,
    medium_image_url         varchar(255)           default ''    not null,
    large_image_url          varchar(255)           default ''    not null,
    external_url             varchar(255)           default ''    not null,
    external_info_updated_at datetime,
    date                     varchar(255)           default ''    not null,
    min_original_year        int                    default 0     not null,
    max_original_year        int                    default 0     not null,
    original_date            varchar(255)           default ''    not null,
    release_date             varchar(255)           default ''    not null,
    releases                 integer                default 0     not null,
    order_album_name         varchar collate NOCASE default ''    not null,
    order_album_artist_name  varchar collate NOCASE default ''    not null,
    sort_album_name          varchar collate NOCASE default ''    not null,
    sort_album_artist_name   varchar collate NOCASE default ''    not null,
    catalog_num              varchar                default ''    not null,
    comment                  varchar                default ''    not null,
    mbz_album_id             varchar                default ''    not null,
    mbz_album_artist_id      varchar                default ''    not null,
    mbz_album_type           varchar                default ''    not null,
    mbz_album_comment        varchar                default ''    not null,
    discs                    jsonb                  default '{}'  not null,
    library_id               integer                default 1     not null
        references library
            on delete cascade
, imported_at datetime default '0000-00-00 00:00:00' not null, missing boolean default false not null, mbz_release_group_id varchar default '' not null, tags jsonb default '{}' not null, participants jsonb default '{}' not null, folder_ids jsonb default '[]' not null, explicit_status varchar default '' not null, average_rating REAL NOT NULL DEFAULT 0, search_participants TEXT NOT NULL DEFAULT '', search_normalized TEXT NOT NULL DEFAULT '', rg_album_gain real, rg_album_peak real)`,
  `CREATE INDEX album_alphabetical_by_artist
    on album (compilation, order_album_artist_name, order_album_name)`,
  `CREATE INDEX album_artist_album_id
    on album (album_artist_id)`,
  `CREATE INDEX album_genre
    on album (genre)`,
  `CREATE INDEX album_max_year
    on album (max_year)`,
  `CREATE INDEX album_mbz_album_type
    on album (mbz_album_type)`,
  `CREATE INDEX album_min_year
    on album (min_year)`,
  `CREATE INDEX album_name
    on album (name)`,
  `CREATE INDEX album_order_album_artist_name
    on album (order_album_artist_name)`,
  `CREATE INDEX album_order_album_name
    on album (order_album_name)`,
  `CREATE INDEX album_size
    on album (size)`,
  `CREATE INDEX album_sort_name
    on album (coalesce(nullif(sort_album_name,''),order_album_name) collate NOCASE)`,
  `CREATE INDEX album_sort_album_artist_name
    on album (coalesce(nullif(sort_album_artist_name,''),order_album_artist_name) collate NOCASE)`,
  `CREATE INDEX album_imported_at
	on album (imported_at)`,
  `CREATE INDEX album_mbz_release_group_id
	on album (mbz_release_group_id)`,
  `CREATE INDEX album_mbz_album_id
	on album (mbz_album_id)`,
  `CREATE INDEX album_created_at ON album(created_at, id)`,
  `CREATE INDEX album_updated_at ON album(updated_at, id)`,
  `CREATE TABLE "album_artists"
(
    album_id  varchar not null
        REFERENCES album (id)
            ON DELETE CASCADE,
    artist_id varchar not null
        REFERENCES artist (id)
            ON DELETE CASCADE,
    role      varchar default '' not null,
    sub_role  varchar default '' not null,
    CONSTRAINT album_artists
        UNIQUE (artist_id, album_id, role, sub_role)
)`,
  `CREATE INDEX album_artists_album_id
    ON album_artists (album_id)`,
  `CREATE INDEX album_artists_role
    ON album_artists (role)`,
  `CREATE TABLE "media_file"
(
    id                      varchar(255)                         not null
        primary key,
    path                    varchar(255)           default ''    not null,
    title                   varchar(255)           default ''    not null,
    album                   varchar(255)           default ''    not null,
    artist                  varchar(255)           default ''    not null,
    artist_id               varchar(255)           default ''    not null,
    album_artist            varchar(255)           default ''    not null,
    album_id                varchar(255)           default ''    not null,
    has_cover_art           bool                   default FALSE not null,
    track_number            integer                default 0     not null,
    disc_number             integer                default 0     not null,
    year                    integer                default 0     not null,
    size                    integer                default 0     not null,
    suffix                  varchar(255)           default ''    not null,
    duration                real                   default 0     not null,
    bit_rate                integer                default 0     not null,
    genre                   varchar(255)           default ''    not null,
    compilation             bool                   default FALSE not null,
    created_at              datetime,
    updated_at              datetime,
    full_text               varchar(255)           default '',
    album_artist_id         varchar(255)           default '',
    date                    varchar(255)           default ''    not null,
    original_year           int                    default 0     not null,
    original_date           varchar(255)           default ''    not null,
    release_year            int                    default 0     not null,
    release_date            varchar(255)           default ''    not null,
    order_album_name        varchar collate NOCASE default ''    not null,
    order_album_artist_name varchar collate NOCASE default ''    not null,
    order_artist_name       varchar collate NOCASE default ''    not null,
    sort_album_name         varchar collate NOCASE default ''    not null,
    sort_artist_name        varchar collate NOCASE default ''    not null,
    sort_album_artist_name  varchar collate NOCASE default ''    not null,
    sort_title              varchar collate NOCASE default ''    not null,
    disc_subtitle           varchar                default ''    not null,
    catalog_num             varchar                default ''    not null,
    comment                 varchar                default ''    not null,
    order_title             varchar collate NOCASE default ''    not null,
    mbz_recording_id        varchar                default ''    not null,
    mbz_album_id            varchar                default ''    not null,
    mbz_artist_id           varchar                default ''    not null,
    mbz_album_artist_id     varchar                default ''    not null,
    mbz_album_type          varchar                default ''    not null,
    mbz_album_comment       varchar                default ''    not null,
    mbz_release_track_id    varchar                default ''    not null,
    channels                integer                default 0     not null,
    lyrics                  jsonb                  default '[]'  not null,
    sample_rate             integer                default 0     not null,
    library_id              integer                default 1     not null
        references library
            on delete cascade
, folder_id varchar default '' not null, pid varchar default '' not null, missing boolean default false not null, mbz_release_group_id varchar default '' not null, tags jsonb default '{}' not null, participants jsonb default '{}' not null, explicit_status varchar default '' not null, birth_time datetime default current_timestamp not null, rg_album_gain real, rg_album_peak real, rg_track_gain real, rg_track_peak real, average_rating REAL NOT NULL DEFAULT 0, search_participants TEXT NOT NULL DEFAULT '', search_normalized TEXT NOT NULL DEFAULT '', codec VARCHAR(255) DEFAULT '' NOT NULL, probe_data TEXT DEFAULT '' NOT NULL, bpm integer, bit_depth integer)`,
  `CREATE INDEX media_file_album_id
    on media_file (album_id)`,
  `CREATE INDEX media_file_artist_album_id
    on media_file (album_artist_id)`,
  `CREATE INDEX media_file_artist_id
    on media_file (artist_id)`,
  `CREATE INDEX media_file_channels
    on media_file (channels)`,
  `CREATE INDEX media_file_duration
    on media_file (duration)`,
  `CREATE INDEX media_file_genre
    on media_file (genre)`,
  `CREATE INDEX media_file_mbz_track_id
    on media_file (mbz_recording_id)`,
  `CREATE INDEX media_file_order_title
    on media_file (order_title)`,
  `CREATE INDEX media_file_path
    on media_file (path)`,
  `CREATE INDEX media_file_path_nocase
    on media_file (path collate NOCASE)`,
  `CREATE INDEX media_file_sample_rate
    on media_file (sample_rate)`,
  `CREATE INDEX media_file_title
    on media_file (title)`,
  `CREATE INDEX media_file_track_number
    on media_file (disc_number, track_number)`,
  `CREATE INDEX media_file_year
    on media_file (year)`,
  `CREATE INDEX media_file_folder_id
 	on media_file (folder_id)`,
  `CREATE INDEX media_file_pid
	on media_file (pid)`,
  `CREATE INDEX media_file_mbz_release_track_id
	on media_file (mbz_release_track_id)`,
  `CREATE INDEX media_file_codec ON media_file(codec)`,
  `CREATE INDEX media_file_missing_library_id
    on media_file(missing, library_id)`,
  `CREATE INDEX media_file_bpm on media_file (bpm)`,
  `CREATE INDEX media_file_created_at ON media_file(created_at, id)`,
  `CREATE INDEX media_file_updated_at ON media_file(updated_at, id)`,
  `CREATE INDEX media_file_album_sort
	on media_file(order_album_name, album_id, disc_number, track_number, order_artist_name, title)`,
  `CREATE INDEX media_file_artist_sort
	on media_file(order_artist_name, order_album_name, release_date, disc_number, track_number)`,
  `CREATE INDEX media_file_album_artist_sort
	on media_file(order_album_artist_name, order_album_name, release_date, disc_number, track_number)`,
  `CREATE INDEX media_file_missing_library_order_title
	on media_file(missing, library_id, order_title, id)`,
  `CREATE TABLE media_file_artists(
    	media_file_id varchar not null
				references media_file (id)
	    		 	on delete cascade,
    	artist_id varchar not null
				references artist (id)
	    		 	on delete cascade,
    	role varchar default '' not null,
    	sub_role varchar default '' not null,
    	constraint artist_tracks
    	    			unique (artist_id, media_file_id, role, sub_role)
)`,
  `CREATE INDEX media_file_artists_role
	on media_file_artists (role)`,
  `CREATE INDEX media_file_artists_media_file_id_role
    ON media_file_artists (media_file_id, role)`,
  `CREATE TABLE "annotation"
(
	user_id     varchar(255)    not null
        REFERENCES user(id)
            ON DELETE CASCADE
            ON UPDATE CASCADE,
	item_id     varchar(255)    default '' not null,
	item_type   varchar(255)    default '' not null,
	play_count  integer         default 0,
	play_date   datetime,
	rating      integer         default 0,
	starred     bool            default FALSE not null,
	starred_at  datetime, rated_at datetime,
	unique (user_id, item_id, item_type)
)`,
  `CREATE INDEX annotation_play_count
    on annotation (play_count)`,
  `CREATE INDEX annotation_play_date
    on annotation (play_date)`,
  `CREATE INDEX annotation_rating
    on annotation (rating)`,
  `CREATE INDEX annotation_starred
    on annotation (starred)`,
  `CREATE INDEX annotation_starred_at
    on annotation (starred_at)`,
  `CREATE TABLE "scrobbles"(
    id INTEGER PRIMARY KEY,
    media_file_id VARCHAR(255) NOT NULL
        REFERENCES media_file(id)
            ON DELETE CASCADE
            ON UPDATE CASCADE,
    user_id VARCHAR(255) NOT NULL 
        REFERENCES user(id)
            ON DELETE CASCADE
            ON UPDATE CASCADE,
    submission_time INTEGER NOT NULL
)`,
  `CREATE INDEX scrobbles_user_time ON scrobbles(user_id, submission_time)`,
];

/** Creates Navidrome's tables. Navidrome supports SQLite only. */
export async function createNavidromeSchema(db: Kysely<any>, dialect: 'sqlite' | 'postgres' | 'mysql'): Promise<void> {
  if (dialect !== 'sqlite') throw new Error(`Navidrome runs on SQLite only, not ${dialect}`);
  for (const statement of navidromeDdl) await sql.raw(statement).execute(db);
}

/** model/id: a 16-byte value as a zero-padded 22-character base62 string. */
function navidromeId(name: string): string {
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let n = BigInt(`0x${createHash('md5').update(name).digest('hex')}`);
  let out = '';
  while (n > 0n) {
    out = digits[Number(n % 62n)]! + out;
    n /= 62n;
  }
  return out.padStart(22, '0');
}

/** The Go driver's time format: 'YYYY-MM-DD HH:MM:SS.fffffffff+00:00'. */
export function navidromeTime(unixSeconds: number, nanos = 0): string {
  const base = new Date(unixSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
  const fraction = nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
  return `${base}${fraction}+00:00`;
}

const trackId = (song: PlanSong) => navidromeId(`media_file:${song.index}`);

/**
 * Seeds Navidrome with the shared plan: one library, two users, artists,
 * albums, media files (some flagged missing), participants, annotations
 * (plays, ratings, manual stars of both users; album and artist rows too)
 * and scrobbles.
 */
export async function seedNavidrome(db: Kysely<any>, dialect: 'sqlite' | 'postgres' | 'mysql' = 'sqlite'): Promise<HostSeed> {
  if (dialect !== 'sqlite') throw new Error('Navidrome runs on SQLite only');
  const plan = seedPlan();
  const now = navidromeTime(1_760_000_000, 123_456_789);
  await db.insertInto('library').values({ id: 1, name: 'Music Library', path: '/music', created_at: now, updated_at: now, total_songs: plan.songs.length }).execute();
  const users = plan.users.map((u, i) => ({ id: navidromeId(`user:${u.name}`), name: u.name, index: i }));
  await db
    .insertInto('user')
    .values(
      plan.users.map((u, i) => ({
        id: users[i]!.id,
        user_name: u.name,
        name: u.name[0]!.toUpperCase() + u.name.slice(1),
        email: u.email,
        password: `enc:${u.name}`,
        is_admin: i === 0 ? 1 : 0,
        created_at: navidromeTime(u.createdAt),
        updated_at: navidromeTime(u.createdAt),
      })),
    )
    .execute();
  await db.insertInto('user_library').values(users.map((u) => ({ user_id: u.id, library_id: 1 }))).execute();

  // Artists: every tagged track artist, featured artist and album artist.
  const artistIds = new Map<string, string>();
  const artistId = (name: string) => {
    let id = artistIds.get(name);
    if (id === undefined) artistIds.set(name, (id = navidromeId(`artist:${name.toLowerCase()}`)));
    return id;
  };
  const primaryArtist = (song: PlanSong) => (song.variant === 'feat-artist' ? song.artist.slice(0, song.artist.indexOf(' feat. ')) : song.artist);
  for (const song of plan.songs) {
    artistId(primaryArtist(song));
    artistId(song.albumArtist);
    if (song.featuring !== null) artistId(song.featuring);
  }
  const artistRows = [...artistIds].map(([name, id]) => ({ id, name, order_artist_name: name.toLowerCase(), created_at: now, updated_at: now }));
  await insertChunked((rows) => db.insertInto('artist').values(rows).execute(), artistRows);
  await insertChunked((rows) => db.insertInto('library_artist').values(rows).execute(), artistRows.map((a) => ({ library_id: 1, artist_id: a.id })));

  const albumId = (index: number) => navidromeId(`album:${index}`);
  const albumRows = plan.albums.map((album) => {
    const songs = plan.songs.filter((s) => s.albumIndex === album.index);
    return {
      id: albumId(album.index),
      name: album.title,
      album_artist: album.artist,
      album_artist_id: artistId(album.artist),
      min_year: album.year ?? 0,
      max_year: album.year ?? 0,
      song_count: songs.length,
      duration: songs.reduce((sum, s) => sum + s.durationMs / 1000, 0),
      created_at: now,
      updated_at: now,
      imported_at: now,
      order_album_name: album.title.toLowerCase(),
      order_album_artist_name: album.artist.toLowerCase(),
      library_id: 1,
    };
  });
  await insertChunked((rows) => db.insertInto('album').values(rows).execute(), albumRows);
  await insertChunked(
    (rows) => db.insertInto('album_artists').values(rows).execute(),
    albumRows.map((a) => ({ album_id: a.id, artist_id: a.album_artist_id, role: 'albumartist' })),
  );

  const fileRows = plan.songs.map((song) => {
    const path = `${song.albumArtist}/${song.album}/${String(song.trackNumber).padStart(2, '0')} - ${song.title}.flac`;
    return {
      id: trackId(song),
      pid: trackId(song),
      path,
      title: song.title,
      album: song.album,
      artist: song.artist,
      artist_id: artistId(primaryArtist(song)),
      album_artist: song.albumArtist,
      album_id: albumId(song.albumIndex),
      album_artist_id: artistId(song.albumArtist),
      track_number: song.trackNumber,
      year: song.year ?? 0,
      size: Math.round(song.durationMs * 110),
      suffix: 'flac',
      duration: song.durationMs / 1000,
      bit_rate: 880,
      created_at: now,
      updated_at: now,
      birth_time: now,
      order_title: song.title.toLowerCase(),
      order_album_name: song.album.toLowerCase(),
      order_artist_name: song.artist.toLowerCase(),
      order_album_artist_name: song.albumArtist.toLowerCase(),
      library_id: 1,
      folder_id: navidromeId(`folder:${song.albumIndex}`),
      missing: song.missing ? 1 : 0,
      participants: JSON.stringify({ artist: [{ id: artistId(primaryArtist(song)), name: primaryArtist(song) }] }),
    };
  });
  await insertChunked((rows) => db.insertInto('media_file').values(rows).execute(), fileRows, 100);
  const participants = plan.songs.flatMap((song) => [
    { media_file_id: trackId(song), artist_id: artistId(primaryArtist(song)), role: 'artist' },
    ...(song.featuring === null ? [] : [{ media_file_id: trackId(song), artist_id: artistId(song.featuring), role: 'artist' }]),
    { media_file_id: trackId(song), artist_id: artistId(song.albumArtist), role: 'albumartist' },
  ]);
  await insertChunked((rows) => db.insertInto('media_file_artists').values(rows).onConflict((oc) => oc.doNothing()).execute(), participants);

  // Annotations: one row per (user, item, item_type), plays, ratings and stars together.
  const annotations = plan.userData.map((d) => ({
    user_id: users[d.user]!.id,
    item_id: trackId(plan.songs[d.songIndex]!),
    item_type: 'media_file',
    play_count: d.playCount,
    play_date: d.lastPlayedAt === null ? null : navidromeTime(d.lastPlayedAt, 500_000_000),
    rating: d.rating ?? 0,
    rated_at: d.rating === null ? null : navidromeTime(1_600_000_000 + d.songIndex * 60),
    starred: d.favoritedAt === null ? 0 : 1,
    starred_at: d.favoritedAt === null ? null : navidromeTime(d.favoritedAt, 250_000_000),
  }));
  // Other item types in the same table: starred and rated albums and artists.
  for (const album of plan.albums.filter((a) => a.index % 17 === 0)) {
    annotations.push({ user_id: users[album.index % 2]!.id, item_id: albumId(album.index), item_type: 'album', play_count: 3, play_date: navidromeTime(1_650_000_000), rating: 4, rated_at: navidromeTime(1_650_000_000), starred: 1, starred_at: navidromeTime(1_650_000_000) });
  }
  for (const [name, id] of [...artistIds].filter((_, i) => i % 23 === 0)) {
    annotations.push({ user_id: users[0]!.id, item_id: id, item_type: 'artist', play_count: 0, play_date: null, rating: name.length % 5 + 1, rated_at: navidromeTime(1_660_000_000), starred: 1, starred_at: navidromeTime(1_660_000_000) });
  }
  await insertChunked((rows) => db.insertInto('annotation').values(rows).execute(), annotations, 100);
  const scrobbles = plan.userData
    .filter((d) => d.playCount > 0)
    .flatMap((d) => Array.from({ length: Math.min(d.playCount, 3) }, (_, k) => ({ media_file_id: trackId(plan.songs[d.songIndex]!), user_id: users[d.user]!.id, submission_time: d.lastPlayedAt! - k * 86_400 })));
  await insertChunked((rows) => db.insertInto('scrobbles').values(rows).execute(), scrobbles);

  const seededKeys = annotations.map((a) => `${a.user_id}|${a.item_id}|${a.item_type}`);
  const manual = new Set(annotations.filter((a) => a.starred === 1).map((a) => `${a.user_id}|${a.item_id}|${a.item_type}`));
  return {
    player: 'navidrome',
    users: users.map((u) => ({ id: u.id, name: u.name })),
    tracks: plan.songs.map((song) => ({ id: trackId(song), artist: song.artist, title: song.title, album: song.album, durationMs: song.durationMs, ...(song.missing ? { missing: true } : {}) })),
    loves: lovesWithIds(plan, trackId),
    manualFavorites: plan.userData.filter((d) => d.favoritedAt !== null).map((d) => ({ user: users[d.user]!.id, trackId: trackId(plan.songs[d.songIndex]!) })),
    async snapshot(db) {
      const rows = await db.selectFrom('annotation').selectAll().execute();
      const byKey = new Map(rows.map((r) => [`${r.user_id}|${r.item_id}|${r.item_type}`, r]));
      return {
        // Every row the player had: its plays and ratings, and its star when the user starred by hand.
        annotations: seededKeys.map((key) => {
          const r = byKey.get(key);
          if (r === undefined) return { key, gone: true };
          const own = { key, play_count: r.play_count, play_date: r.play_date, rating: r.rating, rated_at: r.rated_at };
          return manual.has(key) || r.item_type !== 'media_file' ? { ...own, starred: r.starred, starred_at: r.starred_at } : own;
        }),
        otherItemTypes: rows.filter((r) => r.item_type !== 'media_file').length,
        scrobbles: await db.selectFrom('scrobbles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        missing: (await db.selectFrom('media_file').select('id').where('missing', '=', 1).orderBy('id').execute()).map((r) => r.id),
        mediaFiles: (await db.selectFrom('media_file').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
      };
    },
    async favoritesShown(db, user) {
      const rows = await db
        .selectFrom('annotation')
        .innerJoin('media_file', 'media_file.id', 'annotation.item_id')
        .select('annotation.item_id')
        .where('annotation.user_id', '=', user)
        .where('annotation.item_type', '=', 'media_file')
        .where('annotation.starred', '=', 1)
        .execute();
      return rows.map((r) => String(r.item_id)).sort();
    },
  };
}
