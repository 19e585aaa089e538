import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LovedTrackCache } from '../../src/loved-track-cache.js';
import { LovedTrackCacheGroup } from '../../src/loved-track-cache-group.js';
import { KyselyLovedTrackStore } from '../../src/store/kysely-store.js';
import { startFakeLastfm, type FakeLastfm } from '../../src/testing/fake-lastfm-server.js';
import { sampleLoves } from '../../src/testing/sample-data.js';
import { fastSource } from '../support/cache-fixture.js';
import { databaseBackends } from '../support/databases.js';
import { createHostSchema, hostLibrary, insertHostTracks } from '../support/host-schema.js';

// On a distributed PostgreSQL engine (Citus) the per-user tables are
// distributed by their user column and the track index is a reference table
// (docs/performance.md). A statement on a per-user table that does not name
// the user in its filter (or, for an insert, among its columns) fans out to
// every shard. This test logs every statement of a whole flow and checks
// that none does, so the plan cannot silently rot.

/** Our per-user tables (unprefixed) and the column they are distributed by. */
const PER_USER_TABLES = ['loved_tracks', 'sync_state', 'sync_leases', 'auto_favorites', 'match_decisions', 'favorite_intents', 'love_evidence'];

/**
 * The group's cross-user lookups: a scan announced to the whole server asks
 * every shard once per chunk of tracks (a parallel fan-out read, by design);
 * they read only, and each row names its user.
 */
const GROUP_FAN_OUT = [
  /^select distinct "user" from "loved_tracks" where "matched_track_id" in /,
  /^select "id", "user", "artist", "title", "mbid", "artist_key", "title_key" from "loved_tracks" where "(artist_key|title_key)" in /,
];

/** The statements on per-user tables that do not name the user. */
function scopeViolations(statements: readonly string[]): string[] {
  const out: string[] = [];
  for (const text of statements) {
    if (GROUP_FAN_OUT.some((pattern) => pattern.test(text))) continue;
    const tables = PER_USER_TABLES.filter((table) => new RegExp(`"${table}"`).test(text));
    if (tables.length === 0) continue;
    // DDL (migrations) and catalog reads are not data access.
    if (/^\s*(create|alter|drop|pragma)\b/i.test(text) || /information_schema|pg_catalog|sqlite_master/i.test(text)) continue;
    if (/^\s*insert\b/i.test(text)) {
      const columns = /^\s*insert\s+into\s+\S+\s*\(([^)]*)\)/i.exec(text)?.[1] ?? '';
      if (/"user"/.test(columns)) continue;
    } else if (/\bwhere\b[\s\S]*"user"\s*(=|in\b)/i.test(text) || /\bon\b[\s\S]*"user"\s*=/i.test(text)) continue;
    out.push(text.replace(/\s+/g, ' ').slice(0, 300));
  }
  return out;
}

let lastfm: FakeLastfm;
const LOVES = sampleLoves(300, { newestAt: 1_700_000_000 });
beforeAll(async () => {
  lastfm = await startFakeLastfm({ users: { rj: LOVES, ann: LOVES.slice(100, 250) } });
});
afterAll(async () => {
  await lastfm.close();
});

const backend = databaseBackends().find((b) => b.name === 'pglite')!;

describe('every statement on a per-user table names the user (PostgreSQL)', () => {
  afterAll(() => backend.close());

  it('holds for a whole flow: sync, hooks, rematch, link, reject, reset, group operations', async () => {
    const database = await backend.create();
    try {
      await createHostSchema(database.db, database.dialect);
      await insertHostTracks(
        database.db,
        LOVES.slice(0, 120).map((love, i) => ({ id: i + 1, artist: love.artist, title: i % 3 === 0 ? `${love.title} (Remastered)` : love.title })),
      );
      const statements: string[] = [];
      const logged = new KyselyLovedTrackStore({ db: withLog(database.db, statements) });
      const cache = new LovedTrackCache({ user: 'rj', store: logged, source: fastSource(lastfm), library: hostLibrary(database.db), onUnlove: 'remove-favorite' });
      await cache.migrate();
      await cache.sync();
      await insertHostTracks(database.db, [{ id: 500, artist: LOVES[200]!.artist, title: LOVES[200]!.title }]);
      await cache.onTracksAdded([500]);
      await database.db.updateTable('library').set({ title: 'Something Else Entirely' }).where('id', '=', 2).execute();
      await cache.onTracksChanged([2]);
      await database.db.deleteFrom('library').where('id', '=', 3).execute();
      await cache.onTracksRemoved([3]);
      lastfm.unlove('rj', LOVES[0]!.artist, LOVES[0]!.title);
      await cache.sync({ full: true });
      await cache.rematch({ refreshIndex: true });
      const [first] = await cache.unmatched({ limit: 1 });
      if (first !== undefined) {
        await cache.link(first, 1);
        await cache.reject(first, 1);
      }
      await cache.stats();
      await cache.matched();

      const group = new LovedTrackCacheGroup({ store: logged, source: fastSource(lastfm), library: hostLibrary(database.db) });
      group.forUser('ann');
      await group.syncAll();
      await insertHostTracks(database.db, [{ id: 501, artist: LOVES[240]!.artist, title: LOVES[240]!.title }]);
      await group.onTracksAdded([501]);
      await database.db.deleteFrom('library').where('id', '=', 501).execute();
      await group.onTracksRemoved([501]);
      await group.stats();
      await group.rematchAll();
      await cache.reset({ removeAutoFavorites: true, forgetDecisions: true });

      expect(statements.length).toBeGreaterThan(50);
      expect(scopeViolations(statements)).toEqual([]);
    } finally {
      await database.destroy();
    }
  });
});

/**
 * Records the SQL of every statement sent through `db`. The plugin runs
 * before the store's prefix plugin, so table names appear unprefixed.
 */
function withLog(db: Kysely<any>, statements: string[]): Kysely<any> {
  return db.withPlugin({
    transformQuery: (args) => {
      statements.push(db.getExecutor().compileQuery(args.node, args.queryId).sql);
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
}
