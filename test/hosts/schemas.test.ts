import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { createConnection } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { hostPlayers, type HostPlayer } from './seed.js';
import { ABSENT_LOVES, PRESENT_LOVES, seedPlan } from './schemas/songs.js';

type Dialect = 'sqlite' | 'postgres' | 'mysql';

// PGlite starts in seconds: one instance for the file, one schema per database.
let pglite: Promise<PGlite> | undefined;
let schemaCounter = 0;

async function mysqlAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 3306 });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

// mysql2 is the mysql engineer's dependency: loaded by name so this file
// type-checks and runs without it (the MySQL cases skip with a message).
async function loadMysql2(): Promise<any | undefined> {
  const name = 'mysql2';
  try {
    return await import(/* @vite-ignore */ name);
  } catch {
    return undefined;
  }
}

const MYSQL_DATABASE = process.env.LOVED_CACHE_SCHEMAS_MYSQL_DB ?? 'lt_schemas';
const mysqlReady = (async () => {
  if (!(await mysqlAnswers())) return 'no MySQL/MariaDB server answers at 127.0.0.1:3306';
  const mysql2 = await loadMysql2();
  if (mysql2 === undefined) return 'the mysql2 driver is not installed';
  return mysql2;
})();

const PG_URL = process.env.LOVED_CACHE_PG_URL;

async function openDatabase(dialect: Dialect, server = false): Promise<{ db: Kysely<any>; destroy: () => Promise<void> }> {
  if (dialect === 'postgres' && server) {
    const schema = `hosts_${process.pid}_${schemaCounter++}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path=${schema}` });
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      destroy: async () => {
        await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
        await db.destroy();
      },
    };
  }
  if (dialect === 'sqlite') {
    const database = new Database(':memory:');
    database.pragma('foreign_keys = ON');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
    return { db, destroy: () => db.destroy() };
  }
  if (dialect === 'postgres') {
    pglite ??= PGlite.create();
    const instance = await pglite;
    const schema = `hosts_${process.pid}_${schemaCounter++}`;
    await instance.exec(`create schema ${schema}; set search_path to ${schema}`);
    const db = new Kysely<any>({ dialect: new PGliteDialect(instance) });
    return { db, destroy: async () => void (await instance.exec(`drop schema ${schema} cascade; set search_path to public`)) };
  }
  const mysql2 = await mysqlReady;
  const admin = mysql2.createPool({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
  const name = `${MYSQL_DATABASE}_${process.pid}_${schemaCounter++}`;
  await admin.promise().query(`create database \`${name}\` character set utf8mb4 collate utf8mb4_unicode_ci`);
  await admin.promise().end();
  const pool = mysql2.createPool({ host: '127.0.0.1', port: 3306, user: 'root', password: '', database: name, connectionLimit: 2 });
  const db = new Kysely<any>({ dialect: new MysqlDialect({ pool }) });
  return {
    db,
    destroy: async () => {
      await sql`drop database ${sql.id(name)}`.execute(db);
      await db.destroy();
    },
  };
}

afterAll(async () => {
  if (pglite !== undefined) await (await pglite).close();
});

describe('seed plan', () => {
  it('uses the real song list: about 2,000 library songs and 559 loves, 250 of them present', () => {
    const plan = seedPlan();
    expect(plan.songs.length).toBe(2229 - ABSENT_LOVES);
    expect(plan.loves).toHaveLength(PRESENT_LOVES + ABSENT_LOVES);
    expect(plan.loves.filter((l) => l.songIndex !== null)).toHaveLength(PRESENT_LOVES);
    const variants = plan.songs.filter((s) => s.loveIndex !== null && s.variant !== null);
    expect(variants.length).toBeGreaterThan(150);
    // Newest first, as Last.fm sends them.
    expect([...plan.loves].sort((a, b) => b.lovedAt - a.lovedAt)).toEqual(plan.loves);
    // Deterministic.
    expect(seedPlan()).toBe(plan);
  });
});

function describePlayer(player: HostPlayer) {
  type Target = { dialect: Dialect; server: boolean; label: string };
  const targets = player.dialects.flatMap((dialect): Target[] =>
    dialect === 'postgres'
      ? [{ dialect, server: false, label: 'PGlite' }, ...(PG_URL ? [{ dialect, server: true, label: 'the PostgreSQL server' }] : [])]
      : [{ dialect, server: false, label: dialect === 'sqlite' ? 'SQLite' : 'MySQL/MariaDB' }],
  );
  for (const { dialect, server, label } of targets) {
    describe(`${player.name} on ${label}`, () => {
      it('creates the upstream schema and seeds it', async (ctx) => {
        if (dialect === 'mysql') {
          const ready = await mysqlReady;
          if (typeof ready === 'string') {
            console.warn(`skipping ${player.name} on MySQL: ${ready}`);
            ctx.skip();
          }
        }
        const { db, destroy } = await openDatabase(dialect, server);
        try {
          await player.create(db, dialect);
          const seed = await player.seed(db, dialect);
          const plan = seedPlan();
          expect(seed.users).toHaveLength(player.name === 'mt' ? 0 : 2);
          expect(seed.loves).toHaveLength(plan.loves.length);
          expect(seed.loves.filter((l) => l.trackId !== null)).toHaveLength(PRESENT_LOVES);
          const ids = new Set(seed.tracks.map((t) => t.id));
          for (const love of seed.loves) if (love.trackId !== null) expect(ids.has(love.trackId)).toBe(true);
          expect(seed.tracks.length).toBe(plan.songs.length);
          for (const [table, count] of Object.entries(await player.counts(db))) {
            expect(count, table).toBe(player.expectedCounts(seed)[table]);
          }
          const before = await seed.snapshot(db);
          expect(await seed.snapshot(db)).toEqual(before);
          const first = seed.users[0]?.id ?? null;
          const shown0 = await seed.favoritesShown(db, first ?? undefined);
          const manual0 = seed.manualFavorites.filter((f) => f.user === first).map((f) => f.trackId).sort();
          expect(shown0).toEqual(manual0);
        } finally {
          await destroy();
        }
      }, 180_000);
    });
  }
}

for (const player of hostPlayers) describePlayer(player);
