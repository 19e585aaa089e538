/**
 * A multi-user server on PostgreSQL or MySQL/MariaDB: one database, one
 * Last.fm source (one shared rate limit), one cache per account, background
 * re-checks.
 *
 *   LOVED_CACHE_PG_URL=postgres://postgres@127.0.0.1:5432/test npx tsx examples/multi-user-server.ts
 *   EXAMPLE_DATABASE=mysql LOVED_CACHE_MYSQL_URL=mysql://root@127.0.0.1:3306/test npx tsx examples/multi-user-server.ts
 *
 * Without either it runs on PGlite (PostgreSQL in-process).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Kysely, MysqlDialect, PostgresDialect, sql } from 'kysely';
import { KyselyLovedTrackStore, LastfmSource, LovedTrackCache, TableLibraryAdapter, formatStats } from 'loved-track-cache';
import { classicRockSongs, sampleLoves, startFakeLastfm } from 'loved-track-cache/testing';

async function connect(): Promise<{ db: Kysely<any>; dialect: 'postgres' | 'mysql'; close(): Promise<void> }> {
  const mysqlUrl = process.env.LOVED_CACHE_MYSQL_URL;
  if (process.env.EXAMPLE_DATABASE === 'mysql' && mysqlUrl) {
    const { createPool } = await import('mysql2');
    // A database of its own (a schema is a database on MySQL).
    const url = new URL(mysqlUrl);
    const name = `${url.pathname.slice(1) || 'loved_cache'}_example_${randomBytes(4).toString('hex')}`;
    const admin = new Kysely<any>({ dialect: new MysqlDialect({ pool: createPool({ uri: mysqlUrl, connectionLimit: 1 }) }) });
    await sql`create database ${sql.id(name)} character set utf8mb4`.execute(admin);
    url.pathname = `/${name}`;
    const db = new Kysely<any>({ dialect: new MysqlDialect({ pool: createPool({ uri: url.toString(), connectionLimit: 5 }) }) });
    return {
      db,
      dialect: 'mysql',
      close: async () => {
        await db.destroy();
        await sql`drop database ${sql.id(name)}`.execute(admin);
        await admin.destroy();
      },
    };
  }
  const url = process.env.LOVED_CACHE_PG_URL;
  if (url) {
    const pg = (await import('pg')).default;
    // A schema of its own, so the example never touches anything else.
    const schema = `example_${randomBytes(4).toString('hex')}`;
    const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}` });
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    await sql`create schema ${sql.id(schema)}`.execute(db);
    return { db, dialect: 'postgres', close: async () => { await sql`drop schema ${sql.id(schema)} cascade`.execute(db); await db.destroy(); } };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  const pglite = await PGlite.create();
  const db = new Kysely<any>({ dialect: new PGliteDialect(pglite) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

const { db, dialect, close } = await connect();
console.log(`database: ${dialect}`);

// The server's schema: a shared library, per-account favorites.
await db.schema.createTable('tracks').addColumn('id', 'serial', (c) => c.primaryKey()).addColumn('artist', 'text').addColumn('title', 'text').addColumn('album', 'text').execute();
await db.schema
  .createTable('account_favorites')
  .addColumn('account_id', 'integer', (c) => c.notNull())
  .addColumn('track_id', 'integer', (c) => c.notNull())
  .addColumn('created_at', dialect === 'mysql' ? 'datetime' : 'timestamptz')
  .addUniqueConstraint('account_favorites_unique', ['account_id', 'track_id'])
  .execute();
const songs = classicRockSongs();
await db.insertInto('tracks').values(songs.slice(0, 600).map((s) => ({ artist: s.artist, title: s.title, album: `${s.artist} (${s.year ?? 'n.d.'})` }))).execute();

// Three accounts with their Last.fm users.
const accounts = [
  { id: 1, lastfm: 'alice' },
  { id: 2, lastfm: 'bob' },
  { id: 3, lastfm: 'carol' },
];
const lastfm = await startFakeLastfm({
  users: Object.fromEntries(accounts.map((a, i) => [a.lastfm, sampleLoves(800 + i * 400, { seed: i + 1 })])),
});

// One store, one source (one rate limit for the whole server), one library adapter.
const store = new KyselyLovedTrackStore({ db });
await store.migrate();
const source = new LastfmSource({ apiKey: lastfm.apiKey, baseUrl: lastfm.url, requestsPerSecond: 5, userAgent: 'ExampleServer/2.1' });
const library = new TableLibraryAdapter({
  db,
  tracks: { table: 'tracks', album: 'album' },
  favorites: { table: 'account_favorites', trackId: 'track_id', userId: 'account_id', createdAt: 'created_at', createdAtFormat: 'date' },
});
const caches = accounts.map((a) => new LovedTrackCache({ user: a.lastfm, hostUser: a.id, store, source, library }));

await Promise.all(caches.map((cache) => cache.sync()));
for (const cache of caches) {
  const stats = await cache.stats();
  console.log(`${stats.user} (account ${stats.hostUser}): ${formatStats(stats)}`);
}
const perAccount = await db.selectFrom('account_favorites').select(['account_id', sql<number>`count(*)`.as('n')]).groupBy('account_id').orderBy('account_id').execute();
console.log('favorites per account:', perAccount.map((r) => `${r.account_id}=${r.n}`).join(', '));
assert.equal(perAccount.length, 3);

// Background re-checks: daily sync, weekly rematch, never overlapping, never
// keeping the process alive. Here: run once at once, then stop.
const handles = caches.map((cache) => cache.startBackgroundSync({ runImmediately: true, onError: (e) => console.error('background sync failed:', e) }));
await new Promise((resolve) => setTimeout(resolve, 1500));
await Promise.all(handles.map((h) => h.stop()));
console.log(`Last.fm requests in all: ${lastfm.requestCount()} (first import + one incremental check per account)`);

await lastfm.close();
await close();
