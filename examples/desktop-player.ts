/**
 * A desktop player on SQLite: the scanner tells the cache about added,
 * removed and re-tagged files; the user fixes a miss by hand.
 *
 *   npx tsx examples/desktop-player.ts
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyLovedTrackStore, LastfmSource, LovedTrackCache, TableLibraryAdapter, formatStats } from 'loved-track-cache';
import { startFakeLastfm } from 'loved-track-cache/testing';

// The player's own schema. `songs` uses text ids and durations in ms.
const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
await db.schema
  .createTable('songs')
  .addColumn('uuid', 'text', (c) => c.primaryKey())
  .addColumn('artist_name', 'text')
  .addColumn('song_title', 'text')
  .addColumn('album_title', 'text')
  .addColumn('length_ms', 'integer')
  .execute();
await db.schema.createTable('starred').addColumn('song_uuid', 'text', (c) => c.notNull()).addColumn('starred_at', 'text').execute();

const lastfm = await startFakeLastfm({
  users: {
    rj: [
      { artist: 'Fleetwood Mac', title: 'Dreams', lovedAt: 1_700_000_300 },
      { artist: 'The Beatles', title: 'Here Comes the Sun - Remastered 2009', lovedAt: 1_700_000_200 },
      { artist: 'Led Zeppelin', title: 'Kashmir', lovedAt: 1_700_000_100 },
      { artist: 'Heart', title: 'Barracuda', lovedAt: 1_700_000_000 },
    ],
  },
});

const cache = new LovedTrackCache({
  user: 'rj',
  store: new KyselyLovedTrackStore({ db }),
  source: new LastfmSource({ apiKey: lastfm.apiKey, baseUrl: lastfm.url, userAgent: 'ExamplePlayer/1.0' }),
  library: new TableLibraryAdapter({
    db,
    idType: 'text',
    tracks: { table: 'songs', id: 'uuid', artist: 'artist_name', title: 'song_title', album: 'album_title', duration: 'length_ms', durationUnit: 'milliseconds' },
    favorites: { table: 'starred', trackId: 'song_uuid', createdAt: 'starred_at', createdAtFormat: 'iso' },
  }),
});
await cache.migrate();

const starred = async () => (await db.selectFrom('starred').select('song_uuid').orderBy('song_uuid').execute()).map((r) => r.song_uuid as string);

// The library before the first sync; the user starred Dreams by hand long ago.
await db.insertInto('songs').values([
  { uuid: 'a1', artist_name: 'Fleetwood Mac', song_title: 'Dreams', album_title: 'Rumours', length_ms: 257_000 },
  { uuid: 'b2', artist_name: 'Beatles, The', song_title: 'Here Comes the Sun', album_title: 'Abbey Road', length_ms: 185_000 },
  { uuid: 'c3', artist_name: 'Led Zeppelin', song_title: 'Kashmir (Live)', album_title: 'Celebration Day', length_ms: 540_000 },
]).execute();
await db.insertInto('starred').values({ song_uuid: 'a1', starred_at: '2019-01-01T00:00:00.000Z' }).execute();

const report = await cache.sync();
console.log(`First sync: ${report.added} loves, ${report.matched} matched, ${report.favorited} favorited.`);
assert.deepEqual(await starred(), ['a1', 'b2']); // a1 stays the user's own star; b2 is ours

// Scanner: a new file arrives.
await db.insertInto('songs').values({ uuid: 'd4', artist_name: 'Heart', song_title: 'Barracuda', album_title: 'Little Queen', length_ms: 262_000 }).execute();
console.log('onTracksAdded:', await cache.onTracksAdded(['d4']));

// Scanner: a file is re-tagged into something nobody loved: our star goes, and only ours.
await db.updateTable('songs').set({ song_title: 'Magic Man' }).where('uuid', '=', 'd4').execute();
console.log('onTracksChanged:', await cache.onTracksChanged(['d4']));
assert.deepEqual(await starred(), ['a1', 'b2']);

// Scanner: a file is deleted (the player drops its star itself).
await db.deleteFrom('starred').where('song_uuid', '=', 'b2').execute();
await db.deleteFrom('songs').where('uuid', '=', 'b2').execute();
console.log('onTracksRemoved:', await cache.onTracksRemoved(['b2']));

// "Show me what did not match, and let me fix it."
for (const love of await cache.unmatched()) {
  const nearest = love.nearest ? `nearest: ${love.nearest.artist} - ${love.nearest.title} (score ${love.nearest.score.toFixed(2)}; ${love.nearest.reasons.join(', ')})` : 'no candidate';
  console.log(`Unmatched: ${love.artist} - ${love.title}; ${nearest}`);
}
// The user accepts the live Kashmir by hand.
await cache.link({ artist: 'Led Zeppelin', title: 'Kashmir' }, 'c3');
assert.deepEqual(await starred(), ['a1', 'c3']);

const stats = await cache.stats();
console.log(formatStats(stats), `(${stats.autoFavorites} starred by loved-track-cache)`);
assert.equal(formatStats(stats), '2 of 4 loved tracks in library');

await lastfm.close();
await db.destroy();
