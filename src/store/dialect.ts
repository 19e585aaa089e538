import { PostgresAdapter, SqliteAdapter, type Kysely } from 'kysely';

/**
 * The SQL dialects the store supports. Every dialect difference of the store
 * lives in this file.
 */
export type StoreDialect = 'sqlite' | 'postgres';

/** Dialect facts the store needs. @internal */
export interface DialectTraits {
  readonly dialect: StoreDialect;
  /** Bound parameters one statement may carry (with a safety margin). */
  readonly maxParameters: number;
  /** Column type of the auto-increment primary key. */
  readonly serialType: 'integer' | 'serial';
  /** Column type of unix times and other large integers. */
  readonly bigintType: 'integer' | 'bigint';
  /** Column type of the match score. */
  readonly realType: 'real' | 'double precision';
}

const TRAITS: Record<StoreDialect, DialectTraits> = {
  // SQLite >= 3.32 allows 32,766 variables per statement.
  sqlite: { dialect: 'sqlite', maxParameters: 32_000, serialType: 'integer', bigintType: 'integer', realType: 'real' },
  // The PostgreSQL wire protocol counts parameters in an int16.
  postgres: { dialect: 'postgres', maxParameters: 65_000, serialType: 'serial', bigintType: 'bigint', realType: 'double precision' },
};

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
  const name = adapter.constructor.name.toLowerCase();
  if (name.includes('sqlite')) return 'sqlite';
  if (name.includes('postgres') || name.includes('pglite')) return 'postgres';
  return undefined;
}

/** @internal */
export function dialectTraits(dialect: StoreDialect): DialectTraits {
  return TRAITS[dialect];
}

/**
 * Rows per INSERT so that `columns * rows` stays under the dialect's
 * parameter limit (and under `cap`, to keep statements a sensible size).
 *
 * @internal
 */
export function rowsPerStatement(traits: DialectTraits, columns: number, cap = 1000): number {
  return Math.max(1, Math.min(cap, Math.floor(traits.maxParameters / columns)));
}
