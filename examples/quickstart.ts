/**
 * Quickstart: a desktop player on SQLite imports its user's Last.fm loves.
 *
 *   npm run demo                                   # bundled sample, local fake Last.fm
 *   LASTFM_API_KEY=... LASTFM_USER=rj npm run demo # the real Last.fm
 *
 * It seeds a player-style schema (`library`, `favorites`) with a few hundred
 * real classic-rock tracks, syncs, lets the "scanner" add more tracks, and
 * prints the stats line.
 */
import { mkdirSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyLovedTrackStore, LastfmSource, LovedTrackCache, TableLibraryAdapter, formatStats, type LovedTrack } from 'loved-track-cache';
import { classicRockSongs, sampleLoves, seededRandom, startFakeLastfm } from 'loved-track-cache/testing';

const file = process.env.QUICKSTART_DB ?? '.tmp/quickstart.sqlite';
mkdirSync('.tmp', { recursive: true });
rmSync(file, { force: true });

// --- the host: a player with its own tables -------------------------------
const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(file) }) });
await db.schema
  .createTable('library')
  .addColumn('id', 'integer', (c) => c.primaryKey())
  .addColumn('filepath', 'text', (c) => c.notNull())
  .addColumn('artist', 'text')
  .addColumn('album', 'text')
  .addColumn('album_artist', 'text')
  .addColumn('title', 'text')
  .addColumn('duration', 'integer')
  .execute();
await db.schema.createTable('favorites').addColumn('track_id', 'integer', (c) => c.notNull()).addColumn('timestamp', 'integer', (c) => c.notNull()).execute();

// --- where loves come from ------------------------------------------------
const apiKey = process.env.LASTFM_API_KEY;
const lastfmUser = process.env.LASTFM_USER;
const real = apiKey !== undefined && apiKey !== '' && lastfmUser !== undefined && lastfmUser !== '';
const loves: LovedTrack[] = sampleLoves(1200, { newestAt: Math.floor(Date.now() / 1000), seed: 7 });
const fake = real ? undefined : await startFakeLastfm({ users: { 'demo-user': loves } });
const user = real ? lastfmUser : 'demo-user';
console.log(real ? `Using the real Last.fm for user ${user}.` : `No LASTFM_API_KEY/LASTFM_USER set: serving ${loves.length} bundled sample loves from a local fake Last.fm (${fake!.url}).`);

// --- a sample library: some loved songs (tagged the way files are), some not
const random = seededRandom(11);
const lovedKeys = new Set(loves.map((l) => `${l.artist}\u0000${l.title}`));
const tagged = (artist: string, title: string) => {
  // Files are tagged differently from Last.fm: "The" moved, remaster suffixes, case.
  const roll = random();
  if (roll < 0.15) return { artist: artist.startsWith('The ') ? `${artist.slice(4)}, The` : artist, title };
  if (roll < 0.3) return { artist, title: `${title} - Remastered 2011` };
  if (roll < 0.4) return { artist: artist.toUpperCase(), title };
  return { artist, title };
};
const songs = classicRockSongs();
const lovedSongs = songs.filter((s) => lovedKeys.has(`${s.artist}\u0000${s.title}`));
const otherSongs = songs.filter((s) => !lovedKeys.has(`${s.artist}\u0000${s.title}`));
const initial = [...lovedSongs.slice(0, 150), ...otherSongs.slice(0, 200)];
const later = lovedSongs.slice(150, 200);
let nextId = 1;
const toRows = (list: typeof songs) =>
  list.map((song) => {
    const tags = tagged(song.artist, song.title);
    return { id: nextId++, filepath: `/music/${song.artist}/${song.title}.flac`, ...tags, album: `${song.artist} hits`, album_artist: null, duration: 180 + Math.floor(random() * 240) };
  });
await db.insertInto('library').values(toRows(initial)).execute();
console.log(`Seeded a library of ${initial.length} tracks.`);

// --- the integration itself ------------------------------------------------
const cache = new LovedTrackCache({
  user,
  store: new KyselyLovedTrackStore({ db }),
  source: new LastfmSource({ apiKey: real ? apiKey : fake!.apiKey, ...(fake ? { baseUrl: fake.url } : {}) }),
  library: new TableLibraryAdapter({
    db,
    tracks: { table: 'library', album: 'album', albumArtist: 'album_artist', duration: 'duration' },
    favorites: { table: 'favorites', trackId: 'track_id', createdAt: 'timestamp' },
  }),
});
await cache.migrate();
cache.on('sync:page', (e) => {
  if (e.page === 1) console.log(`Importing ${e.total} loved tracks...`);
  console.log(`  page ${e.page}/${e.totalPages}: ${e.lovesSoFar} of ${e.total}`);
});
cache.on('match:progress', (e) => {
  if (e.done === e.total || e.done % 1000 === 0) console.log(`  matched against the library: ${e.done}/${e.total}`);
});

const report = await cache.sync();
console.log(`Sync (${report.mode}): ${report.requests} requests, ${report.added} new loves, ${report.favorited} favorited in ${report.durationMs} ms.`);
console.log(formatStats(await cache.stats()));

// The scanner finds new files and tells the cache.
const rows = toRows(later);
await db.insertInto('library').values(rows).execute();
const added = await cache.onTracksAdded(rows.map((r) => r.id));
console.log(`Scanner added ${rows.length} tracks: ${added.matched} matched loves, ${added.favorited} favorited.`);

const unmatched = await cache.unmatched({ limit: 3 });
console.log(`Not in the library yet, e.g.: ${unmatched.map((l) => `${l.artist} - ${l.title}`).join('; ')}`);
const stats = await cache.stats();
console.log(formatStats(stats));

await fake?.close();
await db.destroy();
