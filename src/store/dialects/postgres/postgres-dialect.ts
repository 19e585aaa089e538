import { sql } from 'kysely';
import type { DialectTraits, DriverErrorKind } from '../dialect-traits.js';
import { errorFields } from '../dialect-traits.js';
import { standardUniqueKey, createIndexIfNotExists, dropIndexIfExists, onConflictDoNothing, onConflictUpsert, updateFromValues } from '../standard.js';

/**
 * PostgreSQL (pg, PGlite). @internal
 */
export const postgresDialect: DialectTraits = {
  dialect: 'postgres',
  // The PostgreSQL wire protocol counts parameters in an int16.
  maxParameters: 65_000,
  serialType: 'serial',
  bigintType: 'bigint',
  realType: 'double precision',
  realCastType: 'double precision',
  // `text` compares with the database collation's equality, which is exact
  // (deterministic collations) and has no length limit in a btree below ~2.7 kB.
  keyType: () => 'text',
  textType: 'text',
  serialColumn: (col) => col.primaryKey(),
  uniqueKey: standardUniqueKey,
  supports: { updateReturning: true, conditionalUpsert: true, partialIndexes: true, schemas: true },

  upsert: onConflictUpsert,
  insertIgnore: onConflictDoNothing,
  forUpdate: (query) => query.forUpdate() as typeof query,
  updateFromRows: (db, spec) => updateFromValues(db, spec, (type) => (type === 'real' ? 'double precision' : type)),

  async currentSchema(root) {
    const result = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(root);
    return result.rows[0]?.schema ?? undefined;
  },
  // DELETE would leave a table's worth of dead rows per rebuild (the table
  // grows, scans slow down); TRUNCATE gives the space back.
  clearTable: async (ctx, table) => {
    await sql`truncate table ${ctx.table(table)}`.execute(ctx.root);
  },
  // Fresh statistics, so PostgreSQL plans joins on the new table size instead
  // of the empty table it last saw.
  analyzeTable: async (ctx, table) => {
    await sql`analyze ${ctx.table(table)}`.execute(ctx.root);
  },
  createIndex: createIndexIfNotExists,
  dropIndex: dropIndexIfExists,

  classifyError(error): DriverErrorKind | undefined {
    const { code } = errorFields(error);
    if (code === '23505') return 'unique_violation';
    if (code === '40P01') return 'deadlock';
    if (code === '40001') return 'serialization';
    if (code === '55P03') return 'lock_timeout';
    if (code === '42883') return 'missing_function';
    return undefined;
  },
  // Behaviour as before the dialect split: nothing is retried on PostgreSQL.
  isRetryable: () => false,
};
