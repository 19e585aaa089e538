import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { createPool } from 'mysql2';
import pg from 'pg';

/** One database a test gets for itself. */
export interface TestDatabase {
  readonly dialect: 'sqlite' | 'postgres' | 'mysql';
  readonly db: Kysely<any>;
  destroy(): Promise<void>;
}

/** A way to make test databases, shared by a test file. */
export interface DatabaseBackend {
  readonly name: string;
  readonly dialect: TestDatabase['dialect'];
  create(): Promise<TestDatabase>;
  /** Frees what the backend shares between its databases. */
  close(): Promise<void>;
}

function sqliteMemory(): DatabaseBackend {
  return {
    name: 'sqlite-memory',
    dialect: 'sqlite',
    async create() {
      const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
      return { dialect: 'sqlite', db, destroy: () => db.destroy() };
    },
    async close() {},
  };
}

function sqliteFile(): DatabaseBackend {
  const dir = mkdtempSync(join(tmpdir(), 'loved-track-cache-'));
  return {
    name: 'sqlite-file',
    dialect: 'sqlite',
    async create() {
      const file = join(dir, `${randomBytes(6).toString('hex')}.sqlite`);
      const database = new Database(file);
      database.pragma('journal_mode = WAL');
      const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
      return { dialect: 'sqlite', db, destroy: () => db.destroy() };
    },
    async close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// PGlite takes seconds to start: one instance per test file, one schema per
// test database, selected with search_path (PGlite has a single connection).
function pglite(): DatabaseBackend {
  let instance: Promise<PGlite> | undefined;
  return {
    name: 'pglite',
    dialect: 'postgres',
    async create() {
      instance ??= PGlite.create();
      const pglite = await instance;
      const schema = `t_${randomBytes(6).toString('hex')}`;
      await pglite.exec(`create schema ${schema}; set search_path to ${schema}`);
      const db = new Kysely<any>({ dialect: new PGliteDialect(pglite) });
      return {
        dialect: 'postgres',
        db,
        // The shared instance outlives this database; only the schema goes.
        destroy: async () => {
          await pglite.exec(`drop schema ${schema} cascade; set search_path to public`);
        },
      };
    },
    async close() {
      if (instance !== undefined) await (await instance).close();
    },
  };
}

// A real server: one schema per test database, on connections whose
// search_path points at it, so runs never see each other's rows.
function postgresServer(url: string): DatabaseBackend {
  return {
    name: 'postgres',
    dialect: 'postgres',
    async create() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
      const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
      return {
        dialect: 'postgres',
        db,
        destroy: async () => {
          await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
          await db.destroy();
        },
      };
    },
    async close() {},
  };
}

// A real MySQL or MariaDB server: one database per test database (CREATE
// DATABASE is cheap next to the tables' DDL, and nothing needs cleaning up
// between tests). The URL names the run's database; test databases are named
// after it.
function mysqlServer(url: string): DatabaseBackend {
  const parsed = new URL(url);
  const base = parsed.pathname.replace(/^\//, '') || 'loved_cache_test';
  let admin: Kysely<any> | undefined;
  const adminDb = () => (admin ??= new Kysely<any>({ dialect: new MysqlDialect({ pool: createPool({ uri: url, connectionLimit: 2 }) }) }));
  return {
    name: 'mysql',
    dialect: 'mysql',
    async create() {
      const name = `${base}_${randomBytes(4).toString('hex')}`;
      await sql`create database ${sql.id(name)} character set utf8mb4`.execute(adminDb());
      const target = new URL(url);
      target.pathname = `/${name}`;
      const pool = createPool({ uri: target.toString(), connectionLimit: 4 });
      const db = new Kysely<any>({ dialect: new MysqlDialect({ pool }) });
      return {
        dialect: 'mysql',
        db,
        destroy: async () => {
          await db.destroy();
          await sql`drop database if exists ${sql.id(name)}`.execute(adminDb());
        },
      };
    },
    async close() {
      await admin?.destroy();
      admin = undefined;
    },
  };
}

const announced = new Set<string>();
function announce(message: string): void {
  if (announced.has(message)) return;
  announced.add(message);
  console.warn(message);
}

/** Whether something accepts TCP connections at the URL's host and port (checked synchronously, once per process). */
const answering = new Map<string, boolean>();
function serverAnswers(url: string, defaultPort: number): boolean {
  const { hostname, port } = new URL(url);
  const key = `${hostname}:${port || defaultPort}`;
  let ok = answering.get(key);
  if (ok === undefined) {
    const probe = spawnSync(
      process.execPath,
      ['-e', `const s=require('node:net').connect(${Number(port || defaultPort)},${JSON.stringify(hostname)},()=>process.exit(0));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),2000)`],
      { timeout: 5000 },
    );
    ok = probe.status === 0;
    answering.set(key, ok);
  }
  return ok;
}

/**
 * The databases every shared suite runs on: SQLite (memory and file), PGlite,
 * the PostgreSQL server at `LOVED_CACHE_PG_URL` and the MySQL/MariaDB server
 * at `LOVED_CACHE_MYSQL_URL` (e.g. `mysql://root@127.0.0.1:3306/lt_ci`) when
 * they are set. Without a MySQL URL, or when no server answers there, the
 * MySQL runs are skipped with a message: there is no in-process MySQL.
 */
export function databaseBackends(): DatabaseBackend[] {
  const backends = [sqliteMemory(), sqliteFile(), pglite()];
  const url = process.env.LOVED_CACHE_PG_URL;
  if (url !== undefined && url !== '') backends.push(postgresServer(url));
  const mysqlUrl = process.env.LOVED_CACHE_MYSQL_URL;
  if (mysqlUrl === undefined || mysqlUrl === '') {
    announce('MySQL/MariaDB tests skipped: set LOVED_CACHE_MYSQL_URL=mysql://root@127.0.0.1:3306/<database> to run them (.ci/run does).');
  } else if (!serverAnswers(mysqlUrl, 3306)) {
    announce(`MySQL/MariaDB tests skipped: no server answers at ${new URL(mysqlUrl).host} (LOVED_CACHE_MYSQL_URL).`);
  } else {
    backends.push(mysqlServer(mysqlUrl));
  }
  return backends;
}
