// Requires the built package the way a CommonJS host does (p-throttle is
// ESM-only and must be bundled into the CJS build for this to work).
const assert = require('node:assert/strict');
const Database = require('better-sqlite3');
const { Kysely, SqliteDialect } = require('kysely');
const { InMemoryLibrary, KyselyLovedTrackStore, LastfmSource, LovedTrackCache, createMatcher, formatStats } = require('loved-track-cache');
const { startFakeLastfm, classicRockSongs } = require('loved-track-cache/testing');

(async () => {
  assert.equal(classicRockSongs().length, 2229);
  // any-ascii (ESM-only) must work from CommonJS too.
  assert.equal(createMatcher({ transliterate: true }).compare({ artist: 'Кино', title: 'Группа крови' }, { id: 1, artist: 'Kino', title: 'Gruppa krovi' }).accepted, true);
  const lastfm = await startFakeLastfm({ users: { rj: [{ artist: 'The Beatles', title: 'Help!', lovedAt: 1_700_000_000 }] } });
  const db = new Kysely({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  const library = new InMemoryLibrary([{ id: 7, artist: 'Beatles, The', title: 'Help!' }]);
  const cache = new LovedTrackCache({ user: 'rj', store: new KyselyLovedTrackStore({ db }), source: new LastfmSource({ apiKey: lastfm.apiKey, baseUrl: lastfm.url }), library });
  await cache.migrate();
  await cache.sync();
  assert.equal(formatStats(await cache.stats()), '1 of 1 loved tracks in library');
  await lastfm.close();
  await db.destroy();
  console.log('CJS require of the built package: ok');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
