import { afterAll, describe, expect, it } from 'vitest';
import { InMemoryLibrary } from '../../src/library/in-memory-library.js';
import { LovedTrackCache } from '../../src/loved-track-cache.js';
import { createMatcher } from '../../src/matcher/default-matcher.js';
import type { LovedTrackSource } from '../../src/source/loved-track-source.js';
import { KyselyLovedTrackStore } from '../../src/store/kysely-store.js';
import type { LovedTrack } from '../../src/types.js';
import { databaseBackends } from '../support/databases.js';

const LOVES: LovedTrack[] = [
  { artist: 'Cat Stevens', title: 'Wild World', lovedAt: 300 },
  { artist: 'Jay-Z feat. Alicia Keys', title: 'Empire State of Mind', lovedAt: 200 },
  { artist: 'David Bowie', title: 'Heroes - 2017 Remaster', lovedAt: 100 },
];

/** A source over a fixed list: this file tests matching, not HTTP. */
function listSource(loves: readonly LovedTrack[]): LovedTrackSource {
  return {
    async fetchPage(user, page) {
      return { user, page, perPage: 1000, totalPages: 1, total: loves.length, tracks: page === 1 ? loves : [] };
    },
  };
}

for (const backend of databaseBackends().filter((b) => b.name !== 'sqlite-file')) {
  describe(`the matcher inside the cache on ${backend.name}`, () => {
    afterAll(() => backend.close());

    it('stores score and reasons; a changed rule set rebuilds keys and re-checks old matches', async () => {
      const database = await backend.create();
      try {
        const store = new KyselyLovedTrackStore({ db: database.db });
        await store.migrate();
        const library = new InMemoryLibrary([
          { id: 1, artist: 'Yusuf Islam', title: 'Wild World', album: 'Tea for the Tillerman' },
          { id: 2, artist: 'Jay-Z', title: 'Empire State of Mind (feat. Alicia Keys)', album: 'The Blueprint 3' },
          { id: 3, artist: 'David Bowie', title: '"Heroes"', album: '"Heroes"' },
        ]);
        const make = (matcher: ReturnType<typeof createMatcher>) => new LovedTrackCache({ user: 'rj', store, source: listSource(LOVES), library, matcher });

        const plain = make(createMatcher());
        const first = await plain.sync();
        expect(first.matched).toBe(2);
        const matched = await plain.matched();
        expect(matched.map((l) => l.matchedTrackId).sort()).toEqual(['2', '3']);
        for (const love of matched) {
          expect(love.matchScore).toBeGreaterThanOrEqual(0.85);
          expect(love.matchReasons.join(' ')).not.toBe('');
        }

        // The host adds an alias: a new fingerprint, so rematch rebuilds the keys.
        const aliased = make(createMatcher({ aliases: { 'Yusuf Islam': 'Cat Stevens' } }));
        expect(aliased.matcher.fingerprint).not.toBe(plain.matcher.fingerprint);
        const rematch = await aliased.rematch();
        expect(rematch).toMatchObject({ indexRebuilt: true, matched: 1, favorited: 1, unmatched: 0 });
        expect(library.favoritesOf()).toEqual(['1', '2', '3']);

        // Back to the plain rules: the alias match no longer holds and is undone, with its favorite.
        const back = await plain.rematch();
        expect(back).toMatchObject({ indexRebuilt: true, unmatched: 1, matched: 0 });
        expect(library.favoritesOf()).toEqual(['2', '3']);
        expect((await plain.stats()).matched).toBe(2);

        // A rematch with nothing changed neither rebuilds nor re-favorites.
        expect(await plain.rematch()).toMatchObject({ indexRebuilt: false, matched: 0, favorited: 0 });
      } finally {
        await database.destroy();
      }
    });

    it('accepts a completely different Matcher implementation', async () => {
      const database = await backend.create();
      try {
        const store = new KyselyLovedTrackStore({ db: database.db });
        await store.migrate();
        const library = new InMemoryLibrary([{ id: 'x', artist: 'PRINCE', title: 'purple rain' }]);
        // A host matcher that only trusts exact lower-case equality.
        const exact = {
          fingerprint: 'host-exact-v1',
          lovedKeys: (l: { artist: string; title: string }) => ({ artist: l.artist.toLowerCase(), title: l.title.toLowerCase() }),
          trackKeys: (t: { artist: string; title: string }) => ({ artists: [t.artist.toLowerCase()], title: t.title.toLowerCase() }),
          compare: (l: { artist: string; title: string }, t: { artist: string; title: string }) => {
            const same = l.artist.toLowerCase() === t.artist.toLowerCase() && l.title.toLowerCase() === t.title.toLowerCase();
            return { accepted: same, score: same ? 1 : 0, reasons: [same ? 'exact (host rule)' : 'different'] };
          },
          best<T extends { id: string | number; artist: string; title: string }>(l: { artist: string; title: string }, candidates: readonly T[]) {
            return candidates.map((track) => ({ track, ...this.compare(l, track) })).filter((c) => c.accepted).slice(0, 1);
          },
        };
        const cache = new LovedTrackCache({ user: 'rj', store, source: listSource([{ artist: 'Prince', title: 'Purple Rain', lovedAt: 1 }]), library, matcher: exact });
        await cache.sync();
        const [love] = await cache.matched();
        expect(love?.matchedTrackId).toBe('x');
        expect(love?.matchReasons).toEqual(['exact (host rule)']);
      } finally {
        await database.destroy();
      }
    });
  });
}
