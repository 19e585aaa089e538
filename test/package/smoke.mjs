// Imports the built package the way an ESM host does and runs a tiny flow.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { InMemoryLibrary, KyselyLovedTrackStore, LastfmSource, LovedTrackCache, createMatcher, formatStats } from 'loved-track-cache';
import { startFakeLastfm } from 'loved-track-cache/testing';

const lastfm = await startFakeLastfm({ users: { rj: [{ artist: 'Björk', title: 'Jóga', lovedAt: 1_700_000_000 }] } });
const db = new Kysely({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
const library = new InMemoryLibrary([{ id: 1, artist: 'Bjork', title: 'Joga' }]);
const cache = new LovedTrackCache({
  user: 'rj',
  store: new KyselyLovedTrackStore({ db }),
  source: new LastfmSource({ apiKey: lastfm.apiKey, baseUrl: lastfm.url }),
  library,
  matcher: createMatcher(),
});
await cache.migrate();
const report = await cache.sync();
assert.equal(report.favorited, 1);
assert.equal(formatStats(await cache.stats()), '1 of 1 loved tracks in library');
assert.deepEqual(library.favoritesOf(), ['1']);
await lastfm.close();
await db.destroy();
console.log('ESM import of the built package: ok');
