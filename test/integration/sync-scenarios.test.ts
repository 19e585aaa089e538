import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LastfmInvalidApiKeyError, LastfmLoginRequiredError, LastfmResponseError, LastfmRetryExhaustedError, LastfmUserNotFoundError } from '../../src/errors.js';
import { KyselyLovedTrackStore } from '../../src/store/kysely-store.js';
import { startFakeLastfm, type FakeLastfm } from '../../src/testing/fake-lastfm-server.js';
import { sampleLoves } from '../../src/testing/sample-data.js';
import type { LovedTrack } from '../../src/types.js';
import { hostCache } from '../support/cache-fixture.js';
import { databaseBackends, type TestDatabase } from '../support/databases.js';
import { createHostSchema, hostFavorites, insertHostTracks } from '../support/host-schema.js';

const NOW = 1_700_000_000;

// A fresh fake server per test: scripted faults never leak between tests.
let lastfm: FakeLastfm;
beforeEach(async () => {
  lastfm = await startFakeLastfm();
  return () => lastfm.close();
});

async function lovesInCache(database: TestDatabase): Promise<{ artist: string; title: string; unloved: boolean }[]> {
  const rows = await database.db.selectFrom('lastfm_loved_tracks').select(['artist', 'title', 'unloved_at']).where('user', '=', 'rj').execute();
  return rows
    .map((row) => ({ artist: row.artist, title: row.title, unloved: row.unloved_at !== null }))
    .sort((a, b) => (`${a.artist} - ${a.title}` < `${b.artist} - ${b.title}` ? -1 : 1));
}

function keysOf(loves: readonly LovedTrack[]): string[] {
  return loves.map((l) => `${l.artist} - ${l.title}`).sort();
}

for (const backend of databaseBackends()) {
  describe(`sync scenarios on ${backend.name}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await backend.create();
      await createHostSchema(database.db, database.dialect);
      await new KyselyLovedTrackStore({ db: database.db }).migrate();
      return async () => {
        await database.destroy();
      };
    });
    afterAll(() => backend.close());

    it('imports 10,000 loves in 10 requests, then costs 1 request when nothing changed', async () => {
      const loves = sampleLoves(10_000, { newestAt: NOW });
      lastfm.setLoves('rj', loves);
      const cache = hostCache(database.db, lastfm);
      const first = await cache.sync();
      expect(first).toMatchObject({ mode: 'full', requests: 10, added: 10_000, total: 10_000 });
      expect(lastfm.requestCount({ user: 'rj' })).toBe(10);
      expect((await cache.stats()).loved).toBe(10_000);

      lastfm.resetRequests();
      const second = await cache.sync();
      expect(second).toMatchObject({ mode: 'incremental', requests: 1, added: 0 });
      expect(lastfm.requestCount()).toBe(1);
    });

    it('fetches N new loves in ceil(N/1000) requests plus at most 1, keeping loves that share the cursor second', async () => {
      const loves = sampleLoves(3000, { newestAt: NOW });
      lastfm.setLoves('rj', loves.slice(1500));
      const cache = hostCache(database.db, lastfm);
      await cache.sync();
      // 1,500 new loves, the last of them in the same second as the cursor.
      const newer = loves.slice(0, 1500).map((love, i) => (i === 1499 ? { ...love, lovedAt: loves[1500]!.lovedAt } : love));
      lastfm.setLoves('rj', [...newer, ...loves.slice(1500)]);
      lastfm.resetRequests();
      const report = await cache.sync();
      expect(report).toMatchObject({ mode: 'incremental', added: 1500 });
      expect(report.requests).toBeLessThanOrEqual(Math.ceil(1500 / 1000) + 1);
      expect(lastfm.requestCount()).toBe(report.requests);
      expect((await lovesInCache(database)).map((l) => `${l.artist} - ${l.title}`)).toEqual(keysOf(loves));
    });

    it('retries page 3 after two rate-limit errors (error 29) and stores everything', async () => {
      const loves = sampleLoves(3500, { newestAt: NOW });
      lastfm.setLoves('rj', loves);
      lastfm.fail({ page: 3, times: 2, with: { code: 29, status: 429 } });
      const cache = hostCache(database.db, lastfm);
      const report = await cache.sync();
      expect(report).toMatchObject({ mode: 'full', added: 3500 });
      expect(lastfm.requestCount({ user: 'rj' })).toBe(4 + 2);
      expect(lastfm.requestCount({ user: 'rj', page: 3 })).toBe(3);
      expect((await lovesInCache(database)).length).toBe(3500);
    });

    it('fails with a typed error naming page 2 when it answers 500 forever, keeps page 1, and resumes without re-reading it', async () => {
      const loves = sampleLoves(2500, { newestAt: NOW });
      lastfm.setLoves('rj', loves);
      const clear = lastfm.fail({ page: 2, times: 'always', with: { status: 500 } });
      const cache = hostCache(database.db, lastfm);
      const error = await cache.sync().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LastfmRetryExhaustedError);
      expect((error as LastfmRetryExhaustedError).page).toBe(2);
      expect((error as LastfmRetryExhaustedError).attempts).toBe(3);
      expect(lastfm.requestCount({ user: 'rj' })).toBe(1 + 3);
      expect((await lovesInCache(database)).length).toBe(1000);
      expect(await hostFavorites(database.db)).toEqual([]);

      clear();
      lastfm.resetRequests();
      const report = await cache.sync();
      expect(report).toMatchObject({ mode: 'full', added: 1500, unloved: 0 });
      expect(lastfm.requestCount({ user: 'rj', page: 1 })).toBe(0);
      expect(lastfm.requestCount({ user: 'rj' })).toBe(2);
      expect((await lovesInCache(database)).map((l) => `${l.artist} - ${l.title}`)).toEqual(keysOf(loves));
    });

    it('writes nothing of a malformed page and says which page', async () => {
      const loves = sampleLoves(1500, { newestAt: NOW });
      lastfm.setLoves('rj', loves);
      lastfm.fail({ page: 2, times: 'always', with: { malformed: true } });
      const cache = hostCache(database.db, lastfm);
      const error = await cache.sync().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LastfmResponseError);
      expect((error as LastfmResponseError).page).toBe(2);
      expect((await lovesInCache(database)).length).toBe(1000);
    });

    it('neither duplicates nor misses a love made between page 1 and page 2', async () => {
      const loves = sampleLoves(2500, { newestAt: NOW });
      lastfm.setLoves('rj', loves.slice(1));
      let loved = false;
      const off = lastfm.onRequest(({ page }) => {
        if (page === 2 && !loved) {
          loved = true;
          lastfm.love('rj', loves[0]!);
        }
      });
      const cache = hostCache(database.db, lastfm);
      const report = await cache.sync();
      off();
      expect(report.added).toBe(2500);
      // 3 pages, then page 1 again to find the love that landed above the read pages.
      expect(lastfm.requestCount({ user: 'rj' })).toBe(4);
      const cached = await lovesInCache(database);
      expect(cached.map((l) => `${l.artist} - ${l.title}`)).toEqual(keysOf(loves));
    });

    it('marks three unloves as unloved (history kept) and removes only its own favorites when asked', async () => {
      const loves = sampleLoves(1200, { newestAt: NOW });
      lastfm.setLoves('rj', loves);
      await insertHostTracks(database.db, loves.slice(0, 10).map((l, i) => ({ id: i + 1, artist: l.artist, title: l.title })));
      await database.db.insertInto('favorites').values({ track_id: 2, timestamp: 1 }).execute(); // manual
      const cache = hostCache(database.db, lastfm, { onUnlove: 'remove-favorite' });
      await cache.sync();
      expect(await hostFavorites(database.db)).toHaveLength(10);

      for (const love of loves.slice(0, 3)) lastfm.unlove('rj', love.artist, love.title);
      lastfm.resetRequests();
      const report = await cache.sync();
      // Page 1 shows the total fell; a full pass (2 pages) finds which.
      expect(report).toMatchObject({ mode: 'full', unloved: 3, added: 0 });
      expect(lastfm.requestCount()).toBe(1 + 2);
      const cached = await lovesInCache(database);
      expect(cached.filter((l) => l.unloved).map((l) => `${l.artist} - ${l.title}`)).toEqual(keysOf(loves.slice(0, 3)));
      expect(cached).toHaveLength(1200);
      const stats = await cache.stats();
      expect(stats).toMatchObject({ loved: 1197, unloved: 3, matched: 7 });
      // Tracks 1 and 3 were our favorites: gone. Track 2 was the user's own: kept.
      expect(await hostFavorites(database.db)).toEqual(['10', '2', '4', '5', '6', '7', '8', '9']);
    });

    it('stops at once on permanent errors: private profile, invalid key, unknown user', async () => {
      lastfm.setLoves('rj', sampleLoves(10, { newestAt: NOW }));
      lastfm.privateUser('rj');
      const cache = hostCache(database.db, lastfm);
      await expect(cache.sync()).rejects.toBeInstanceOf(LastfmLoginRequiredError);
      expect(lastfm.requestCount()).toBe(1);
      lastfm.privateUser('rj', false);

      lastfm.resetRequests();
      const badKey = hostCache(database.db, lastfm, { sourceOptions: { apiKey: 'not-the-key-0123456789abcdef' } });
      const error = await badKey.sync().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LastfmInvalidApiKeyError);
      expect(JSON.stringify({ message: (error as Error).message, stack: (error as Error).stack })).not.toContain('not-the-key-0123456789abcdef');
      expect(lastfm.requestCount()).toBe(1);

      lastfm.resetRequests();
      const nobody = hostCache(database.db, lastfm, { user: 'nobody-here' });
      await expect(nobody.sync()).rejects.toBeInstanceOf(LastfmUserNotFoundError);
      expect(lastfm.requestCount()).toBe(1);
      expect(await lovesInCache(database)).toEqual([]);
    });

    it('stores a single-track response', async () => {
      lastfm.setLoves('rj', [{ artist: 'Boston', title: 'More Than a Feeling', lovedAt: NOW }]);
      const cache = hostCache(database.db, lastfm);
      const report = await cache.sync();
      expect(report).toMatchObject({ requests: 1, added: 1, total: 1 });
      expect(await lovesInCache(database)).toEqual([{ artist: 'Boston', title: 'More Than a Feeling', unloved: false }]);
    });

    it('leaves a consistent, resumable cache when aborted mid-import', async () => {
      const loves = sampleLoves(3000, { newestAt: NOW });
      lastfm.setLoves('rj', loves);
      const controller = new AbortController();
      const cache = hostCache(database.db, lastfm);
      cache.on('sync:page', ({ page }) => {
        if (page === 2) controller.abort(new Error('user closed the app'));
      });
      await expect(cache.sync({ signal: controller.signal })).rejects.toThrow('user closed the app');
      expect((await lovesInCache(database)).length).toBe(2000);
      lastfm.resetRequests();
      const report = await cache.sync();
      expect(report).toMatchObject({ mode: 'full', added: 1000 });
      expect(lastfm.requestCount()).toBe(1);
      expect((await lovesInCache(database)).length).toBe(3000);
    });

    it('does a full reconciliation when one is due, even when the counts agree', async () => {
      let now = NOW * 1000;
      lastfm.setLoves('rj', sampleLoves(1500, { newestAt: NOW }));
      const cache = hostCache(database.db, lastfm, { reconcileEveryMs: 60_000, now: () => now });
      await cache.sync();
      now += 30_000;
      expect((await cache.sync()).mode).toBe('incremental');
      now += 60_000;
      lastfm.resetRequests();
      expect(await cache.sync()).toMatchObject({ mode: 'full', requests: 2 });
    });
  });
}
