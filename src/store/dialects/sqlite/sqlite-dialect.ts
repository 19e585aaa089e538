import type { DialectTraits, DriverErrorKind } from '../dialect-traits.js';
import { errorFields } from '../dialect-traits.js';
import { standardUniqueKey, createIndexIfNotExists, dropIndexIfExists, onConflictDoNothing, onConflictUpsert, updateFromValues } from '../standard.js';

/**
 * SQLite (better-sqlite3, or any kysely SQLite dialect). @internal
 */
export const sqliteDialect: DialectTraits = {
  dialect: 'sqlite',
  // SQLite >= 3.32 allows 32,766 variables per statement.
  maxParameters: 32_000,
  serialType: 'integer',
  bigintType: 'integer',
  realType: 'real',
  realCastType: 'real',
  // SQLite compares text byte by byte (BINARY collation) and needs no length.
  keyType: () => 'text',
  textType: 'text',
  serialColumn: (col) => col.primaryKey().autoIncrement(),
  uniqueKey: standardUniqueKey,
  supports: { updateReturning: true, conditionalUpsert: true, partialIndexes: true, schemas: false },

  upsert: onConflictUpsert,
  insertIgnore: onConflictDoNothing,
  // A SQLite write transaction locks the whole database already.
  forUpdate: (query) => query,
  updateFromRows: (db, spec) => updateFromValues(db, spec, (type) => type),

  currentSchema: async () => undefined,
  // SQLite truncates on a DELETE without WHERE.
  clearTable: async (ctx, table) => {
    await ctx.db.deleteFrom(table).execute();
  },
  analyzeTable: async () => {},
  createIndex: createIndexIfNotExists,
  dropIndex: dropIndexIfExists,

  classifyError(error): DriverErrorKind | undefined {
    const { code, message } = errorFields(error);
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique_violation';
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return 'lock_timeout';
    if (/no such function/i.test(message)) return 'missing_function';
    return undefined;
  },
  // Behaviour as before the dialect split: SQLite errors are not retried here
  // (better-sqlite3 waits on a busy database itself).
  isRetryable: () => false,
};
