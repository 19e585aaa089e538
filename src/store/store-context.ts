import { sql, type Kysely, type RawBuilder } from 'kysely';
import { StoreError } from '../errors.js';
import { inListSize, rowsPerStatement, type DialectContext, type DialectTraits } from './dialect.js';
import { CACHE_TABLES, type CacheDatabase } from './schema.js';
import { TablePrefixPlugin } from './table-prefix-plugin.js';

/**
 * What every table module (`src/store/tables/*.ts`) works with: the host's
 * Kysely instance scoped to the cache's schema and table prefix, and the
 * dialect object that answers every "how does this database do X".
 *
 * @internal
 */
export interface StoreContext extends DialectContext {
  /** Scoped (schema) and prefixed: write queries against `CacheDatabase` names. */
  readonly db: Kysely<CacheDatabase>;
  /** Scoped (schema), no prefix plugin: raw SQL and schema statements. */
  readonly root: Kysely<any>;
  readonly prefix: string;
  readonly schema: string | undefined;
  readonly dialect: DialectTraits;
  /** Values per `IN (...)` list. */
  readonly inListSize: number;
  /** Rows per multi-row statement of `columns` bound values each, at most `cap`. */
  rowsPerStatement(columns: number, cap?: number): number;
  /**
   * Runs one store operation: wraps driver errors in {@link StoreError}
   * ("Could not <what> in the loved-track cache: ..."), with the driver error
   * as `cause`, and runs it again where the dialect says the failure was
   * transient (an InnoDB deadlock). `operation` must be safe to repeat as a
   * whole (one transaction, or idempotent statements).
   */
  run<T>(what: string, operation: () => Promise<T>): Promise<T>;
}

const MAX_ATTEMPTS = 4;

/** @internal */
export function createStoreContext(options: { db: Kysely<any>; prefix: string; schema: string | undefined; dialect: DialectTraits }): StoreContext {
  const { prefix, schema, dialect } = options;
  const root = schema === undefined ? options.db : options.db.withSchema(schema);
  const db = root.withPlugin(new TablePrefixPlugin(prefix, CACHE_TABLES)) as Kysely<CacheDatabase>;
  const size = inListSize(dialect);
  return Object.freeze({
    db,
    root,
    prefix,
    schema,
    dialect,
    inListSize: size,
    rowsPerStatement: (columns: number, cap?: number) => rowsPerStatement(dialect, columns, cap),
    table(name: string): RawBuilder<unknown> {
      const full = `${prefix}${name}`;
      return sql.table(schema === undefined ? full : `${schema}.${full}`) as unknown as RawBuilder<unknown>;
    },
    async run<T>(what: string, operation: () => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await operation();
        } catch (error) {
          if (error instanceof StoreError) throw error;
          if (attempt < MAX_ATTEMPTS && dialect.isRetryable(error)) continue;
          throw new StoreError(`Could not ${what} in the loved-track cache: ${describeError(error)}`, { cause: error });
        }
      }
    },
  });
}

/** @internal */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
