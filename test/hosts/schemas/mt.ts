/**
 * mt's schema (SQLite), re-created from its schema module.
 *
 * Upstream: https://github.com/pythoninthegrass/mt (a desktop music player,
 * Tauri/Rust backend; formerly Python/Tkinter), src-tauri/src/db/schema.rs
 * (`CREATE_TABLES` and `run_migrations`, "matching the Python backend
 * exactly"), src-tauri/src/db/mod.rs, src-tauri/src/db/library.rs and
 * src-tauri/src/db/favorites.rs at commit 6151faf6576cd2a415409414ebf1c798166155c8
 * (2026-01-28). The statements below are the ones a fresh install runs, in
 * order: the `CREATE TABLE IF NOT EXISTS` of each table, then the migrations'
 * `ALTER TABLE … ADD COLUMN` and `CREATE INDEX` (on a fresh database the
 * file_size and file_mtime_ns checks find the columns already there).
 * Cross-checked with the database dump mt_20260127.sql in the same commit.
 *
 * Kept: library, favorites, playlists, playlist_items, queue, settings.
 * Omitted: lyrics_cache, scrobble_queue, watched_folders, queue_state.
 *
 * Facts the adapter must handle:
 * - One local user: no user column anywhere.
 * - Favorites: `favorites(id, track_id UNIQUE, timestamp TIMESTAMP DEFAULT
 *   CURRENT_TIMESTAMP)`; mt inserts only track_id and lets SQLite write the
 *   text 'YYYY-MM-DD HH:MM:SS' (UTC). An integer there is not what mt reads back.
 * - `library.missing INTEGER DEFAULT 0` flags files that are gone (mt keeps
 *   the row and its favorite; `last_seen_at` is unix seconds when seen again).
 * - `library.lastfm_loved BOOLEAN DEFAULT FALSE` is mt's own column (its own
 *   Last.fm import): it belongs to the player, not to the cache.
 * - `duration` is REAL seconds; track_number/track_total/date are TEXT.
 * - mt runs with `PRAGMA foreign_keys = ON`: favorites.track_id references
 *   library(id) without ON DELETE (mt deletes favorites before the track).
 */
import { sql, type Kysely } from 'kysely';
import { createHash } from 'node:crypto';
import { insertChunked, lovesWithIds, seedPlan, sqliteDateTime, type HostSeed, type PlanSong } from './songs.js';

export const source = {
  repo: 'pythoninthegrass/mt',
  files: ['src-tauri/src/db/schema.rs', 'src-tauri/src/db/mod.rs', 'src-tauri/src/db/library.rs', 'src-tauri/src/db/favorites.rs', 'mt_20260127.sql (dump, cross-check)'],
  commit: '6151faf6576cd2a415409414ebf1c798166155c8',
} as const;

export const mtDdl: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS queue (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            filepath TEXT NOT NULL
        )`,
  `CREATE TABLE IF NOT EXISTS library (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            filepath TEXT NOT NULL,
            title TEXT,
            artist TEXT,
            album TEXT,
            album_artist TEXT,
            track_number TEXT,
            track_total TEXT,
            date TEXT,
            duration REAL,
            file_size INTEGER DEFAULT 0,
            file_mtime_ns INTEGER,
            added_date TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
            last_played TIMESTAMP,
            play_count INTEGER DEFAULT 0
        )`,
  `CREATE TABLE IF NOT EXISTS settings (
            key TEXT PRIMARY KEY,
            value TEXT
        )`,
  `CREATE TABLE IF NOT EXISTS favorites (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            track_id INTEGER NOT NULL,
            timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
            FOREIGN KEY (track_id) REFERENCES library(id),
            UNIQUE(track_id)
        )`,
  `CREATE TABLE IF NOT EXISTS playlists (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            position INTEGER DEFAULT 0,
            created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
        )`,
  `CREATE TABLE IF NOT EXISTS playlist_items (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            playlist_id INTEGER NOT NULL,
            track_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            added_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
            UNIQUE(playlist_id, track_id),
            FOREIGN KEY (playlist_id) REFERENCES playlists(id) ON DELETE CASCADE,
            FOREIGN KEY (track_id) REFERENCES library(id) ON DELETE CASCADE
        )`,
  // run_migrations on a fresh database:
  'CREATE INDEX idx_library_filepath ON library(filepath)',
  'ALTER TABLE library ADD COLUMN lastfm_loved BOOLEAN DEFAULT FALSE',
  'ALTER TABLE library ADD COLUMN missing INTEGER DEFAULT 0',
  'ALTER TABLE library ADD COLUMN last_seen_at INTEGER',
  'ALTER TABLE library ADD COLUMN file_inode INTEGER',
  'ALTER TABLE library ADD COLUMN content_hash TEXT',
  'CREATE INDEX idx_library_file_inode ON library(file_inode) WHERE file_inode IS NOT NULL',
  'CREATE INDEX idx_library_content_hash ON library(content_hash) WHERE content_hash IS NOT NULL',
];

/** Creates mt's tables. mt uses SQLite only. */
export async function createMtSchema(db: Kysely<any>, dialect: 'sqlite' | 'postgres' | 'mysql'): Promise<void> {
  if (dialect !== 'sqlite') throw new Error(`mt uses SQLite only, not ${dialect}`);
  for (const statement of mtDdl) await sql.raw(statement).execute(db);
}

const trackIdOf = (song: PlanSong) => 1 + song.index;

/**
 * Seeds mt: the library (tags, play counts and last plays of the one local
 * user, 20 files flagged missing), the user's manual favorites (the plan's
 * first user), two playlists and its settings.
 */
export async function seedMt(db: Kysely<any>, dialect: 'sqlite' | 'postgres' | 'mysql' = 'sqlite'): Promise<HostSeed> {
  if (dialect !== 'sqlite') throw new Error('mt uses SQLite only');
  const plan = seedPlan();
  const mine = new Map(plan.userData.filter((d) => d.user === 0).map((d) => [d.songIndex, d]));
  await insertChunked(
    (rows) => db.insertInto('library').values(rows).execute(),
    plan.songs.map((song) => {
      const d = mine.get(song.index);
      return {
        id: trackIdOf(song),
        filepath: `/Users/alice/Music/${song.albumArtist}/${song.album}/${String(song.trackNumber).padStart(2, '0')} - ${song.title.replaceAll('/', '-')}.mp3`,
        title: song.title,
        artist: song.artist,
        album: song.album,
        album_artist: song.albumArtist,
        track_number: String(song.trackNumber),
        track_total: null,
        date: song.year === null ? null : String(song.year),
        duration: song.durationMs / 1000,
        file_size: Math.round(song.durationMs * 40),
        file_mtime_ns: `${1_690_000_000 + song.index}000000000`,
        added_date: sqliteDateTime(1_737_763_809 + song.index),
        last_played: d?.lastPlayedAt == null ? null : sqliteDateTime(d.lastPlayedAt),
        play_count: d?.playCount ?? 0,
        missing: song.missing ? 1 : 0,
        last_seen_at: song.missing ? 1_737_763_809 : null,
        file_inode: 37_000_000 + song.index,
        content_hash: `sha256:${createHash('sha256').update(`mt:${song.index}`).digest('hex')}`,
      };
    }),
    100,
  );
  const favorites = plan.userData.filter((d) => d.user === 0 && d.favoritedAt !== null).sort((a, b) => a.favoritedAt! - b.favoritedAt!);
  await insertChunked((rows) => db.insertInto('favorites').values(rows).execute(), favorites.map((d) => ({ track_id: trackIdOf(plan.songs[d.songIndex]!), timestamp: sqliteDateTime(d.favoritedAt!) })));
  await db.insertInto('playlists').values([{ name: 'Road trip', position: 0, created_at: sqliteDateTime(1_737_800_000) }, { name: 'Late night', position: 1, created_at: sqliteDateTime(1_737_900_000) }]).execute();
  await db
    .insertInto('playlist_items')
    .values(plan.songs.filter((s) => s.index % 97 === 0).map((s, i) => ({ playlist_id: 1 + (i % 2), track_id: trackIdOf(s), position: i, added_at: sqliteDateTime(1_737_950_000 + i) })))
    .execute();
  await db.insertInto('settings').values([{ key: 'volume', value: '0.8' }, { key: 'lastfm_username', value: 'alice' }]).execute();

  const manualIds = favorites.map((d) => trackIdOf(plan.songs[d.songIndex]!));
  return {
    player: 'mt',
    // One local user: the adapter has no user column, callers pass no host user.
    users: [],
    tracks: plan.songs.map((song) => ({ id: String(trackIdOf(song)), artist: song.artist, title: song.title, album: song.album, durationMs: song.durationMs, ...(song.missing ? { missing: true } : {}) })),
    loves: lovesWithIds(plan, (song) => String(trackIdOf(song))),
    manualFavorites: manualIds.map((id) => ({ user: null, trackId: String(id) })),
    async snapshot(db) {
      const favs = await db.selectFrom('favorites').select(['track_id', 'timestamp']).execute();
      const byTrack = new Map(favs.map((f) => [Number(f.track_id), f]));
      return {
        library: await db.selectFrom('library').select(['id', 'play_count', 'last_played', 'missing', 'lastfm_loved', 'added_date', 'last_seen_at']).orderBy('id').execute(),
        manualFavorites: manualIds.map((id) => byTrack.get(id) ?? { track_id: id, gone: true }),
        playlist_items: await db.selectFrom('playlist_items').selectAll().orderBy('id').execute(),
        settings: await db.selectFrom('settings').selectAll().orderBy('key').execute(),
      };
    },
    async favoritesShown(db) {
      const rows = await db.selectFrom('favorites').innerJoin('library', 'library.id', 'favorites.track_id').select('favorites.track_id').execute();
      return rows.map((r) => String(r.track_id)).sort();
    },
  };
}
