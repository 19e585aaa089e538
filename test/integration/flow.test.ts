import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LovedTrackCache } from '../../src/loved-track-cache.js';
import { createMatcher } from '../../src/matcher/default-matcher.js';
import { LastfmSource } from '../../src/source/lastfm/lastfm-source.js';
import { KyselyLovedTrackStore } from '../../src/store/kysely-store.js';
import { startFakeLastfm, type FakeLastfm } from '../../src/testing/fake-lastfm-server.js';
import { sampleLoves } from '../../src/testing/sample-data.js';
import { formatStats } from '../../src/types-reports.js';
import type { LibraryTrack, LovedTrack } from '../../src/types.js';
import { databaseBackends } from '../support/databases.js';
import { createHostSchema, hostFavorites, hostLibrary, insertHostTracks } from '../support/host-schema.js';

// The song list names a few songs twice ("Load Out/Stay" and "The Load-out/stay"):
// keep one of each, so that the expected counts are known without the matcher.
const crude = (title: string) => title.toLowerCase().replace(/^the /, '').replace(/[^a-z0-9]/g, '');
const seen = new Set<string>();
const LOVES = sampleLoves(2600, { newestAt: 1_700_000_000 })
  .filter((love) => {
    const key = `${love.artist.toLowerCase()}|${crude(love.title)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  })
  .slice(0, 2500);

/** Library tracks for loves number `from` to `to` (exclusive), ids from `firstId`. */
function tracksFor(loves: readonly LovedTrack[], firstId: number): LibraryTrack[] {
  return loves.map((love, i) => ({ id: firstId + i, artist: love.artist, title: love.title, album: `${love.artist} album`, durationMs: 240_000 }));
}

let lastfm: FakeLastfm;
beforeAll(async () => {
  lastfm = await startFakeLastfm({ users: { rj: LOVES } });
});
afterAll(async () => {
  await lastfm.close();
});

for (const backend of databaseBackends()) {
  describe(`whole flow on ${backend.name}`, () => {
    afterAll(() => backend.close());

    it('sync -> favorites -> stats -> onTracksAdded -> stats; nothing twice, manual favorites untouched', async () => {
      const database = await backend.create();
      try {
        const { db } = database;
        await createHostSchema(db, database.dialect);
        // 300 loves are in the library from the start, plus 200 songs nobody loved.
        const present = tracksFor(LOVES.slice(0, 300), 1);
        const lovedKeys = new Set(LOVES.map((l) => `${l.artist.toLowerCase()}|${crude(l.title)}`));
        const unloved = tracksFor(sampleLoves(2229, { seed: 99 }).filter((s) => !lovedKeys.has(`${s.artist.toLowerCase()}|${crude(s.title)}`)).slice(0, 200), 1001);
        await insertHostTracks(db, [...present, ...unloved]);
        // The user favorited track 5 by hand before installing the cache.
        await db.insertInto('favorites').values({ track_id: 5, timestamp: 1 }).execute();

        lastfm.resetRequests();
        const cache = new LovedTrackCache({
          user: 'rj',
          store: new KyselyLovedTrackStore({ db }),
          source: new LastfmSource({ apiKey: lastfm.apiKey, baseUrl: lastfm.url, requestsPerSecond: 50 }),
          library: hostLibrary(db),
          matcher: createMatcher(),
        });
        await cache.migrate();
        const pages: number[] = [];
        cache.on('sync:page', (event) => {
          pages.push(event.page);
          expect(event.total).toBe(2500);
          expect(event.totalPages).toBe(3);
        });

        const report = await cache.sync();
        expect(report).toMatchObject({ mode: 'full', requests: 3, added: 2500, matched: 300, unloved: 0, total: 2500 });
        // Track 5 was a manual favorite already: not favorited again, not ours.
        expect(report.favorited).toBe(299);
        expect(pages).toEqual([1, 2, 3]);
        expect(lastfm.requestCount({ user: 'rj' })).toBe(3);

        const favorites = await hostFavorites(db);
        expect(favorites).toHaveLength(300);
        expect(new Set(favorites).size).toBe(300);
        expect(favorites).toEqual(present.map((t) => String(t.id)).sort());
        let stats = await cache.stats();
        expect(stats).toMatchObject({ loved: 2500, matched: 300, unmatched: 2200, autoFavorites: 299, totalReported: 2500 });
        expect(formatStats(stats)).toBe('300 of 2500 loved tracks in library');
        const matched = await cache.matched({ limit: 1 });
        expect(matched[0]?.matchScore).toBeGreaterThan(0.9);
        expect(matched[0]?.matchReasons.length).toBeGreaterThan(0);

        // The scanner adds 50 more loved tracks and 10 unloved ones.
        const added = tracksFor(LOVES.slice(300, 350), 2001);
        const noise = tracksFor(
          unloved.slice(0, 10).map((t) => ({ artist: t.artist, title: `${t.title} (Demo)`, lovedAt: null })),
          3001,
        );
        await insertHostTracks(db, [...added, ...noise]);
        const hook = await cache.onTracksAdded([...added, ...noise].map((t) => t.id));
        expect(hook).toMatchObject({ matched: 50, favorited: 50 });
        stats = await cache.stats();
        expect(formatStats(stats)).toBe('350 of 2500 loved tracks in library');
        expect(await hostFavorites(db)).toHaveLength(350);

        // Nothing new on Last.fm: one request, nothing added, nothing favorited twice.
        lastfm.resetRequests();
        const again = await cache.sync();
        expect(again).toMatchObject({ mode: 'incremental', requests: 1, added: 0, matched: 0, favorited: 0 });
        expect(lastfm.requestCount()).toBe(1);
        const finalFavorites = await hostFavorites(db);
        expect(finalFavorites).toHaveLength(350);
        expect(new Set(finalFavorites).size).toBe(350);
        expect(finalFavorites).toContain('5');

        // The host's own tables and migration record are untouched.
        const hostMigrations = await db.selectFrom('kysely_migration').selectAll().execute();
        expect(hostMigrations).toEqual([{ name: '0001_player_tables', timestamp: '2020-01-01T00:00:00.000Z' }]);
        expect(await cache.migrate()).toEqual({ applied: [] });
      } finally {
        await database.destroy();
      }
    });
  });
}
