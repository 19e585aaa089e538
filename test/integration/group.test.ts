import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LastfmUserNotFoundError, OptionsError } from '../../src/errors.js';
import { InMemoryLibrary } from '../../src/library/in-memory-library.js';
import { LovedTrackCacheGroup } from '../../src/loved-track-cache-group.js';
import { KyselyLovedTrackStore } from '../../src/store/kysely-store.js';
import { startFakeLastfm, type FakeLastfm } from '../../src/testing/fake-lastfm-server.js';
import type { LovedTrack } from '../../src/types.js';
import { fastSource } from '../support/cache-fixture.js';
import { databaseBackends, type TestDatabase } from '../support/databases.js';

const NOW = 1_700_000_000;
const love = (artist: string, title: string, ago: number): LovedTrack => ({ artist, title, lovedAt: NOW - ago });

// Three accounts with overlapping taste, as on a real server: popular songs
// are loved by several users.
const LOVES: Record<string, LovedTrack[]> = {
  ann: [love('Fleetwood Mac', 'Dreams', 0), love('Heart', 'Barracuda', 60), love('Boston', 'More Than a Feeling', 120)],
  bob: [love('Fleetwood Mac', 'Dreams', 10), love('Eagles', 'Hotel California', 70)],
  cy: [love('Led Zeppelin', 'Kashmir', 20), love('Eagles', 'Hotel California', 80)],
};

let lastfm: FakeLastfm;
beforeAll(async () => {
  lastfm = await startFakeLastfm();
});
afterAll(async () => {
  await lastfm.close();
});

for (const backend of databaseBackends()) {
  describe(`LovedTrackCacheGroup on ${backend.name}`, () => {
    let database: TestDatabase;
    let statements: string[];
    let library: InMemoryLibrary;

    beforeEach(async () => {
      lastfm.resetRequests();
      for (const [user, loves] of Object.entries(LOVES)) lastfm.setLoves(user, loves);
      database = await backend.create();
      library = new InMemoryLibrary([
        { id: 1, artist: 'Fleetwood Mac', title: 'Dreams' },
        { id: 2, artist: 'Heart', title: 'Barracuda' },
      ]);
      statements = [];
      return async () => {
        await database.destroy();
      };
    });
    afterAll(() => backend.close());

    function makeGroup(options: { log?: boolean } = {}) {
      // With `log`, the store's Kysely counts every statement it sends.
      const db =
        options.log === true
          ? database.db.withPlugin({
              transformQuery: (args) => {
                statements.push(args.node.kind);
                return args.node;
              },
              transformResult: async (args) => args.result,
            })
          : database.db;
      return new LovedTrackCacheGroup({ store: new KyselyLovedTrackStore({ db }), source: fastSource(lastfm), library });
    }

    it('forUser gives one cache per account, the same object on a second call', () => {
      const group = makeGroup();
      const ann = group.forUser('ann', 1);
      expect(group.forUser('ann', 1)).toBe(ann);
      expect(group.forUser('bob', 2)).not.toBe(ann);
      // Matches are per Last.fm user: a second host user would never get a favorite.
      expect(() => group.forUser('ann', 2)).toThrow(OptionsError);
      expect(group.members).toHaveLength(2);
      expect(ann.user).toBe('ann');
      expect(ann.hostUser).toBe(1);
    });

    it('syncAll syncs every member; a failing member is reported and the others go on', async () => {
      const group = makeGroup();
      await group.migrate();
      group.forUser('ann', 1);
      group.forUser('nobody', 9);
      group.forUser('bob', 2);
      const report = await group.syncAll({ concurrency: 2 });
      expect(report.succeeded).toBe(2);
      expect(report.failed).toBe(1);
      const failed = report.results.find((r) => !r.ok);
      expect(failed).toMatchObject({ user: 'nobody', hostUser: 9 });
      expect(failed !== undefined && !failed.ok && failed.error).toBeInstanceOf(LastfmUserNotFoundError);
      expect(library.favoritesOf(1)).toEqual(['1', '2']);
      expect(library.favoritesOf(2)).toEqual(['1']);
    });

    it('one scan announced to the group favorites for every member that loves the tracks', async () => {
      const group = makeGroup();
      await group.migrate();
      for (const [user, id] of [['ann', 1], ['bob', 2], ['cy', 3]] as const) group.forUser(user, id);
      await group.syncAll();
      const added: string[] = [];
      group.on('favorite:added', ({ user, trackIds }) => added.push(`${user}:${trackIds.join(',')}`));

      library.addTracks([
        { id: 3, artist: 'Eagles', title: 'Hotel California (2013 Remaster)' },
        { id: 4, artist: 'Queen', title: 'Bohemian Rhapsody' },
      ]);
      const report = await group.onTracksAdded([3, 4]);
      expect(report).toMatchObject({ matched: 2, favorited: 2, failures: [] });
      expect(report.users.map((u) => `${u.user}/${String(u.hostUser)}:${u.favorited}`).sort()).toEqual(['bob/2:1', 'cy/3:1']);
      expect(library.favoritesOf(2)).toEqual(['1', '3']);
      expect(library.favoritesOf(3)).toEqual(['3']);
      expect(library.favoritesOf(1)).toEqual(['1', '2']);
      expect(added.sort()).toEqual(['bob:3', 'cy:3']);
      // Announced twice (a rescan): nothing new, nothing duplicated.
      expect(await group.onTracksAdded([3, 4])).toMatchObject({ matched: 0, favorited: 0 });
      expect(library.favoritesOf(2)).toEqual(['1', '3']);
    });

    it('a scan costs the same statements whether 2 or 20 members listen', async () => {
      const count = async (members: number) => {
        statements.length = 0;
        const group = makeGroup({ log: true });
        for (let i = 0; i < members; i++) group.forUser(`quiet${i}`, i);
        await group.migrate();
        await group.rematchAll(); // builds the shared index once
        library.addTracks([{ id: 100 + members, artist: 'Queen', title: `Song ${members}` }]);
        statements.length = 0;
        await group.onTracksAdded([100 + members]);
        return statements.length;
      };
      const few = await count(2);
      const many = await count(20);
      expect(many).toBe(few);
    });

    it('removals and re-tags only touch members that had the tracks matched', async () => {
      const group = makeGroup();
      await group.migrate();
      for (const [user, id] of [['ann', 1], ['bob', 2], ['cy', 3]] as const) group.forUser(user, id);
      await group.syncAll();

      // Track 2 (Barracuda, loved only by ann) is re-tagged as Kashmir (loved only by cy).
      library.addTracks([{ id: 2, artist: 'Led Zeppelin', title: 'Kashmir' }]);
      const changed = await group.onTracksChanged([2]);
      expect(changed.users.map((u) => `${u.user}:${u.unmatched}/${u.matched}`).sort()).toEqual(['ann:1/0', 'cy:0/1']);
      expect(library.favoritesOf(1)).toEqual(['1']);
      expect(library.favoritesOf(3)).toEqual(['2']);

      library.removeTracks([1]);
      const removed = await group.onTracksRemoved([1]);
      expect(removed.users.map((u) => `${u.user}:${u.unmatched}`).sort()).toEqual(['ann:1', 'bob:1']);
      const stats = await group.stats();
      expect(stats.map((s) => `${s.user}:${s.matched}/${s.loved}`)).toEqual(['ann:0/3', 'bob:0/2', 'cy:1/2']);
    });

    it('rematchAll({ refreshIndex }) reads the library once for the whole group', async () => {
      const group = makeGroup();
      await group.migrate();
      for (const [user, id] of [['ann', 1], ['bob', 2], ['cy', 3]] as const) group.forUser(user, id);
      await group.syncAll();
      // The host added a track without telling anyone.
      library.addTracks([{ id: 5, artist: 'Led Zeppelin', title: 'Kashmir' }]);
      let reads = 0;
      const original = library.tracks.bind(library);
      library.tracks = (options) => {
        reads += 1;
        return original(options);
      };
      const report = await group.rematchAll({ refreshIndex: true });
      expect(reads).toBe(1);
      expect(report.succeeded).toBe(3);
      expect(report.results.map((r) => (r.ok ? `${r.user}:${r.report.matched}:${r.report.indexRebuilt}` : 'failed'))).toEqual(['ann:0:true', 'bob:0:true', 'cy:1:true']);
      expect(library.favoritesOf(3)).toEqual(['5']);
    });

    it('stats() of the group equals each member’s own stats()', async () => {
      const group = makeGroup();
      await group.migrate();
      for (const [user, id] of [['ann', 1], ['bob', 2], ['cy', 3], ['dee', 4]] as const) group.forUser(user, id);
      await group.syncAll({ concurrency: 1 });
      const together = await group.stats();
      const apart = await Promise.all(group.members.map((cache) => cache.stats()));
      expect(together).toEqual(apart);
      expect(together.map((s) => `${s.user}/${String(s.hostUser)}:${s.matched}/${s.loved} fav ${s.autoFavorites}`)).toEqual([
        'ann/1:2/3 fav 2',
        'bob/2:1/2 fav 1',
        'cy/3:0/2 fav 0',
        'dee/4:0/0 fav 0',
      ]);
    });
  });
}

describe('LovedTrackCacheGroup background sync', () => {
  it('spreads the members over the period instead of syncing all at once', async () => {
    const backend = databaseBackends()[0]!;
    const database = await backend.create();
    try {
      for (const [user, loves] of Object.entries(LOVES)) lastfm.setLoves(user, loves);
      const group = new LovedTrackCacheGroup({ store: new KyselyLovedTrackStore({ db: database.db }), source: fastSource(lastfm), library: new InMemoryLibrary() });
      await group.migrate();
      for (const user of ['ann', 'bob', 'cy']) group.forUser(user);
      const done: { user: string; at: number }[] = [];
      group.on('sync:done', ({ user }) => done.push({ user, at: Date.now() }));
      const handle = group.startBackgroundSync({ everyMs: 3000, jitter: 0, runImmediately: true });
      const start = Date.now();
      while (done.length < 3 && Date.now() - start < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
      await handle.stop();
      expect(done.map((d) => d.user)).toEqual(['ann', 'bob', 'cy']);
      // One member per tick, a third of the period apart.
      expect(done[1]!.at - done[0]!.at).toBeGreaterThanOrEqual(800);
      expect(done[2]!.at - done[1]!.at).toBeGreaterThanOrEqual(800);
    } finally {
      await database.destroy();
      await backend.close();
    }
  });
});
