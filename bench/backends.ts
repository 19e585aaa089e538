/**
 * The databases the benchmark runs on, each with the example host's tables
 * (`library`, `favorites`, from test/support/host-schema.ts) and the fast
 * paths the benchmark needs around the measured code: seeding the host
 * table, adding tracks "from the scanner", and the seed player's baseline
 * query. Those go to the driver directly; everything measured goes through
 * the library's public API on the Kysely instance.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import type pg from 'pg';
import { createHostSchema } from '../test/support/host-schema.js';
import type { LibraryRow } from './generate.js';

/** Which database: SQLite file, a PostgreSQL server, PGlite in process, or a MySQL/MariaDB server. */
export type BackendName = 'sqlite' | 'postgres' | 'pglite' | 'mysql';

/** One database with the host schema, for one benchmark size. */
export interface BenchBackend {
  readonly name: BackendName;
  /** What the report says about it ("SQLite file, WAL", "PostgreSQL 16.2 server", ...). */
  readonly description: string;
  readonly dialect: 'sqlite' | 'postgres' | 'mysql';
  /** The host's Kysely instance, given to the store and the library adapter. */
  readonly db: Kysely<any>;
  /** Bulk-inserts host library rows (setup, not measured). */
  insertTracks(rows: readonly LibraryRow[]): Promise<void>;
  /** Runs host maintenance after seeding (PostgreSQL: ANALYZE, which autovacuum would do). */
  afterSeed(): Promise<void>;
  /** Removes host favorites except the given track ids (setup between repetitions). */
  resetFavorites(keep: readonly number[]): Promise<void>;
  /** Inserts host favorites (the user's manual ones). */
  insertFavorites(ids: readonly number[]): Promise<void>;
  /**
   * The seed player's way: one case-insensitive query per love, prepared
   * once on the raw driver (the baseline's most favourable form).
   * Returns how many loves found a track.
   */
  baseline(loves: readonly { artist: string; title: string }[]): Promise<number>;
  close(): Promise<void>;
}

const BASELINE_SQL = 'select id from library where lower(artist) = lower($1) and lower(title) = lower($2)';
const COLUMNS = ['id', 'filepath', 'artist', 'album', 'album_artist', 'title', 'duration'] as const;
const PG_TYPES = ['int[]', 'text[]', 'text[]', 'text[]', 'text[]', 'text[]', 'int[]'] as const;

/**
 * The backends `--backend` may name, with PostgreSQL falling back to PGlite
 * without a server. Without `--backend`: SQLite and PostgreSQL, plus MySQL
 * in the full run when `LOVED_CACHE_MYSQL_URL` names a server (not in
 * `--small`: CI's run stays on the two reference databases).
 */
export function resolveBackends(requested: readonly string[], pgUrl: string | undefined, options: { mysqlUrl?: string | undefined; fullRun?: boolean } = {}): BackendName[] {
  const names = requested.length === 0 ? ['sqlite', 'postgres', ...(options.fullRun === true && options.mysqlUrl ? ['mysql'] : [])] : requested;
  const out: BackendName[] = [];
  for (const name of names) {
    if (name !== 'sqlite' && name !== 'postgres' && name !== 'pglite' && name !== 'mysql') throw new Error(`Expected \`--backend\` to be sqlite, postgres, pglite or mysql, got ${JSON.stringify(name)}`);
    if (name === 'mysql' && !options.mysqlUrl) throw new Error('Expected LOVED_CACHE_MYSQL_URL (mysql://user@host:3306/db) for `--backend mysql`');
    const resolved: BackendName = name === 'postgres' && (pgUrl === undefined || pgUrl === '') ? 'pglite' : name;
    if (!out.includes(resolved)) out.push(resolved);
  }
  return out;
}

/** Opens a fresh database of this backend and creates the host schema in it. */
export async function openBackend(name: BackendName, pgUrl: string | undefined, options: { sqliteSynchronous?: 'full' | 'normal' } = {}): Promise<BenchBackend> {
  // Drivers are imported on demand: each one loaded costs RSS, which the benchmark reports.
  const backend =
    name === 'sqlite'
      ? await openSqlite(options.sqliteSynchronous ?? 'full')
      : name === 'postgres'
        ? await openPostgres(pgUrl!)
        : name === 'mysql'
          ? await openMysql(process.env.LOVED_CACHE_MYSQL_URL!)
          : await openPglite();
  await createHostSchema(backend.db, backend.dialect);
  return backend;
}

function rowValues(row: LibraryRow): (string | number | null)[] {
  return [row.id, row.filepath, row.artist, row.album, row.albumArtist, row.title, row.duration];
}

async function openSqlite(synchronous: 'full' | 'normal'): Promise<BenchBackend> {
  const { default: Sqlite } = await import('better-sqlite3');
  const { SqliteDialect } = await import('kysely');
  const dir = mkdtempSync(join(tmpdir(), 'loved-track-cache-bench-'));
  const database = new Sqlite(join(dir, 'player.sqlite'));
  database.pragma('journal_mode = WAL');
  // FULL is SQLite's default; NORMAL is what SQLite recommends with WAL (no fsync per commit).
  database.pragma(`synchronous = ${synchronous}`);
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
  let insert: Database.Statement | undefined;
  let insertMany: ((rows: readonly LibraryRow[]) => void) | undefined;
  return {
    name: 'sqlite',
    description: `SQLite ${String((database.prepare('select sqlite_version() as v').get() as { v: string }).v)} file (better-sqlite3, WAL, synchronous=${synchronous.toUpperCase()})`,
    dialect: 'sqlite',
    db,
    async insertTracks(rows) {
      insert ??= database.prepare(`insert into library (${COLUMNS.join(', ')}) values (?, ?, ?, ?, ?, ?, ?)`);
      const statement = insert;
      insertMany ??= database.transaction((batch: readonly LibraryRow[]) => {
        for (const row of batch) statement.run(...rowValues(row));
      });
      insertMany(rows);
    },
    async afterSeed() {},
    async resetFavorites(keep) {
      database.exec(keep.length === 0 ? 'delete from favorites' : `delete from favorites where track_id not in (${keep.map(Number).join(',')})`);
    },
    async insertFavorites(ids) {
      const statement = database.prepare('insert into favorites (track_id, timestamp) values (?, ?)');
      database.transaction(() => {
        for (const id of ids) statement.run(id, 1_600_000_000);
      })();
    },
    async baseline(loves) {
      const statement = database.prepare(BASELINE_SQL.replace('$1', '?').replace('$2', '?'));
      let found = 0;
      for (const love of loves) if (statement.all(love.artist, love.title).length > 0) found += 1;
      return found;
    },
    async close() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Column-wise arrays for `insert ... select * from unnest(...)`: one statement per batch. */
function unnestInsert(rows: readonly LibraryRow[]): { text: string; values: unknown[][] } {
  const columns: unknown[][] = COLUMNS.map(() => []);
  for (const row of rows) rowValues(row).forEach((value, index) => columns[index]!.push(value));
  const text = `insert into library (${COLUMNS.join(', ')}) select * from unnest(${PG_TYPES.map((type, index) => `$${index + 1}::${type}`).join(', ')})`;
  return { text, values: columns };
}

async function openPostgres(url: string): Promise<BenchBackend> {
  const { default: pg } = await import('pg');
  const { PostgresDialect } = await import('kysely');
  // A fresh database per run, dropped at the end; a schema if we may not create databases.
  const name = `loved_cache_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const version = String((await admin.query('show server_version')).rows[0].server_version);
  let poolConfig: pg.PoolConfig;
  let drop: () => Promise<void>;
  try {
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    poolConfig = { connectionString: target.toString() };
    drop = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
    };
  } catch {
    await admin.query(`create schema ${name}`);
    poolConfig = { connectionString: url, options: `-c search_path=${name}` };
    drop = async () => {
      await admin.query(`drop schema if exists ${name} cascade`);
    };
  }
  const pool = new pg.Pool({ ...poolConfig, max: 4 });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  return {
    name: 'postgres',
    description: `PostgreSQL ${version} server (pg, pool of 4, local socket over TCP)`,
    dialect: 'postgres',
    db,
    async insertTracks(rows) {
      const { text, values } = unnestInsert(rows);
      await pool.query(text, values);
    },
    async afterSeed() {
      await pool.query('analyze library');
    },
    async resetFavorites(keep) {
      await pool.query('delete from favorites where not (track_id = any($1::int[]))', [keep]);
    },
    async insertFavorites(ids) {
      await pool.query('insert into favorites (track_id, timestamp) select unnest($1::int[]), 1600000000', [ids]);
    },
    async baseline(loves) {
      const client = await pool.connect();
      try {
        let found = 0;
        for (const love of loves) {
          const result = await client.query({ name: 'baseline', text: BASELINE_SQL, values: [love.artist, love.title] });
          if (result.rows.length > 0) found += 1;
        }
        return found;
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
      await drop();
      await admin.end();
    },
  };
}

async function openPglite(): Promise<BenchBackend> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  // On disk, like a real embedded database (an in-memory one would count the whole database in RSS).
  const dir = mkdtempSync(join(tmpdir(), 'loved-track-cache-bench-pglite-'));
  const pglite = await PGlite.create({ dataDir: dir });
  const version = String(((await pglite.query<{ server_version: string }>('show server_version')).rows[0]?.server_version) ?? '?');
  const db = new Kysely<any>({ dialect: new PGliteDialect(pglite) });
  return {
    name: 'pglite',
    description: `PGlite (PostgreSQL ${version} in WebAssembly, in process, data on disk)`,
    dialect: 'postgres',
    db,
    async insertTracks(rows) {
      const { text, values } = unnestInsert(rows);
      await pglite.query(text, values);
    },
    async afterSeed() {
      await pglite.exec('analyze library');
    },
    async resetFavorites(keep) {
      await pglite.query('delete from favorites where not (track_id = any($1::int[]))', [keep]);
    },
    async insertFavorites(ids) {
      await pglite.query('insert into favorites (track_id, timestamp) select unnest($1::int[]), 1600000000', [ids]);
    },
    async baseline(loves) {
      let found = 0;
      for (const love of loves) if ((await pglite.query(BASELINE_SQL, [love.artist, love.title])).rows.length > 0) found += 1;
      return found;
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openMysql(url: string): Promise<BenchBackend> {
  const { createPool } = await import('mysql2');
  const { MysqlDialect } = await import('kysely');
  // A fresh database per run, dropped at the end.
  const name = `loved_cache_bench_${randomBytes(4).toString('hex')}`;
  const admin = createPool({ uri: url, connectionLimit: 1 }).promise();
  const [versionRows] = (await admin.query('select version() as v')) as unknown as [{ v: string }[]];
  const version = String(versionRows[0]?.v ?? '?');
  await admin.query(`create database \`${name}\` character set utf8mb4`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const callbackPool = createPool({ uri: target.toString(), connectionLimit: 4 });
  const pool = callbackPool.promise();
  const db = new Kysely<any>({ dialect: new MysqlDialect({ pool: callbackPool }) });
  const baselineSql = BASELINE_SQL.replace('$1', '?').replace('$2', '?');
  return {
    name: 'mysql',
    description: `${/mariadb/i.test(version) ? 'MariaDB' : 'MySQL'} ${version.replace(/-.*$/, '')} server (mysql2, pool of 4, InnoDB, TCP)`,
    dialect: 'mysql',
    db,
    async insertTracks(rows) {
      // mysql2 expands `values ?` client-side: keep each statement well under max_allowed_packet.
      for (let i = 0; i < rows.length; i += 5000) {
        await pool.query(`insert into library (${COLUMNS.join(', ')}) values ?`, [rows.slice(i, i + 5000).map(rowValues)]);
      }
    },
    async afterSeed() {
      await pool.query('analyze table library');
    },
    async resetFavorites(keep) {
      if (keep.length === 0) await pool.query('delete from favorites');
      else await pool.query('delete from favorites where track_id not in (?)', [keep]);
    },
    async insertFavorites(ids) {
      for (let i = 0; i < ids.length; i += 5000) await pool.query('insert into favorites (track_id, timestamp) values ?', [ids.slice(i, i + 5000).map((id) => [id, 1_600_000_000])]);
    },
    async baseline(loves) {
      // Prepared once per connection (execute), the baseline's most favourable form.
      const connection = await pool.getConnection();
      try {
        let found = 0;
        for (const love of loves) {
          const [result] = (await connection.execute(baselineSql, [love.artist, love.title])) as unknown as [unknown[]];
          if (result.length > 0) found += 1;
        }
        return found;
      } finally {
        connection.release();
      }
    },
    async close() {
      await db.destroy();
      await admin.query(`drop database if exists \`${name}\``);
      await admin.end();
    },
  };
}
