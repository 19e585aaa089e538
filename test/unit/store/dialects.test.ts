import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  MysqlAdapter,
  MysqlDialect,
  MysqlIntrospector,
  MysqlQueryCompiler,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteDialect,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { createPool } from 'mysql2';
import { afterAll, describe, expect, it } from 'vitest';
import { DialectMismatchError, OptionsError } from '../../../src/errors.js';
import { dialectTraits, type StoreDialect } from '../../../src/store/dialect.js';
import { KyselyLovedTrackStore } from '../../../src/store/kysely-store.js';
import { initialMigration } from '../../../src/store/migrations/0001-initial.js';

const compilers = {
  sqlite: [SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler],
  postgres: [PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler],
  mysql: [MysqlAdapter, MysqlIntrospector, MysqlQueryCompiler],
} as const;

/** A Kysely instance that records the SQL it would send and never connects. */
function recording(dialect: StoreDialect): { db: Kysely<any>; statements: string[] } {
  const [Adapter, Introspector, Compiler] = compilers[dialect];
  const statements: string[] = [];
  const db = new Kysely<any>({
    dialect: { createAdapter: () => new Adapter(), createDriver: () => new DummyDriver(), createIntrospector: (d) => new Introspector(d), createQueryCompiler: () => new Compiler() },
    log: (event) => {
      if (event.level === 'query') statements.push(`${event.query.sql} ${JSON.stringify(event.query.parameters)}`);
    },
  });
  return { db, statements };
}

async function initialDdl(dialect: StoreDialect): Promise<string[]> {
  const { db, statements } = recording(dialect);
  await initialMigration('lastfm_', dialectTraits(dialect)).up(db);
  return statements;
}

describe('store dialects', () => {
  const sqlite = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  // mysql2 connects on first use only: detection needs no server.
  const mysql = new Kysely<any>({ dialect: new MysqlDialect({ pool: createPool({ uri: 'mysql://root@127.0.0.1:1/none' }) }) });
  afterAll(async () => {
    await sqlite.destroy();
    await mysql.destroy();
  });

  it('detects SQLite, PostgreSQL and MySQL from the Kysely adapter', () => {
    expect(new KyselyLovedTrackStore({ db: sqlite }).dialect).toBe('sqlite');
    expect(new KyselyLovedTrackStore({ db: recording('postgres').db }).dialect).toBe('postgres');
    expect(new KyselyLovedTrackStore({ db: mysql }).dialect).toBe('mysql');
    expect(new KyselyLovedTrackStore({ db: mysql, dialect: 'mysql' }).dialect).toBe('mysql');
  });

  it('a dialect hint that contradicts the adapter fails with a typed error naming the adapter', () => {
    for (const wrong of ['sqlite', 'postgres'] as const) {
      let error: unknown;
      try {
        new KyselyLovedTrackStore({ db: mysql, dialect: wrong });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DialectMismatchError);
      expect(error).toBeInstanceOf(OptionsError);
      expect(error).toMatchObject({ requested: wrong, detected: 'mysql', adapter: 'MysqlAdapter' });
      expect((error as Error).message).toContain('MysqlAdapter');
      expect((error as Error).message).toContain('dialect: "mysql"');
    }
    expect(() => new KyselyLovedTrackStore({ db: sqlite, dialect: 'mysql' })).toThrow(/uses SqliteAdapter \(dialect "sqlite"\)/);
  });

  it('an adapter it cannot detect needs a hint, and the error lists every dialect', () => {
    // A third-party dialect whose adapter says nothing about its SQL.
    class HomegrownAdapter {}
    const db = new Kysely<any>({
      dialect: { createAdapter: () => new HomegrownAdapter() as never, createDriver: () => new DummyDriver(), createIntrospector: (d) => new MysqlIntrospector(d), createQueryCompiler: () => new MysqlQueryCompiler() },
    });
    expect(() => new KyselyLovedTrackStore({ db })).toThrow(DialectMismatchError);
    expect(() => new KyselyLovedTrackStore({ db })).toThrow(/HomegrownAdapter.*"sqlite".*"postgres".*"mysql"/);
    expect(new KyselyLovedTrackStore({ db, dialect: 'mysql' }).dialect).toBe('mysql');
  });

  // Existing installations ran these statements; a dialect-aware 0001 must
  // not change them (Kysely would never re-run it, but a fresh install must
  // get the same tables as an old one).
  for (const dialect of ['sqlite', 'postgres'] as const) {
    it(`migration 0001 on ${dialect} is the DDL it always was`, async () => {
      const expected = readFileSync(new URL(`./fixtures/0001-initial.${dialect}.sql`, import.meta.url), 'utf8').trim().split('\n');
      expect(await initialDdl(dialect)).toEqual(expected);
    });
  }

  it('migration 0001 on MySQL: binary utf8mb4 keys, no index key over 3072 bytes, no partial index', async () => {
    const ddl = await initialDdl('mysql');
    expect(ddl.join('\n')).not.toMatch(/ where /);
    const lengths = new Map<string, number>();
    for (const statement of ddl) {
      for (const match of statement.matchAll(/`(\w+)` varchar\((\d+)\) character set utf8mb4 collate utf8mb4_bin/g)) lengths.set(match[1]!, Number(match[2]));
      for (const match of statement.matchAll(/`(\w+)` binary\((\d+)\)/g)) lengths.set(match[1]!, Number(match[2]) / 4);
    }
    for (const statement of ddl) {
      // Every key: its columns' bytes (4 per utf8mb4 character, or a prefix length).
      const keys = [...statement.matchAll(/(?:unique|primary key|on `\w+`) \(([^()]*(?:\(\d+\)[^()]*)*)\)/g)].map((m) => m[1]!);
      for (const key of keys) {
        const bytes = [...key.matchAll(/`(\w+)`(?:\((\d+)\))?/g)].reduce((sum, [, column, prefix]) => sum + 4 * (prefix === undefined ? (lengths.get(column!) ?? 2) : Number(prefix)), 0);
        expect(bytes, `${key} in ${statement.slice(0, 60)}`).toBeLessThanOrEqual(3072);
      }
    }
    expect(ddl.join('\n')).not.toMatch(/`\w+` text[^,]*primary key/);
  });
});
