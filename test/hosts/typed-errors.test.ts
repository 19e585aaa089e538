import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForeignTableError, HostSchemaError } from '../../src/errors.js';
import { TableLibraryAdapter, type TableLibraryAdapterOptions } from '../../src/library/table-library-adapter.js';
import { LovedTrackCache } from '../../src/loved-track-cache.js';
import { KyselyLovedTrackStore } from '../../src/store/kysely-store.js';
import { startFakeLastfm, type FakeLastfm } from '../../src/testing/fake-lastfm-server.js';
import { fastSource } from '../support/cache-fixture.js';

// Mapping mistakes must fail at validate()/migrate(), typed and naming what
// to fix, before a table of ours exists; and a table with one of our names
// that is the host's must never be adopted or written.

let lastfm: FakeLastfm;
let pglite: PGlite;
beforeAll(async () => {
  lastfm = await startFakeLastfm({ users: { rj: [{ artist: 'Heart', title: 'Barracuda', lovedAt: 1_700_000_000 }] } });
  pglite = await PGlite.create();
});
afterAll(async () => {
  await lastfm.close();
  await pglite.close();
});

function sqlite(): Kysely<any> {
  return new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
}

let schemaCount = 0;
async function postgres(): Promise<Kysely<any>> {
  const schema = `te_${++schemaCount}`;
  await pglite.exec(`create schema ${schema}; set search_path to ${schema}`);
  return new Kysely<any>({ dialect: new PGliteDialect(pglite) });
}

async function hostTables(db: Kysely<any>, dialect: 'sqlite' | 'postgres', favoritesAt = 'integer'): Promise<void> {
  await db.schema
    .createTable('songs')
    .addColumn('id', dialect === 'sqlite' ? 'integer' : 'serial', (c) => c.primaryKey())
    .addColumn('artist', 'text')
    .addColumn('title', 'text')
    .execute();
  await sql.raw(`create table stars (song_id integer not null, user_id integer, starred_at ${favoritesAt})`).execute(db);
  await db.insertInto('songs').values({ id: 1, artist: 'Heart', title: 'Barracuda' }).execute();
}

function cacheFor(db: Kysely<any>, library: Partial<TableLibraryAdapterOptions>, tablePrefix?: string): LovedTrackCache {
  return new LovedTrackCache({
    user: 'rj',
    store: new KyselyLovedTrackStore({ db, ...(tablePrefix === undefined ? {} : { tablePrefix }) }),
    source: fastSource(lastfm),
    library: new TableLibraryAdapter({
      db,
      tracks: { table: 'songs' },
      favorites: { table: 'stars', trackId: 'song_id', userId: 'user_id', createdAt: 'starred_at' },
      ...library,
    }),
    hostUser: 1,
  });
}

async function sqliteTables(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
  return rows.map((row) => row.name);
}

describe('typed mapping errors at migrate() and validate()', () => {
  it('a wrong table: HostSchemaError naming the table and the option, nothing created', async () => {
    const db = sqlite();
    await hostTables(db, 'sqlite');
    const cache = cacheFor(db, { tracks: { table: 'tracks' } });
    const error = await cache.migrate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostSchemaError);
    expect(error).toMatchObject({ table: 'tracks', option: 'tracks.table' });
    expect((error as Error).message).toContain('"tracks"');
    expect(await sqliteTables(db)).toEqual(['songs', 'stars']);
    await expect(cache.validate()).rejects.toBeInstanceOf(HostSchemaError);
    await db.destroy();
  });

  it('a wrong column: HostSchemaError naming table, column and option', async () => {
    const db = sqlite();
    await hostTables(db, 'sqlite');
    const cache = cacheFor(db, { favorites: { table: 'stars', trackId: 'track_id', userId: 'user_id' } });
    await expect(cache.validate()).rejects.toMatchObject({ name: 'HostSchemaError', table: 'stars', column: 'track_id', option: 'favorites.trackId' });
    const related = cacheFor(db, { tracks: { table: 'songs', album: { from: 'album_id', table: 'albums', column: 'name' } } });
    await expect(related.validate()).rejects.toMatchObject({ name: 'HostSchemaError', table: 'songs', column: 'album_id', option: 'tracks.album.from' });
    await db.destroy();
  });

  it('a NOT NULL column without a value: HostSchemaError pointing at favorites.values', async () => {
    const db = sqlite();
    await hostTables(db, 'sqlite');
    await sql`alter table stars add column uuid text not null default ''`.execute(db);
    await sql`create table stars2 (song_id integer not null, user_id integer, uuid text not null)`.execute(db);
    const cache = cacheFor(db, { favorites: { table: 'stars2', trackId: 'song_id', userId: 'user_id' } });
    await expect(cache.migrate()).rejects.toMatchObject({ name: 'HostSchemaError', table: 'stars2', column: 'uuid', option: 'favorites.values' });
    const fixed = cacheFor(db, { favorites: { table: 'stars2', trackId: 'song_id', userId: 'user_id', values: { uuid: () => 'u-1' } } });
    await fixed.migrate();
    await fixed.sync();
    expect(await db.selectFrom('stars2').selectAll().execute()).toEqual([{ song_id: 1, user_id: 1, uuid: 'u-1' }]);
    await db.destroy();
  });

  it('a wrong timestamp type on PostgreSQL: HostSchemaError with the type; auto writes the column\'s own type', async () => {
    const db = await postgres();
    await hostTables(db, 'postgres', 'timestamp with time zone');
    const wrong = cacheFor(db, { favorites: { table: 'stars', trackId: 'song_id', userId: 'user_id', createdAt: 'starred_at', createdAtFormat: 'unix-seconds' } });
    const error = await wrong.migrate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostSchemaError);
    expect(error).toMatchObject({ table: 'stars', column: 'starred_at', type: 'timestamp with time zone', option: 'favorites.createdAtFormat' });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_name like 'lastfm_%'`.execute(db);
    expect(rows[0]!.n).toBe(0);

    const auto = cacheFor(db, {});
    await auto.migrate();
    await auto.sync();
    const row = await db.selectFrom('stars').selectAll().executeTakeFirstOrThrow();
    expect(row.starred_at).toBeInstanceOf(Date);
    expect(Math.abs((row.starred_at as Date).getTime() - Date.now())).toBeLessThan(60_000);
    await sql`set search_path to public`.execute(db);
  });

  it('a schema-qualified PostgreSQL table is read from its own schema', async () => {
    const db = await postgres();
    await sql`create schema music`.execute(db).catch(() => undefined);
    await sql`create table music.songs (id serial primary key, artist text, title text)`.execute(db);
    await sql`create table music.stars (song_id integer not null, user_id integer, starred_at timestamp without time zone)`.execute(db);
    const library = new TableLibraryAdapter({ db, tracks: { table: 'music.songs' }, favorites: { table: 'music.stars', trackId: 'song_id', userId: 'user_id', createdAt: 'starred_at' } });
    await library.validate();
    await db.insertInto('music.songs').values({ id: 7, artist: 'Heart', title: 'Barracuda' }).execute();
    expect(await library.addFavorites(1, ['7'])).toEqual({ added: ['7'] });
    const row = await db.selectFrom('music.stars').selectAll().executeTakeFirstOrThrow();
    expect(row.song_id).toBe(7);
    await expect(new TableLibraryAdapter({ db, tracks: { table: 'music.songs', title: 'name' }, favorites: { table: 'music.stars', trackId: 'song_id' } }).validate()).rejects.toMatchObject({
      table: 'music.songs',
      column: 'name',
      option: 'tracks.title',
    });
    await sql`drop schema music cascade`.execute(db);
    await sql`set search_path to public`.execute(db);
  });

  it('SQLite text dates: detected and kept in their shape; an integer format beside them is refused', async () => {
    const db = sqlite();
    await hostTables(db, 'sqlite', 'datetime');
    await db.insertInto('stars').values({ song_id: 99, user_id: 2, starred_at: '2024-05-01 10:00:00' }).execute();
    const wrong = cacheFor(db, { favorites: { table: 'stars', trackId: 'song_id', userId: 'user_id', createdAt: 'starred_at', createdAtFormat: 'unix-seconds' } });
    await expect(wrong.validate()).rejects.toMatchObject({ name: 'HostSchemaError', column: 'starred_at', type: 'datetime', option: 'favorites.createdAtFormat' });
    const auto = cacheFor(db, {});
    await auto.migrate();
    await auto.sync();
    const row = await db.selectFrom('stars').selectAll().where('song_id', '=', 1).executeTakeFirstOrThrow();
    expect(row.starred_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // 'date' on SQLite writes the same text (it used to throw a TypeError).
    const asDate = new TableLibraryAdapter({ db, tracks: { table: 'songs' }, favorites: { table: 'stars', trackId: 'song_id', userId: 'user_id', createdAt: 'starred_at', createdAtFormat: 'date' } });
    await asDate.addFavorites(3, [1]);
    expect((await db.selectFrom('stars').select('starred_at').where('user_id', '=', 3).executeTakeFirstOrThrow()).starred_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await db.destroy();
  });
});

describe('tables with our names that are not ours', () => {
  it('the host\'s own lastfm_loved_tracks: ForeignTableError, nothing created, the table untouched', async () => {
    const db = sqlite();
    await hostTables(db, 'sqlite');
    await sql`create table lastfm_loved_tracks (id integer primary key, artist text, track text, loved_at integer)`.execute(db);
    await sql`insert into lastfm_loved_tracks (artist, track, loved_at) values ('Heart', 'Barracuda', 1)`.execute(db);
    const cache = cacheFor(db, {});
    const error = await cache.migrate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForeignTableError);
    expect(error).toMatchObject({ table: 'lastfm_loved_tracks' });
    expect((error as Error).message).toContain('tablePrefix');
    expect(await sqliteTables(db)).toEqual(['lastfm_loved_tracks', 'songs', 'stars']);
    // Another prefix works beside it.
    const other = cacheFor(db, {}, 'ltc_');
    await other.migrate();
    await other.sync();
    expect(await db.selectFrom('lastfm_loved_tracks').selectAll().execute()).toEqual([{ id: 1, artist: 'Heart', track: 'Barracuda', loved_at: 1 }]);
    await db.destroy();
  });

  it('tablePrefix "" and a host table called migration: refused, the host\'s table never written', async () => {
    const db = sqlite();
    await hostTables(db, 'sqlite');
    await sql`create table migration (id integer primary key, name text, batch integer)`.execute(db);
    const cache = cacheFor(db, {}, '');
    await expect(cache.migrate()).rejects.toMatchObject({ name: 'ForeignTableError', table: 'migration' });
    expect(await db.selectFrom('migration').selectAll().execute()).toEqual([]);
    expect(await sqliteTables(db)).toEqual(['migration', 'songs', 'stars']);
    await db.destroy();
  });

  it('a host migration table shaped like kysely\'s, with the host\'s migrations in it: refused', async () => {
    const db = await postgres();
    await hostTables(db, 'postgres');
    await sql`create table migration (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(db);
    await sql`insert into migration values ('2020_01_01_create_users', '2020-01-01T00:00:00.000Z')`.execute(db);
    const cache = cacheFor(db, {}, '');
    await expect(cache.migrate()).rejects.toMatchObject({ name: 'ForeignTableError', table: 'migration' });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_name = 'migration_lock'`.execute(db);
    expect(rows[0]!.n).toBe(0);
    await sql`set search_path to public`.execute(db);
  });

  it('our own tables migrate again (twice is a no-op)', async () => {
    const db = sqlite();
    await hostTables(db, 'sqlite');
    const cache = cacheFor(db, {});
    expect((await cache.migrate()).applied.length).toBeGreaterThan(0);
    expect(await cache.migrate()).toEqual({ applied: [] });
    await db.destroy();
  });
});
