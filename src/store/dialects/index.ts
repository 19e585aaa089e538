import { MysqlAdapter, PostgresAdapter, SqliteAdapter, type Kysely } from 'kysely';
import type { DialectTraits, StoreDialect } from './dialect-traits.js';
import { mysqlDialect } from './mysql/mysql-dialect.js';
import { postgresDialect } from './postgres/postgres-dialect.js';
import { sqliteDialect } from './sqlite/sqlite-dialect.js';

export type { DialectTraits, StoreDialect } from './dialect-traits.js';
export { inListSize, rowsPerStatement } from './dialect-traits.js';

/** Every dialect the store speaks, by name. A new dialect registers here. @internal */
export const DIALECTS: Readonly<Record<StoreDialect, DialectTraits>> = {
  sqlite: sqliteDialect,
  postgres: postgresDialect,
  mysql: mysqlDialect,
};

/** The names accepted by the `dialect` option. @internal */
export const DIALECT_NAMES = Object.keys(DIALECTS) as [StoreDialect, ...StoreDialect[]];

/**
 * Works out the dialect of an injected Kysely instance from its adapter.
 * Falls back on the adapter's class name, because a dialect package may
 * bring its own copy of kysely (then `instanceof` fails).
 *
 * @internal
 */
export function detectDialect(db: Kysely<any>): StoreDialect | undefined {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof MysqlAdapter) return 'mysql';
  const name = adapterName(db).toLowerCase();
  if (name.includes('sqlite')) return 'sqlite';
  if (name.includes('postgres') || name.includes('pglite')) return 'postgres';
  if (name.includes('mysql') || name.includes('mariadb')) return 'mysql';
  return undefined;
}

/** Class name of the Kysely instance's adapter, for messages. @internal */
export function adapterName(db: Kysely<any>): string {
  return db.getExecutor().adapter.constructor.name || 'an unnamed adapter';
}

/** @internal */
export function dialectTraits(dialect: StoreDialect): DialectTraits {
  return DIALECTS[dialect];
}
