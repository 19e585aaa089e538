import type { ColumnDefinitionBuilder, CreateTableBuilder, Expression, InsertQueryBuilder, Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';

/**
 * The SQL dialects the store supports.
 */
export type StoreDialect = 'sqlite' | 'postgres' | 'mysql';

/** A column type the store hands to kysely's schema builder. @internal */
export type ColumnType = Parameters<CreateTableBuilder<any, any>['addColumn']>[1];

/**
 * References an upsert's update branch may use: the value the INSERT tried to
 * write (`excluded`) and the value already stored (`current`).
 *
 * @internal
 */
export interface UpsertRefs {
  excluded(column: string): RawBuilder<any>;
  current(column: string): RawBuilder<any>;
}

/** What {@link DialectTraits.upsert} writes. @internal */
export interface UpsertSpec {
  /** Unprefixed table name of the insert (for `current`). */
  readonly table: string;
  /** The unique key the insert may collide with. */
  readonly conflict: readonly string[];
  /** Columns to set when the row exists. */
  readonly set: (refs: UpsertRefs) => Record<string, unknown>;
}

/** A primary or unique key of a new table. @internal */
export interface UniqueKeySpec {
  /** Full constraint name (prefix included). */
  readonly name: string;
  readonly columns: readonly string[];
  /** A primary key where the dialect can (else a unique key). */
  readonly primary?: boolean;
  /**
   * Columns among `columns` that hold unbounded text (artist, title,
   * normalized keys). Where an index key has a byte limit (MySQL), they are
   * replaced in the key by one stored hash column over them.
   */
  readonly long?: readonly string[];
  /** Name of that hash column. @default 'key_hash' */
  readonly hashColumn?: string;
}

/** One secondary index. @internal */
export interface IndexSpec {
  /** Full index name (prefix included). */
  readonly name: string;
  /** Unprefixed table name. */
  readonly table: string;
  readonly columns: readonly string[];
  /**
   * Characters of each long text column that go into the index, for dialects
   * that cannot index a whole long column (MySQL). Others ignore it.
   */
  readonly prefixLengths?: Readonly<Record<string, number>>;
  /** A partial-index predicate; dialects without partial indexes index every row. */
  readonly where?: (eb: any) => Expression<any>;
}

/** One typed column of a batch update. @internal */
export interface RowColumn {
  readonly name: string;
  readonly type: 'integer' | 'text' | 'real';
}

/** What {@link DialectTraits.updateFromRows} writes. @internal */
export interface UpdateFromRowsSpec {
  /** Unprefixed table name. */
  readonly table: string;
  /** Column of `table` the first row column is matched with. */
  readonly key: string;
  /** Columns of each row; the first is the key. */
  readonly columns: readonly RowColumn[];
  readonly rows: readonly (readonly unknown[])[];
  /** Column of `table` -> row column name (string) or a fixed value. */
  readonly set: Readonly<Record<string, { readonly from: string } | { readonly value: unknown }>>;
  /**
   * An extra `column = value` condition on `table` (the user column of a
   * per-user table, so a distributed engine routes the statement to one shard).
   */
  readonly filter?: { readonly column: string; readonly value: unknown } | undefined;
}

/** How a driver error is classified, across dialects. @internal */
export type DriverErrorKind = 'unique_violation' | 'deadlock' | 'serialization' | 'lock_timeout' | 'missing_function' | 'key_too_long';

/**
 * Everything that differs between the SQL dialects the store speaks. The
 * table modules (`src/store/tables/`) and migrations ask this object instead
 * of testing the dialect's name; a new dialect is a new folder under
 * `src/store/dialects/` with one object implementing this interface.
 *
 * Table names given to these helpers are the unprefixed names of
 * `CacheDatabase`: the `db` they get carries the prefix plugin (or, for raw
 * SQL, `table` resolves the prefixed, schema-qualified name).
 *
 * @internal
 */
export interface DialectTraits {
  readonly dialect: StoreDialect;
  /** Bound parameters one statement may carry (with a safety margin). */
  readonly maxParameters: number;

  // Column types.
  /** Column type of the auto-increment primary key. */
  readonly serialType: ColumnType;
  /** Column type of unix times and other large integers. */
  readonly bigintType: ColumnType;
  /** Column type of the match score. */
  readonly realType: ColumnType;
  /** Type name of `realType` inside a `cast(... as ...)`. */
  readonly realCastType: string;
  /**
   * Column type of a text that is part of a key or an index and must compare
   * exactly (case- and accent-sensitive): ids, user names, normalized keys.
   * `maxChars` bounds it where the dialect needs a length (MySQL); others
   * give `text`.
   */
  keyType(maxChars: number): ColumnType;
  /**
   * Column type of free or unbounded text (artist, title, normalized keys):
   * `text`; on MySQL `text` with a binary collation (exact comparison), which
   * an index can only cover by a prefix (`IndexSpec.prefixLengths`) and a
   * unique key only through a hash (`UniqueKeySpec.long`).
   */
  readonly textType: ColumnType;
  /** Makes `col` the auto-increment primary key (its type: `serialType`). */
  serialColumn(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Adds a primary or unique key to a table being created. */
  uniqueKey<B extends CreateTableBuilder<any, any>>(table: B, spec: UniqueKeySpec): B;

  // What the SQL can do.
  readonly supports: {
    /** `UPDATE ... RETURNING`. */
    readonly updateReturning: boolean;
    /** `INSERT ... ON CONFLICT ... DO UPDATE ... WHERE` (a conditional upsert). */
    readonly conditionalUpsert: boolean;
    /** Partial indexes (`CREATE INDEX ... WHERE`). */
    readonly partialIndexes: boolean;
    /** `CREATE SCHEMA` for the `schema` option (a database on MySQL). */
    readonly schemas: boolean;
  };

  // Statement forms.
  /** Turns an INSERT into an upsert on `spec.conflict`. */
  upsert<QB extends InsertQueryBuilder<any, any, any>>(query: QB, spec: UpsertSpec): QB;
  /** Turns an INSERT into one that skips rows colliding on `conflict`. */
  insertIgnore<QB extends InsertQueryBuilder<any, any, any>>(query: QB, conflict: readonly string[]): QB;
  /** Adds a row lock for the rest of the transaction where the dialect has one. */
  forUpdate<QB extends SelectQueryBuilder<any, any, any>>(query: QB): QB;
  /**
   * One statement per call that sets columns of `spec.table` from a list of
   * rows matched on `spec.key` (`UPDATE ... FROM (VALUES ...)`, or a join on
   * MySQL). The caller sizes `rows` from `maxParameters`.
   */
  updateFromRows(db: Kysely<any>, spec: UpdateFromRowsSpec): Promise<void>;

  // Catalog and maintenance.
  /** The schema unqualified table names resolve to (PostgreSQL), if any. */
  currentSchema(root: Kysely<any>): Promise<string | undefined>;
  /** Removes every row of a table, giving the space back where that needs a TRUNCATE. */
  clearTable(ctx: DialectContext, table: string): Promise<void>;
  /** Refreshes planner statistics after a bulk load, where that helps. */
  analyzeTable(ctx: DialectContext, table: string): Promise<void>;
  /**
   * Creates an index unless it exists. `db` is the scoped, prefixed instance
   * (the store's, or the one a migration gets).
   */
  createIndex(db: Kysely<any>, spec: IndexSpec): Promise<void>;
  /**
   * Drops an index if it exists. `schema` is the store's `schema` option
   * (raw SQL on MySQL needs it spelled out).
   */
  dropIndex(db: Kysely<any>, spec: { readonly name: string; readonly table: string; readonly schema?: string | undefined }): Promise<void>;

  // Errors.
  /** What a driver error means, when it is one the store reacts to. */
  classifyError(error: unknown): DriverErrorKind | undefined;
  /** Whether an operation that failed with `error` may be run again as a whole. */
  isRetryable(error: unknown): boolean;
}

/** What dialect helpers that run statements need from the store. @internal */
export interface DialectContext {
  /** Scoped (schema), prefixed Kysely instance. */
  readonly db: Kysely<any>;
  /** Scoped (schema) Kysely instance without the prefix plugin, for raw SQL. */
  readonly root: Kysely<any>;
  readonly prefix: string;
  readonly schema: string | undefined;
  /** The prefixed, schema-qualified table, for raw SQL. */
  table(name: string): RawBuilder<unknown>;
}

/**
 * Rows per statement so that `columns * rows` stays under the dialect's
 * parameter limit (and under `cap`, to keep statements a sensible size).
 *
 * @internal
 */
export function rowsPerStatement(traits: DialectTraits, columns: number, cap = 1000): number {
  return Math.max(1, Math.min(cap, Math.floor(traits.maxParameters / columns)));
}

/** Values per `IN (...)` list. @internal */
export function inListSize(traits: DialectTraits): number {
  return Math.min(1000, traits.maxParameters - 10);
}

/** `error.code`, `error.errno` and friends, without importing a driver. @internal */
export function errorFields(error: unknown): { code?: unknown; errno?: unknown; message: string } {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const e = error as { code?: unknown; errno?: unknown; message?: unknown };
  return { code: e.code, errno: e.errno, message: typeof e.message === 'string' ? e.message : String(error) };
}
