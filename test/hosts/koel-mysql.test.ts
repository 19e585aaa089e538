import { Kysely, MysqlDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableLibraryAdapter } from '../../src/library/table-library-adapter.js';
import { hostRecipes } from '../../src/library/recipes/index.js';
import { DIALECT_NAMES } from '../../src/store/dialect.js';
import { hardDeleteTrack, retagTitle, runHostFlow } from './recipes/host-flow.js';
import { createKoelSchema, seedKoel, type HostSeed } from './seed.js';

// Koel on MariaDB/MySQL: needs a server (LOVED_CACHE_MYSQL_URL, default the
// local root account) and the mysql2 driver. The adapter part runs whenever
// both are there; the whole flow also needs MySQL support in the store.
const url = process.env.LOVED_CACHE_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const database = `lt_hosts_koel_${process.pid}`;

let db: Kysely<any> | undefined;
let skipReason: string | undefined;

async function connect(name?: string): Promise<Kysely<any>> {
  // Not a literal: the driver is optional here (a dev dependency once MySQL support lands).
  const driver = 'mysql2';
  const mysql = ((await import(driver)) as { default: { createPool(options: object): unknown } }).default;
  const target = new URL(url);
  const pool = mysql.createPool({
    host: target.hostname,
    port: Number(target.port || 3306),
    user: decodeURIComponent(target.username || 'root'),
    password: decodeURIComponent(target.password),
    ...(name === undefined ? {} : { database: name }),
    connectionLimit: 4,
    // Koel's connection runs with strict => false.
    flags: [],
  });
  return new Kysely<any>({ dialect: new MysqlDialect({ pool: pool as any }) });
}

beforeAll(async () => {
  try {
    const admin = await connect();
    await sql`select 1`.execute(admin);
    await sql.raw(`drop database if exists ${database}`).execute(admin);
    await sql.raw(`create database ${database} character set utf8mb4 collate utf8mb4_unicode_ci`).execute(admin);
    await admin.destroy();
    db = await connect(database);
  } catch (error) {
    skipReason = `no MySQL/MariaDB server or mysql2 driver (${(error as Error).message})`;
  }
});
afterAll(async () => {
  if (db === undefined) return;
  await sql.raw(`drop database if exists ${database}`).execute(db);
  await db.destroy();
});

async function fresh(): Promise<{ db: Kysely<any>; seed: HostSeed }> {
  const tables = await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = database()`.execute(db!);
  await sql`set foreign_key_checks = 0`.execute(db!);
  for (const row of tables.rows) await sql.raw(`drop table \`${row.t}\``).execute(db!);
  await sql`set foreign_key_checks = 1`.execute(db!);
  await createKoelSchema(db!, 'mysql');
  return { db: db!, seed: await seedKoel(db!, 'mysql') };
}

describe('Koel (MariaDB/MySQL), built-in recipe', () => {
  it('adapter: validates from information_schema, writes favorite rows with position and TIMESTAMP, visibility per user', async (context) => {
    if (skipReason !== undefined) {
      console.warn(`skipped: ${skipReason}`);
      context.skip();
    }
    const { db, seed } = await fresh();
    const library = new TableLibraryAdapter(hostRecipes.koel(db));
    await library.validate();
    const [alice, bob] = seed.users.map((u) => u.id);
    const privateTrack = seed.tracks.find((t) => t.visibleOnlyTo === bob)!;
    const free = seed.tracks.filter((t) => t.visibleOnlyTo === undefined && !seed.manualFavorites.some((m) => m.trackId === t.id)).slice(0, 2);
    expect(await library.visibleTo(alice, [privateTrack.id, free[0]!.id])).toEqual(new Set([free[0]!.id]));
    const before = await seed.snapshot(db);
    expect(await library.addFavorites(alice, free.map((t) => t.id))).toEqual({ added: free.map((t) => t.id) });
    expect(await library.addFavorites(alice, free.map((t) => t.id))).toEqual({ added: [] });
    expect(await library.favorited(alice, free.map((t) => t.id))).toEqual(new Set(free.map((t) => t.id)));
    const rows = await db.selectFrom('favorites').selectAll().where('user_id', '=', alice).where('favoriteable_id', 'in', free.map((t) => t.id)).orderBy('position').execute();
    expect(rows.map((r) => r.favoriteable_type)).toEqual(['playable', 'playable']);
    expect(rows[0]!.created_at).toBeInstanceOf(Date);
    await library.removeFavorites(alice, free.map((t) => t.id));
    expect(await library.favorited(alice, free.map((t) => t.id))).toEqual(new Set());
    expect(await seed.snapshot(db)).toEqual(before);
    // Typed errors from MySQL's catalog too.
    const recipe = hostRecipes.koel(db);
    await expect(new TableLibraryAdapter({ ...recipe, favorites: { ...recipe.favorites, createdAtFormat: 'iso' } }).validate()).rejects.toMatchObject({
      name: 'HostSchemaError',
      table: 'favorites',
      column: 'created_at',
      type: 'timestamp',
      option: 'favorites.createdAtFormat',
    });
    await expect(new TableLibraryAdapter({ ...recipe, tracks: { ...recipe.tracks, title: 'name' } }).validate()).rejects.toMatchObject({ name: 'HostSchemaError', table: 'songs', column: 'name', option: 'tracks.title' });
  });

  it('whole flow (needs MySQL support in the store)', { timeout: 240_000 }, async (context) => {
    if (skipReason !== undefined) {
      console.warn(`skipped: ${skipReason}`);
      context.skip();
    }
    if (!(DIALECT_NAMES as readonly string[]).includes('mysql')) {
      console.warn('skipped: the store has no MySQL dialect yet (#14)');
      context.skip();
    }
    const { db, seed } = await fresh();
    const result = await runHostFlow({
      name: 'koel-mysql',
      db,
      seed,
      options: hostRecipes.koel(db),
      removeTrack: (id) => hardDeleteTrack(db, { table: 'songs', id: 'id', value: id }, [{ table: 'interactions', column: 'song_id' }]),
      retagTrack: (id, title) => retagTitle(db, 'songs', 'id', 'title', id, title),
    });
    console.info(`koel/mysql: ${JSON.stringify(result)}`);
  });
});
