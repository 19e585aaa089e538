import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';

/** One database a test gets for itself. */
export interface TestDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Kysely<any>;
  destroy(): Promise<void>;
}

/** A way to make test databases, shared by a test file. */
export interface DatabaseBackend {
  readonly name: string;
  create(): Promise<TestDatabase>;
  /** Frees what the backend shares between its databases. */
  close(): Promise<void>;
}

function sqliteMemory(): DatabaseBackend {
  return {
    name: 'sqlite-memory',
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

/**
 * The databases every shared suite runs on: SQLite (memory and file), PGlite,
 * and the PostgreSQL server at `LOVED_CACHE_PG_URL` when it is set.
 */
export function databaseBackends(): DatabaseBackend[] {
  const backends = [sqliteMemory(), sqliteFile(), pglite()];
  const url = process.env.LOVED_CACHE_PG_URL;
  if (url !== undefined && url !== '') backends.push(postgresServer(url));
  return backends;
}
