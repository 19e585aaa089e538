import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SyncInProgressError } from '../../src/errors.js';
import { TableLibraryAdapter } from '../../src/library/table-library-adapter.js';
import { LovedTrackCache } from '../../src/loved-track-cache.js';
import { KyselyLovedTrackStore } from '../../src/store/kysely-store.js';
import { startFakeLastfm, type FakeLastfm } from '../../src/testing/fake-lastfm-server.js';
import type { LovedTrack } from '../../src/types.js';
import { fastSource, hostCache } from '../support/cache-fixture.js';
import { databaseBackends, type TestDatabase } from '../support/databases.js';
import { createHostSchema, hostFavorites, insertHostTracks } from '../support/host-schema.js';

const NOW = 1_700_000_000;
const LOVES: LovedTrack[] = [
  { artist: 'Fleetwood Mac', title: 'Dreams', lovedAt: NOW },
  { artist: 'Heart', title: 'Barracuda', lovedAt: NOW - 60 },
  { artist: 'Boston', title: 'More Than a Feeling', lovedAt: NOW - 120 },
  { artist: 'The Who', title: "Baba O'Riley", lovedAt: NOW - 180 },
  { artist: 'Led Zeppelin', title: 'Kashmir', lovedAt: NOW - 240 },
];

let lastfm: FakeLastfm;
beforeAll(async () => {
  lastfm = await startFakeLastfm();
});
afterAll(async () => {
  await lastfm.close();
});

async function deleteTrack(database: TestDatabase, id: number): Promise<void> {
  // Like most players, removing a file removes its favorite too.
  await database.db.deleteFrom('favorites').where('track_id', '=', id).execute();
  await database.db.deleteFrom('library').where('id', '=', id).execute();
}

for (const backend of databaseBackends()) {
  describe(`host integration on ${backend.name}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      lastfm.resetRequests();
      lastfm.setLoves('rj', LOVES);
      database = await backend.create();
      await createHostSchema(database.db, database.dialect);
      return async () => {
        await database.destroy();
      };
    });
    afterAll(() => backend.close());

    it('follows tracks removed, re-added and re-tagged', async () => {
      await insertHostTracks(database.db, [{ id: 1, artist: 'Fleetwood Mac', title: 'Dreams' }]);
      const cache = hostCache(database.db, lastfm);
      await cache.migrate();
      expect((await cache.sync()).favorited).toBe(1);

      await deleteTrack(database, 1);
      expect(await cache.onTracksRemoved([1])).toMatchObject({ unmatched: 1 });
      expect((await cache.stats()).matched).toBe(0);

      // The file comes back under a new id: favorited again.
      await insertHostTracks(database.db, [{ id: 2, artist: 'Fleetwood Mac', title: 'Dreams (2004 Remaster)' }]);
      expect(await cache.onTracksAdded([2])).toMatchObject({ matched: 1, favorited: 1 });
      expect(await hostFavorites(database.db)).toEqual(['2']);

      // Re-tagged as another song: our match and our favorite go; it now matches another love.
      await database.db.updateTable('library').set({ artist: 'Heart', title: 'Barracuda' }).where('id', '=', 2).execute();
      const changed = await cache.onTracksChanged([2]);
      expect(changed).toMatchObject({ unmatched: 1, unfavorited: 1, matched: 1, favorited: 1 });
      const matched = await cache.matched();
      expect(matched.map((l) => `${l.artist} - ${l.title} -> ${l.matchedTrackId}`)).toEqual(['Heart - Barracuda -> 2']);
      expect(await hostFavorites(database.db)).toEqual(['2']);
    });

    it('never removes or records a manual favorite, and reset removes exactly its own', async () => {
      await insertHostTracks(database.db, [
        { id: 1, artist: 'Fleetwood Mac', title: 'Dreams' },
        { id: 2, artist: 'Heart', title: 'Barracuda' },
        { id: 3, artist: 'Eagles', title: 'Hotel California' },
      ]);
      await database.db.insertInto('favorites').values([{ track_id: 2, timestamp: 1 }, { track_id: 3, timestamp: 1 }]).execute();
      const cache = hostCache(database.db, lastfm);
      await cache.migrate();
      const report = await cache.sync();
      expect(report).toMatchObject({ matched: 2, favorited: 1 });
      expect((await cache.stats()).autoFavorites).toBe(1);

      // Re-tag the manual favorite into something unloved: the match goes, the favorite stays.
      await database.db.updateTable('library').set({ title: 'Magic Man' }).where('id', '=', 2).execute();
      expect(await cache.onTracksChanged([2])).toMatchObject({ unmatched: 1, unfavorited: 0 });
      expect(await hostFavorites(database.db)).toEqual(['1', '2', '3']);

      expect(await cache.reset({ removeAutoFavorites: true })).toEqual({ removedFavorites: 1 });
      expect(await hostFavorites(database.db)).toEqual(['2', '3']);
      expect((await cache.stats()).loved).toBe(0);
    });

    it('never re-adds an auto-favorite the user removed (told by the host or found at rematch)', async () => {
      await insertHostTracks(database.db, [
        { id: 1, artist: 'Fleetwood Mac', title: 'Dreams' },
        { id: 2, artist: 'Heart', title: 'Barracuda' },
      ]);
      const cache = hostCache(database.db, lastfm);
      await cache.migrate();
      await cache.sync();
      expect(await hostFavorites(database.db)).toEqual(['1', '2']);

      // Track 1: the host tells us. Track 2: the user just unfavorited it.
      await database.db.deleteFrom('favorites').execute();
      await cache.onFavoriteRemoved([1]);
      const rematch = await cache.rematch();
      expect(rematch.userRemovedFavorites).toBe(1);
      expect(await hostFavorites(database.db)).toEqual([]);

      // Even after the match is undone and made again.
      await cache.onTracksChanged([1, 2]);
      await cache.sync({ full: true });
      expect(await hostFavorites(database.db)).toEqual([]);
      expect((await cache.stats()).matched).toBe(2);
    });

    it('without hooks, rematch({ refreshIndex }) notices removed tracks; a track the user unfavorited stays unfavorited when it comes back', async () => {
      await insertHostTracks(database.db, [
        { id: 1, artist: 'Fleetwood Mac', title: 'Dreams' },
        { id: 2, artist: 'Heart', title: 'Barracuda' },
      ]);
      const cache = hostCache(database.db, lastfm);
      await cache.migrate();
      await cache.sync();
      // The user unfavorites track 2; then both files vanish and come back.
      await database.db.deleteFrom('favorites').where('track_id', '=', 2).execute();
      await cache.onFavoriteRemoved([2]);
      await deleteTrack(database, 1);
      await deleteTrack(database, 2);
      expect(await cache.rematch({ refreshIndex: true })).toMatchObject({ indexRebuilt: true, unmatched: 2 });
      expect((await cache.stats()).matched).toBe(0);
      await insertHostTracks(database.db, [
        { id: 1, artist: 'Fleetwood Mac', title: 'Dreams' },
        { id: 2, artist: 'Heart', title: 'Barracuda' },
      ]);
      expect(await cache.rematch({ refreshIndex: true })).toMatchObject({ matched: 2, favorited: 1 });
      expect(await hostFavorites(database.db)).toEqual(['1']);
    });

    it('link() and reject() are kept through rematch and reset', async () => {
      await insertHostTracks(database.db, [
        { id: 1, artist: 'Fleetwood Mac', title: 'Dreams' },
        { id: 2, artist: 'Led Zeppelin', title: 'Kashmir (Live at Knebworth)' },
      ]);
      const cache = hostCache(database.db, lastfm);
      await cache.migrate();
      await cache.sync();
      const before = await cache.unmatched({ limit: 10 });
      const kashmir = before.find((l) => l.title === 'Kashmir');
      expect(kashmir?.nearest?.trackId).toBe('2');
      expect(kashmir?.nearest?.score).toBeLessThan(1);

      await cache.reject({ artist: 'Fleetwood Mac', title: 'Dreams' }, 1);
      await cache.link({ artist: 'Led Zeppelin', title: 'Kashmir' }, 2);
      expect(await hostFavorites(database.db)).toEqual(['2']);
      await cache.rematch({ refreshIndex: true });
      let matched = await cache.matched();
      expect(matched.map((l) => [l.title, l.matchedTrackId, l.matchOrigin])).toEqual([['Kashmir', '2', 'manual']]);

      await cache.reset({ removeAutoFavorites: true });
      expect(await hostFavorites(database.db)).toEqual([]);
      await cache.sync();
      matched = await cache.matched();
      expect(matched.map((l) => [l.title, l.matchedTrackId, l.matchOrigin])).toEqual([['Kashmir', '2', 'manual']]);
      expect(await hostFavorites(database.db)).toEqual(['2']);

      await expect(cache.link({ artist: 'Nobody', title: 'Nothing' }, 1)).rejects.toThrow(/No loved track/);
    });

    it('after reject(), the next rematch considers an equally good older track', async () => {
      let now = 1_800_000_000_000;
      await insertHostTracks(database.db, [
        { id: 1, artist: 'Heart', title: 'Barracuda' },
        { id: 2, artist: 'Heart', title: 'Barracuda' },
      ]);
      const cache = hostCache(database.db, lastfm, { now: () => now });
      await cache.migrate();
      await cache.sync();
      now += 60_000;
      expect((await cache.matched()).map((l) => l.matchedTrackId)).toEqual(['1']);
      await cache.reject({ artist: 'Heart', title: 'Barracuda' }, 1);
      now += 60_000;
      expect(await cache.rematch()).toMatchObject({ matched: 1 });
      expect((await cache.matched()).map((l) => l.matchedTrackId)).toEqual(['2']);
    });

    it('previewMatches() and rematch({ dryRun }) write nothing', async () => {
      const cache = hostCache(database.db, lastfm);
      await cache.migrate();
      await cache.sync();
      await insertHostTracks(database.db, [{ id: 9, artist: 'The Who', title: "Baba O’Riley" }]);
      const preview = await cache.previewMatches();
      expect(preview).toHaveLength(0); // the index does not know track 9 until refreshed or hooked
      const dry = await cache.rematch({ dryRun: true, refreshIndex: true });
      expect(dry.previews.map((p) => [p.title, p.trackId, p.wouldFavorite])).toEqual([["Baba O'Riley", '9', true]]);
      expect(dry.previews[0]?.reasons.length).toBeGreaterThan(0);
      expect(await hostFavorites(database.db)).toEqual([]);
      expect((await cache.stats()).matched).toBe(0);
    });

    it('sync({ dryRun }) fetches and previews, and writes no love, cursor or favorite', async () => {
      await insertHostTracks(database.db, [
        { id: 1, artist: 'Fleetwood Mac', title: 'Dreams' },
        { id: 2, artist: 'Boston', title: 'More Than a Feeling (Remastered)' },
      ]);
      await database.db.insertInto('favorites').values({ track_id: 1, timestamp: 1 }).execute();
      const cache = hostCache(database.db, lastfm);
      await cache.migrate();
      const dry = await cache.sync({ dryRun: true });
      expect(dry).toMatchObject({ dryRun: true, mode: 'full', requests: 1, added: 5, matched: 2, favorited: 1 });
      expect(dry.previews.map((p) => [p.title, p.trackId, p.wouldFavorite, p.loveId])).toEqual([
        ['Dreams', '1', false, null],
        ['More Than a Feeling', '2', true, null],
      ]);
      expect(await hostFavorites(database.db)).toEqual(['1']);
      expect(await cache.stats()).toMatchObject({ loved: 0, lastSyncAt: null });
      const real = await cache.sync();
      expect(real).toMatchObject({ dryRun: false, mode: 'full', added: 5, matched: 2, favorited: 1 });
    });

    it('two caches on one database: only one syncs a user at a time', async () => {
      const store = () => new KyselyLovedTrackStore({ db: database.db });
      await store().migrate();
      const clear = lastfm.fail({ page: 1, times: 1, with: { delayMs: 300 } });
      const a = hostCache(database.db, lastfm);
      const b = hostCache(database.db, lastfm);
      const results = await Promise.allSettled([a.sync(), new Promise((r) => setTimeout(r, 50)).then(() => b.sync())]);
      clear();
      expect(results[0].status).toBe('fulfilled');
      expect(results[1].status).toBe('rejected');
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(SyncInProgressError);
      expect(lastfm.requestCount({ user: 'rj' })).toBe(1);
      // Once the lease is released, the other can sync.
      await expect(b.sync()).resolves.toMatchObject({ mode: 'incremental' });
    });

    it('serves three users in one database without mixing their rows or favorites', async () => {
      await database.db.schema.createTable('user_favorites').addColumn('account_id', 'integer', (c) => c.notNull()).addColumn('track_id', 'integer', (c) => c.notNull()).execute();
      await insertHostTracks(database.db, LOVES.map((l, i) => ({ id: i + 1, artist: l.artist, title: l.title })));
      lastfm.setLoves('alice', LOVES.slice(0, 1));
      lastfm.setLoves('bob', LOVES.slice(1, 3));
      lastfm.setLoves('carol', LOVES.slice(3));
      const source = fastSource(lastfm);
      const store = new KyselyLovedTrackStore({ db: database.db });
      await store.migrate();
      const library = new TableLibraryAdapter({ db: database.db, tracks: { table: 'library' }, favorites: { table: 'user_favorites', userId: 'account_id' } });
      const caches = ['alice', 'bob', 'carol'].map((user, i) => new LovedTrackCache({ user, hostUser: i + 100, store, source, library }));
      await Promise.all(caches.map((cache) => cache.sync()));
      const stats = await Promise.all(caches.map((cache) => cache.stats()));
      expect(stats.map((s) => [s.user, s.loved, s.matched])).toEqual([
        ['alice', 1, 1],
        ['bob', 2, 2],
        ['carol', 2, 2],
      ]);
      const rows = await database.db.selectFrom('user_favorites').select(['account_id', 'track_id']).orderBy('track_id').execute();
      expect(rows.map((r) => [Number(r.account_id), Number(r.track_id)])).toEqual([
        [100, 1],
        [101, 2],
        [101, 3],
        [102, 4],
        [102, 5],
      ]);
      await caches[1]!.reset({ removeAutoFavorites: true });
      expect((await caches[0]!.stats()).loved).toBe(1);
      expect((await caches[2]!.stats()).loved).toBe(2);
      expect(await database.db.selectFrom('user_favorites').select('track_id').where('account_id', '=', 101).execute()).toEqual([]);
    });

    it('upgrades an installation that imported loves the old way: no duplicate, old favorites stay manual', async () => {
      // The old importer favorited exact matches and kept its own table of loves.
      await database.db.schema.createTable('lastfm_loved').addColumn('artist', 'text').addColumn('title', 'text').execute();
      await database.db.insertInto('lastfm_loved').values(LOVES.map((l) => ({ artist: l.artist, title: l.title }))).execute();
      await insertHostTracks(database.db, [
        { id: 1, artist: 'Fleetwood Mac', title: 'Dreams' },
        { id: 2, artist: 'Heart', title: 'Barracuda' },
      ]);
      await database.db.insertInto('favorites').values([{ track_id: 1, timestamp: 5 }]).execute();
      const cache = hostCache(database.db, lastfm);
      await cache.migrate();
      await cache.migrate();
      await cache.sync();
      expect(await hostFavorites(database.db)).toEqual(['1', '2']);
      expect((await cache.stats()).autoFavorites).toBe(1);
      await cache.reset({ removeAutoFavorites: true });
      expect(await hostFavorites(database.db)).toEqual(['1']);
      expect(await database.db.selectFrom('lastfm_loved').selectAll().execute()).toHaveLength(5);
      expect(await database.db.selectFrom('kysely_migration').selectAll().execute()).toHaveLength(1);
    });

    it('takes 100,000 ids in one scanner call', async () => {
      const cache = hostCache(database.db, lastfm);
      await cache.migrate();
      await cache.sync();
      await insertHostTracks(database.db, [{ id: 99_999, artist: 'Boston', title: 'More Than a Feeling' }]);
      const ids = Array.from({ length: 100_000 }, (_, i) => i + 1);
      await expect(cache.onTracksAdded(ids)).resolves.toMatchObject({ matched: 1, favorited: 1 });
      await expect(cache.onTracksRemoved(ids)).resolves.toMatchObject({ unmatched: 1 });
    });
  });
}
