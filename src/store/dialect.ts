/**
 * Entry point of the dialect layer, kept at this path for the modules that
 * import it. Every dialect difference lives in `./dialects/` (one folder per
 * dialect, one {@link DialectTraits} object each).
 *
 * @module
 */
export type { ColumnType, DialectContext, DialectTraits, DriverErrorKind, IndexSpec, StoreDialect, UniqueKeySpec, UpdateFromRowsSpec, UpsertRefs, UpsertSpec } from './dialects/dialect-traits.js';
export { inListSize, rowsPerStatement } from './dialects/dialect-traits.js';
export { DIALECT_NAMES, DIALECTS, adapterName, detectDialect, dialectTraits } from './dialects/index.js';
