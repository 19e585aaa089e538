import { IdentifierError } from '../errors.js';

// Host configuration names tables and columns; they end up in SQL as
// identifiers (kysely quotes them, but a name with a quote or a dot in the
// wrong place is still a configuration mistake we want to report at once).
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Returns `name` when it is a plain SQL identifier, else throws
 * {@link IdentifierError} naming the option it came from.
 */
export function assertIdentifier(name: unknown, what: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) throw new IdentifierError(String(name), what);
  return name;
}

/**
 * Accepts `table` or `schema.table`; each part must be a plain identifier.
 */
export function assertTableName(name: unknown, what: string): string {
  if (typeof name !== 'string') throw new IdentifierError(String(name), what);
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) throw new IdentifierError(name, what);
  return name;
}

/** A table prefix may be empty; otherwise it must itself be identifier-like. */
export function assertPrefix(prefix: unknown, what: string): string {
  if (prefix === '') return prefix;
  if (typeof prefix !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,30}$/.test(prefix)) throw new IdentifierError(String(prefix), what);
  return prefix;
}
