import { sql, type Kysely } from 'kysely';
import type { DialectTraits, DriverErrorKind, IndexSpec, UpdateFromRowsSpec, UpsertRefs } from '../dialect-traits.js';
import { errorFields } from '../dialect-traits.js';
import { standardUniqueKey } from '../standard.js';

/**
 * Character set and collation of every text column on MySQL/MariaDB.
 * utf8mb4 holds all of Unicode; the binary collation compares code points, so
 * "Café", "Cafe" and "CAFÉ" stay three keys (the server's default
 * collations are case- and accent-insensitive, which would merge them).
 * It is a PAD SPACE collation on both servers: comparisons ignore trailing
 * spaces. Unique keys over long texts use a hash of the bytes (see
 * `uniqueKey`), which does not.
 */
const TEXT = 'character set utf8mb4 collate utf8mb4_bin';

// MySQL error numbers the store reacts to.
const ER_DUP_KEYNAME = 1061; // CREATE INDEX of an index that exists
const ER_CANT_DROP_FIELD_OR_KEY = 1091; // DROP INDEX of an index that does not
const ER_DUP_ENTRY = 1062;
const ER_LOCK_DEADLOCK = 1213;
const ER_LOCK_WAIT_TIMEOUT = 1205;
const ER_CHECKREAD = 1020; // MariaDB: "Record has changed since last read" (snapshot isolation)
const ER_SP_DOES_NOT_EXIST = 1305;
const ER_TOO_LONG_KEY = 1071;

/**
 * MySQL 8 and MariaDB 10.5+ (mysql2 with kysely's `MysqlDialect`), InnoDB.
 *
 * What differs from PostgreSQL, and how the store copes:
 * - keys are `varchar(n)` with a binary collation (index keys are limited to
 *   3072 bytes, 768 utf8mb4 characters); long texts are `text` columns indexed
 *   by a prefix, and made unique through a stored hash column;
 * - upserts are `ON DUPLICATE KEY UPDATE` (`VALUES(col)` is the inserted
 *   value: MariaDB has no `AS new` row alias);
 * - no `UPDATE ... RETURNING` (MariaDB has it for INSERT and DELETE only) and
 *   no conditional upsert: the table modules lock and read first;
 * - no `UPDATE ... FROM (VALUES ...)`: batch updates are multi-table updates
 *   over a derived table (`UNION ALL` of the rows);
 * - no partial indexes, and no `IF [NOT] EXISTS` on indexes on MySQL 8: the
 *   error numbers for "exists" and "missing" are caught instead;
 * - InnoDB may pick a transaction as a deadlock victim and roll it back:
 *   such operations are run again (`isRetryable`).
 *
 * @internal
 */
export const mysqlDialect: DialectTraits = {
  dialect: 'mysql',
  // The protocol counts placeholders of a prepared statement in 16 bits
  // (65,535); mysql2's `query` interpolates, but another driver may prepare.
  maxParameters: 65_000,
  serialType: 'integer',
  bigintType: 'bigint',
  realType: 'double precision',
  realCastType: 'double',
  serialColumn: (col) => col.primaryKey().autoIncrement(),
  keyType: (maxChars) => sql.raw(`varchar(${maxChars}) ${TEXT}`),
  textType: sql.raw(`text ${TEXT}`),
  supports: { updateReturning: false, conditionalUpsert: false, partialIndexes: false, schemas: true },

  uniqueKey(table, spec) {
    const long = spec.long ?? [];
    if (long.length === 0) {
      return standardUniqueKey(table, spec);
    }
    // A unique index over text longer than the key limit: hash the long
    // columns (length-prefixed, so ("a:b", "c") and ("a", "b:c") differ) into
    // a stored generated column and make that part of the key instead.
    const hashColumn = spec.hashColumn ?? 'key_hash';
    const parts = long.map((column, i) => (i < long.length - 1 ? `char_length(\`${column}\`), ':', \`${column}\`, ':'` : `\`${column}\``));
    const keyColumns = spec.columns.flatMap((column) => (column === long[0] ? [hashColumn] : long.includes(column) ? [] : [column]));
    return table
      .addColumn(hashColumn, sql.raw(`binary(32) as (unhex(sha2(concat(${parts.join(', ')}), 256))) stored`))
      .addUniqueConstraint(spec.name, keyColumns as never) as typeof table;
  },

  upsert(query, spec) {
    const refs: UpsertRefs = {
      excluded: (column) => sql`values(${sql.ref(column)})`,
      current: (column) => sql.ref(column),
    };
    return query.onDuplicateKeyUpdate(spec.set(refs) as never) as typeof query;
  },
  // Not INSERT IGNORE: that also turns truncation and other errors into warnings.
  insertIgnore: (query, conflict) => query.onDuplicateKeyUpdate({ [conflict[0]!]: sql.ref(conflict[0]!) } as never) as typeof query,
  forUpdate: (query) => query.forUpdate() as typeof query,
  updateFromRows: updateFromUnion,

  async currentSchema(root) {
    const result = await sql<{ s: string | null }>`select database() as s`.execute(root);
    return result.rows[0]?.s ?? undefined;
  },
  // TRUNCATE gives InnoDB's pages back at once (it commits implicitly; the
  // store never calls it inside a transaction).
  clearTable: async (ctx, table) => {
    await sql`truncate table ${ctx.table(table)}`.execute(ctx.root);
  },
  analyzeTable: async (ctx, table) => {
    await sql`analyze table ${ctx.table(table)}`.execute(ctx.root);
  },
  async createIndex(db, spec) {
    await ignoreErrno(ER_DUP_KEYNAME, () => db.schema.createIndex(spec.name).on(spec.table).expression(indexColumns(spec)).execute());
  },
  async dropIndex(db, spec) {
    // Raw SQL: kysely's schema plugin would qualify the index name with the
    // schema, which MySQL does not accept. In raw SQL the table gets the
    // prefix (a table reference) but not the schema: add it here.
    const table = sql.table(spec.schema === undefined ? spec.table : `${spec.schema}.${spec.table}`);
    await ignoreErrno(ER_CANT_DROP_FIELD_OR_KEY, () => sql`alter table ${table} drop index ${sql.id(spec.name)}`.execute(db));
  },

  classifyError(error): DriverErrorKind | undefined {
    const { errno } = errorFields(error);
    if (errno === ER_DUP_ENTRY) return 'unique_violation';
    if (errno === ER_LOCK_DEADLOCK) return 'deadlock';
    if (errno === ER_CHECKREAD) return 'serialization';
    if (errno === ER_LOCK_WAIT_TIMEOUT) return 'lock_timeout';
    if (errno === ER_SP_DOES_NOT_EXIST) return 'missing_function';
    if (errno === ER_TOO_LONG_KEY) return 'key_too_long';
    return undefined;
  },
  // InnoDB rolls the whole transaction of a deadlock victim back; running
  // the operation again is what the server expects the client to do.
  isRetryable(error) {
    const kind = mysqlDialect.classifyError(error);
    return kind === 'deadlock' || kind === 'serialization';
  },
};

function indexColumns(spec: IndexSpec) {
  return sql.join(spec.columns.map((column) => {
    const length = spec.prefixLengths?.[column];
    return length === undefined ? sql.ref(column) : sql`${sql.ref(column)}(${sql.raw(String(length))})`;
  }));
}

async function ignoreErrno(errno: number, operation: () => Promise<unknown>): Promise<void> {
  try {
    await operation();
  } catch (error) {
    if (errorFields(error).errno !== errno) throw error;
  }
}

/**
 * `UPDATE t, (SELECT ? c0, ? c1 UNION ALL SELECT ?, ? ...) r SET ... WHERE t.key = r.c0`.
 * The row columns are named c0..cn so they never clash with the table's own
 * (an unqualified SET column must be unambiguous in a multi-table UPDATE).
 */
async function updateFromUnion(db: Kysely<any>, spec: UpdateFromRowsSpec): Promise<void> {
  if (spec.rows.length === 0) return;
  const index = new Map(spec.columns.map((column, i) => [column.name, i]));
  const rows = sql.join(
    spec.rows.map((row, r) =>
      r === 0 ? sql`select ${sql.join(row.map((value, i) => sql`${value} as ${sql.id(`c${i}`)}`))}` : sql`select ${sql.join(row.map((value) => sql`${value}`))}`,
    ),
    sql` union all `,
  );
  const set: Record<string, unknown> = {};
  for (const [column, source] of Object.entries(spec.set)) set[column] = 'from' in source ? sql.ref(`r.c${index.get(source.from)!}`) : source.value;
  // A multi-table UPDATE over the table and a derived table of the rows
  // (kysely compiles joins in UPDATE only for PostgreSQL's UPDATE ... FROM).
  await (db as Kysely<any>)
    .updateTable([spec.table, sql`(${rows})`.as('r')] as never)
    .set(set as never)
    .whereRef(`${spec.table}.${spec.key}` as never, '=', 'r.c0' as never)
    .execute();
}
