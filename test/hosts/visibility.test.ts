import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TableLibraryAdapter } from '../../src/library/table-library-adapter.js';
import { LovedTrackCache } from '../../src/loved-track-cache.js';
import { KyselyLovedTrackStore } from '../../src/store/kysely-store.js';
import { startFakeLastfm, type FakeLastfm } from '../../src/testing/fake-lastfm-server.js';
import { fastSource } from '../support/cache-fixture.js';

// The track index is shared by every host user. A private upload of one
// user must never be favorited for another, and must not hide a track the
// other user may see: the pool is filtered before the matcher picks.

let lastfm: FakeLastfm;
beforeAll(async () => {
  lastfm = await startFakeLastfm({ users: { alice: [{ artist: 'Heart', title: 'Barracuda', lovedAt: 1_700_000_000 }], bob: [{ artist: 'Heart', title: 'Barracuda', lovedAt: 1_700_000_000 }] } });
});
afterAll(() => lastfm.close());

it('a private upload of one user is never favorited for another; the public copy wins for them', async () => {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  await sql`create table songs (id integer primary key, artist text, title text, owner_id integer, is_public integer not null default 0)`.execute(db);
  await sql`create table favorites (user_id integer not null, song_id integer not null)`.execute(db);
  // Bob's private upload is the exact spelling; the public copy is a remaster.
  await sql`insert into songs values (1, 'Heart', 'Barracuda', 2, 0), (2, 'Heart', 'Barracuda (2004 Remaster)', 1, 1)`.execute(db);
  const library = () =>
    new TableLibraryAdapter({ db, tracks: { table: 'songs', visibility: { owner: 'owner_id', public: { is_public: true } } }, favorites: { table: 'favorites', trackId: 'song_id', userId: 'user_id' } });
  const cache = (user: string, hostUser: number) => new LovedTrackCache({ user, hostUser, store: new KyselyLovedTrackStore({ db, tablePrefix: 'ltc_' }), source: fastSource(lastfm), library: library() });
  const alice = cache('alice', 1);
  await alice.migrate();
  await alice.sync();
  await cache('bob', 2).sync();
  const rows = await db.selectFrom('favorites').selectAll().orderBy('user_id').orderBy('song_id').execute();
  expect(rows.filter((r) => r.user_id === 1)).toEqual([{ user_id: 1, song_id: 2 }]);
  expect(rows.filter((r) => r.user_id === 2).map((r) => r.song_id)).toContain(1);
  await db.destroy();
});
