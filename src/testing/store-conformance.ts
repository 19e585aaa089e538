import assert from 'node:assert/strict';
import type { KeyedLove, KeyedTrack, LovedTrackStore } from '../store/loved-track-store.js';

/**
 * The parts of a test framework the conformance suite calls. vitest, jest,
 * mocha and `node:test` all fit.
 */
export interface ConformanceTestApi {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
}

/** Options of {@link defineStoreConformanceSuite}. */
export interface StoreConformanceOptions {
  /** Shown in the suite name, e.g. "sqlite-memory". */
  readonly name: string;
  /**
   * Makes a fresh, empty store (its own database or schema) and a function
   * that disposes of it. Called once per test.
   */
  createStore(): Promise<{ readonly store: LovedTrackStore; cleanup(): Promise<void> }>;
}

const FP = 'test-fingerprint';

function love(artist: string, title: string, lovedAt: number | null, key = artist.toLowerCase()): KeyedLove {
  return { artist, title, lovedAt, artistKey: key, titleKey: title.toLowerCase() };
}

function keyed(id: string, artist: string, title: string, extraArtistKeys: string[] = []): KeyedTrack {
  return { track: { id, artist, title, album: 'Album', albumArtist: null, durationMs: 200_000, mbid: null }, artistKeys: [artist.toLowerCase(), ...extraArtistKeys], titleKey: title.toLowerCase() };
}

/**
 * Defines the tests every {@link LovedTrackStore} must pass. Hosts that write
 * their own store run it against their implementation; this package runs it
 * against SQLite, PGlite and PostgreSQL.
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { defineStoreConformanceSuite } from 'loved-track-cache/testing';
 *
 * defineStoreConformanceSuite({ describe, it }, {
 *   name: 'my store',
 *   async createStore() {
 *     const db = makeDb();
 *     const store = new KyselyLovedTrackStore({ db });
 *     await store.migrate();
 *     return { store, cleanup: () => db.destroy() };
 *   },
 * });
 * ```
 */
export function defineStoreConformanceSuite(api: ConformanceTestApi, options: StoreConformanceOptions): void {
  const test = (name: string, body: (store: LovedTrackStore) => Promise<void>) =>
    api.it(name, async () => {
      const { store, cleanup } = await options.createStore();
      try {
        await body(store);
      } finally {
        await cleanup();
      }
    });

  api.describe(`LovedTrackStore conformance: ${options.name}`, () => {
    test('migrate() is a no-op the second time', async (store) => {
      const again = await store.migrate();
      assert.deepEqual(again.applied, []);
    });

    test('writeLoves() reports only new loves and deduplicates a page', async (store) => {
      const first = await store.writeLoves('rj', [love('Queen', 'Bohemian Rhapsody', 300), love('Heart', 'Barracuda', 200), love('Heart', 'Barracuda', 200)], 1000, FP);
      assert.equal(first.inserted, 2);
      const second = await store.writeLoves('rj', [love('Queen', 'Bohemian Rhapsody', 300), love('Boston', 'More Than a Feeling', 100)], 2000, FP);
      assert.equal(second.inserted, 1);
      assert.deepEqual(await store.counts('rj'), { loved: 3, matched: 0, unloved: 0 });
      assert.equal(await store.maxSeenStamp('rj'), 2000);
    });

    test('writeLoves() applies the state patch with the page', async (store) => {
      await store.writeLoves('rj', [love('Queen', 'Bohemian Rhapsody', 300)], 1000, FP, { cursorLovedAt: 300, totalReported: 1 });
      const state = await store.getSyncState('rj');
      assert.equal(state?.cursorLovedAt, 300);
      assert.equal(state?.totalReported, 1);
      await store.updateSyncState('rj', { fullPassPage: 3, fullPassStartedAt: 999 });
      const after = await store.getSyncState('rj');
      assert.equal(after?.cursorLovedAt, 300);
      assert.equal(after?.fullPassPage, 3);
    });

    test('users never see each other’s loves', async (store) => {
      await store.writeLoves('alice', [love('Queen', 'Bohemian Rhapsody', 1)], 10, FP);
      await store.writeLoves('bob', [love('Queen', 'Bohemian Rhapsody', 1), love('Heart', 'Barracuda', 2)], 10, FP);
      assert.equal((await store.counts('alice')).loved, 1);
      assert.equal((await store.counts('bob')).loved, 2);
      assert.equal((await store.listLoves('carol', { limit: 10, offset: 0 })).length, 0);
      await store.deleteUserData('bob');
      assert.equal((await store.counts('alice')).loved, 1);
      assert.equal((await store.counts('bob')).loved, 0);
    });

    test('markUnlovedNotSeenSince() marks what a pass did not see, and a love seen again revives', async (store) => {
      await store.writeLoves('rj', [love('Queen', 'Bohemian Rhapsody', 3), love('Heart', 'Barracuda', 2)], 1000, FP);
      await store.writeLoves('rj', [love('Queen', 'Bohemian Rhapsody', 3)], 2000, FP);
      assert.equal(await store.countSeenSince('rj', 2000), 1);
      const gone = await store.markUnlovedNotSeenSince('rj', 2000, 50);
      assert.equal(gone.length, 1);
      assert.deepEqual(await store.counts('rj'), { loved: 1, matched: 0, unloved: 1 });
      await store.writeLoves('rj', [love('Heart', 'Barracuda', 2)], 3000, FP);
      assert.deepEqual(await store.counts('rj'), { loved: 2, matched: 0, unloved: 0 });
    });

    test('track index: exact and fuzzy candidates, replace on re-tag', async (store) => {
      await store.writeLoves('rj', [love('Queen', 'Bohemian Rhapsody', 3), love('Heart', 'Crazy on You', 2), love('Boston', 'Peace of Mind', 1)], 1000, FP);
      await store.upsertTrackKeys([keyed('1', 'Queen', 'Bohemian Rhapsody'), keyed('2', 'Heart', 'Barracuda'), keyed('3', 'Queen & David Bowie', 'Under Pressure', ['queen'])], 10, { replace: false });
      assert.equal(await store.indexedTrackCount(), 3);
      const loves = await store.unmatchedLoves('rj', { afterId: 0, limit: 10 });
      const byTitle = new Map(loves.map((l) => [l.title, l]));
      const exact = await store.candidates(loves, { fuzzy: false, perLove: 10 });
      assert.deepEqual(exact.get(byTitle.get('Bohemian Rhapsody')!.id)?.map((t) => t.id), ['1']);
      assert.equal(exact.get(byTitle.get('Crazy on You')!.id), undefined);
      const fuzzy = await store.candidates(loves, { fuzzy: true, perLove: 10 });
      assert.deepEqual(fuzzy.get(byTitle.get('Crazy on You')!.id)?.map((t) => t.id), ['2']);
      assert.equal(fuzzy.get(byTitle.get('Peace of Mind')!.id), undefined);
      await store.upsertTrackKeys([keyed('2', 'Boston', 'Barracuda')], 20, { replace: true });
      const retagged = await store.candidates(loves, { fuzzy: true, perLove: 10 });
      assert.equal(retagged.get(byTitle.get('Crazy on You')!.id), undefined);
      assert.deepEqual(retagged.get(byTitle.get('Peace of Mind')!.id)?.map((t) => t.id), ['2']);
      await store.deleteTrackKeys(['2']);
      assert.deepEqual((await store.indexedTracks(['1', '2'])).map((t) => t.id), ['1']);
      // Checked after track 1 was indexed: it is not a candidate for "only unchecked" any more.
      const queen = byTitle.get('Bohemian Rhapsody')!;
      await store.markChecked([queen.id], 15);
      assert.equal((await store.candidates([queen], { fuzzy: true, perLove: 10, onlyUnchecked: true })).get(queen.id), undefined);
      assert.deepEqual((await store.candidates([queen], { fuzzy: true, perLove: 10 })).get(queen.id)?.map((t) => t.id), ['1']);
      await store.upsertTrackKeys([keyed('4', 'Queen', 'Bohemian Rhapsody (Live Aid)')], 15, { replace: true });
      assert.deepEqual((await store.candidates([queen], { fuzzy: true, perLove: 10, onlyUnchecked: true })).get(queen.id)?.map((t) => t.id), ['4']);
    });

    test('matches: set, look up by track, clear', async (store) => {
      await store.writeLoves('rj', [love('Queen', 'Bohemian Rhapsody', 3), love('Heart', 'Barracuda', 2)], 1000, FP);
      const [first] = await store.unmatchedLoves('rj', { afterId: 0, limit: 1 });
      assert.ok(first);
      await store.setMatches([{ loveId: first.id, trackId: '42', score: 0.97, reasons: ['artist equal', 'title equal'], origin: 'auto', fingerprint: FP }], 5);
      assert.deepEqual(await store.counts('rj'), { loved: 2, matched: 1, unloved: 0 });
      const matched = await store.matchedLoves('rj', { trackIds: ['42'] });
      assert.equal(matched.length, 1);
      assert.equal(matched[0]?.origin, 'auto');
      const listed = await store.listLoves('rj', { matched: true, limit: 10, offset: 0 });
      assert.deepEqual(listed[0]?.matchReasons, ['artist equal', 'title equal']);
      assert.equal(listed[0]?.matchScore, 0.97);
      assert.equal((await store.matchedLoves('rj', { staleFingerprint: 'other' })).length, 1);
      assert.equal((await store.matchedLoves('rj', { staleFingerprint: FP })).length, 0);
      await store.clearMatches([first.id]);
      assert.equal((await store.counts('rj')).matched, 0);
    });

    test('auto-favorite records keep their reason', async (store) => {
      await store.recordAutoFavorites('rj', '', [{ trackId: '1', lovedId: null }, { trackId: '2', lovedId: null }], 10);
      assert.equal(await store.countActiveAutoFavorites('rj', ''), 2);
      assert.equal(await store.countActiveAutoFavorites('rj', 'other-host-user'), 0);
      await store.markAutoFavoritesRemoved('rj', '', ['2'], 'user', 20);
      const records = await store.autoFavorites('rj', '', ['1', '2', '3']);
      assert.equal(records.get('1')?.removedReason, null);
      assert.equal(records.get('2')?.removedReason, 'user');
      assert.equal(records.has('3'), false);
      assert.deepEqual((await store.activeAutoFavorites('rj', '', { limit: 10 })).map((r) => r.trackId), ['1']);
      await store.deleteAutoFavoriteRecords('rj', '');
      assert.equal((await store.autoFavorites('rj', '', ['1', '2'])).size, 0);
    });

    test('decisions: a link replaces the earlier link of that love', async (store) => {
      await store.addDecision('rj', { artist: 'Queen', title: 'Bohemian Rhapsody', trackId: '1', decision: 'link' }, 1);
      await store.addDecision('rj', { artist: 'Queen', title: 'Bohemian Rhapsody', trackId: '2', decision: 'link' }, 2);
      await store.addDecision('rj', { artist: 'Queen', title: 'Bohemian Rhapsody', trackId: '3', decision: 'reject' }, 3);
      const decisions = await store.decisions('rj', [{ artist: 'Queen', title: 'Bohemian Rhapsody' }]);
      assert.deepEqual(decisions.map((d) => `${d.decision}:${d.trackId}`).sort(), ['link:2', 'reject:3']);
      assert.equal((await store.decisions('other')).length, 0);
    });

    test('leases: one holder at a time; an expired lease can be taken', async (store) => {
      const a = await store.acquireLease('rj', 'a', 1000, 10_000);
      assert.equal(a.acquired, true);
      const b = await store.acquireLease('rj', 'b', 1000, 10_500);
      assert.equal(b.acquired, false);
      assert.equal(b.expiresAtMs, 11_000);
      assert.equal((await store.acquireLease('other-user', 'b', 1000, 10_500)).acquired, true);
      assert.equal((await store.acquireLease('rj', 'a', 1000, 10_600)).acquired, true);
      assert.equal((await store.acquireLease('rj', 'b', 1000, 12_000)).acquired, true);
      await store.releaseLease('rj', 'a'); // not a's any more: no effect
      assert.equal((await store.acquireLease('rj', 'a', 1000, 12_100)).acquired, false);
      await store.releaseLease('rj', 'b');
      assert.equal((await store.acquireLease('rj', 'a', 1000, 12_100)).acquired, true);
    });

    test('keys compare exactly: case, accents, and names longer than an index key', async (store) => {
      // Default MySQL collations would merge these; SQLite and PostgreSQL never do.
      const first = await store.writeLoves('rj', [love('Café', 'Song', 3, 'café'), love('Cafe', 'Song', 2, 'cafe'), love('CAFÉ', 'Song', 1, 'CAFÉ')], 1000, FP);
      assert.equal(first.inserted, 3);
      assert.equal((await store.findLove('rj', 'cafe', 'Song'))?.artist, undefined);
      assert.equal((await store.findLove('rj', 'CAFÉ', 'Song'))?.artist, 'CAFÉ');
      assert.deepEqual((await store.unmatchedLovesByKeys('rj', ['cafe'], [])).map((l) => l.artist), ['Cafe']);
      // Titles longer than MySQL's 768-character index limit, equal in their first 1,000 characters.
      const long = 'Ä'.repeat(1000);
      const second = await store.writeLoves('rj', [love('Long', `${long} one`, 4), love('Long', `${long} two`, 5)], 2000, FP);
      assert.equal(second.inserted, 2);
      assert.equal((await store.writeLoves('rj', [love('Long', `${long} one`, 4)], 3000, FP)).inserted, 0);
      assert.equal((await store.findLove('rj', 'Long', `${long} two`))?.title, `${long} two`);
      await store.addDecision('rj', { artist: 'Long', title: `${long} one`, trackId: '1', decision: 'reject' }, 1);
      await store.addDecision('rj', { artist: 'Long', title: `${long} two`, trackId: '1', decision: 'reject' }, 1);
      assert.equal((await store.decisions('rj', [{ artist: 'Long', title: `${long} one` }])).length, 1);
      // Index rows: one per (track, artist key), also for long keys.
      await store.upsertTrackKeys(
        [
          { track: { id: 't1', artist: 'Café', title: 'Song' }, artistKeys: ['café', `${long.toLowerCase()}x`, `${long.toLowerCase()}y`], titleKey: 'song' },
          { track: { id: 't2', artist: 'Cafe', title: 'Song' }, artistKeys: ['cafe'], titleKey: 'song' },
        ],
        10,
        { replace: false },
      );
      const cafe = (await store.unmatchedLoves('rj', { afterId: 0, limit: 10 })).find((l) => l.artist === 'Cafe')!;
      assert.deepEqual((await store.candidates([cafe], { fuzzy: false, perLove: 10 })).get(cafe.id)?.map((t) => t.id), ['t2']);
      assert.deepEqual((await store.tracksByKeys([`${long.toLowerCase()}y`], [], 10)).map((t) => t.id), ['t1']);
    });

    test('batches larger than one statement: 1,200 loves written, re-keyed, matched and cleared', async (store) => {
      const many = Array.from({ length: 1200 }, (_, i) => love(`Artist ${i}`, `Title ${i}`, i));
      assert.equal((await store.writeLoves('rj', many, 1000, FP)).inserted, 1200);
      const rows = [];
      for (let afterId = 0; ; ) {
        const page = await store.unmatchedLoves('rj', { afterId, limit: 500 });
        if (page.length === 0) break;
        rows.push(...page);
        afterId = page[page.length - 1]!.id;
      }
      assert.equal(rows.length, 1200);
      await store.updateLoveKeys(rows.map((r) => ({ id: r.id, artistKey: `new ${r.artistKey}`, titleKey: r.titleKey })), 'fp2');
      assert.equal((await store.lovesWithStaleKeys('rj', 'fp2', 10)).length, 0);
      await store.setMatches(rows.map((r, i) => ({ loveId: r.id, trackId: `track-${i}`, score: 0.5 + (i % 50) / 100, reasons: [`r${i}`], origin: 'auto', fingerprint: FP })), 7);
      assert.deepEqual(await store.counts('rj'), { loved: 1200, matched: 1200, unloved: 0 });
      const one = await store.matchedLoves('rj', { trackIds: ['track-1199'] });
      assert.equal(one[0]?.artistKey, 'new artist 1199');
      await store.clearMatches(rows.map((r) => r.id));
      assert.equal((await store.counts('rj')).matched, 0);
    });

    test('leases: of many racing takers exactly one wins', async (store) => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.acquireLease('rj', `owner-${i}`, 60_000, 1_000)));
      assert.equal(results.filter((r) => r.acquired).length, 1);
      for (const r of results) assert.equal(r.expiresAtMs, 61_000);
    });

    test('an index rebuild empties the index and records its state when finished', async (store) => {
      assert.equal(await store.getIndexState(), undefined);
      await store.upsertTrackKeys([keyed('1', 'Queen', 'Bohemian Rhapsody')], 1, { replace: false });
      await store.finishTrackIndexRebuild({ fingerprint: 'x', builtAt: 5 });
      assert.deepEqual(await store.getIndexState(), { fingerprint: 'x', builtAt: 5 });
      await store.beginTrackIndexRebuild();
      assert.equal(await store.getIndexState(), undefined);
      assert.equal(await store.indexedTrackCount(), 0);
      await store.upsertTrackKeys([keyed('2', 'Heart', 'Barracuda')], 6, { replace: false });
      await store.finishTrackIndexRebuild({ fingerprint: 'y', builtAt: 6 });
      assert.deepEqual(await store.getIndexState(), { fingerprint: 'y', builtAt: 6 });
      await store.writeLoves('rj', [love('Heart', 'Barracuda', 1)], 10, FP);
      const loves = await store.unmatchedLoves('rj', { afterId: 0, limit: 10 });
      assert.deepEqual([...(await store.candidates(loves, { fuzzy: false, perLove: 5 })).values()].flat().map((t) => t.id), ['2']);
    });
  });
}
