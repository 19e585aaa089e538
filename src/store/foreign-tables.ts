import { sql, type Kysely } from 'kysely';
import { ForeignTableError } from '../errors.js';
import { readHostTable, type HostDialect } from '../library/host-catalog.js';
import { CacheMigrationProvider } from './migrations/index.js';
import { CACHE_TABLES } from './schema.js';
import type { StoreContext } from './store-context.js';

// Columns each table of the first migration has; a table with our name
// but without them is someone else's.
const INITIAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  loved_tracks: ['id', 'user', 'artist', 'title', 'artist_key', 'title_key', 'keys_fingerprint', 'matched_track_id', 'last_seen_at'],
  sync_state: ['user', 'cursor_loved_at', 'total_reported'],
  sync_leases: ['user', 'owner', 'expires_at_ms'],
  auto_favorites: ['user', 'host_user', 'track_id', 'removed_reason'],
  track_keys: ['track_id', 'artist_key', 'title_key', 'is_primary', 'indexed_at'],
  match_decisions: ['user', 'artist', 'title', 'track_id', 'decision'],
  cache_meta: ['key', 'value'],
};
// What kysely's Migrator creates.
const MIGRATION_COLUMNS = ['name', 'timestamp'];
const LOCK_COLUMNS = ['id', 'is_locked'];

/**
 * Refuses to migrate when a table with one of the cache's names (its
 * tables, its migration and migration-lock tables) exists but was not
 * created by the cache's migrations: its columns are not ours, or our
 * bookkeeping does not record it. Runs before `migrate()` creates anything,
 * so a refusal leaves nothing behind, and the host's table is never
 * written through our names.
 *
 * @throws {@link ForeignTableError} naming the table.
 * @internal
 */
export async function assertNoForeignTables(ctx: StoreContext): Promise<void> {
  const { root: db, prefix, schema } = ctx;
  const traits = ctx.dialect;
  const dialect = traits.dialect as HostDialect;
  const migrationTable = `${prefix}migration`;
  const lockTable = `${prefix}migration_lock`;
  const cacheTables = CACHE_TABLES.map((table) => `${prefix}${table}`);
  const present = await existingTables(db, dialect, schema, [migrationTable, lockTable, ...cacheTables]);
  if (present.size === 0) return;
  const qualified = (table: string) => (schema === undefined ? table : `${schema}.${table}`);
  const columnsOf = async (table: string) => [...((await readHostTable(db, dialect, qualified(table)))?.columns.keys() ?? [])];

  let applied = new Set<string>();
  if (present.has(migrationTable)) {
    const columns = await columnsOf(migrationTable);
    if (!sameColumns(columns, MIGRATION_COLUMNS)) throw new ForeignTableError(migrationTable, `its columns are (${columns.join(', ')}), not a migration table's (name, timestamp)`);
    const known = new Set(Object.keys(await new CacheMigrationProvider(prefix, traits).getMigrations()));
    const rows = (await db.selectFrom(qualified(migrationTable)).select('name').execute()) as { name: string }[];
    const foreign = rows.map((row) => row.name).filter((name) => !known.has(name));
    if (foreign.length > 0) {
      throw new ForeignTableError(migrationTable, `it records migrations that are not ours (or of a newer version): ${foreign.slice(0, 3).map((name) => JSON.stringify(name)).join(', ')}`);
    }
    applied = new Set(rows.map((row) => row.name));
  }
  if (present.has(lockTable)) {
    const columns = await columnsOf(lockTable);
    if (!sameColumns(columns, LOCK_COLUMNS)) throw new ForeignTableError(lockTable, `its columns are (${columns.join(', ')}), not a migration lock table's (id, is_locked)`);
  }
  for (const [i, table] of cacheTables.entries()) {
    if (!present.has(table)) continue;
    if (applied.size === 0) throw new ForeignTableError(table, `our migration table ${JSON.stringify(migrationTable)} ${present.has(migrationTable) ? 'records no migration' : 'does not exist'}`);
    const expected = INITIAL_COLUMNS[CACHE_TABLES[i]!];
    if (expected === undefined) continue;
    const columns = new Set(await columnsOf(table));
    const missing = expected.filter((column) => !columns.has(column));
    if (missing.length > 0) throw new ForeignTableError(table, `it has no ${missing.slice(0, 3).join(', ')} column${missing.length > 1 ? 's' : ''}`);
  }
}

function sameColumns(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && expected.every((column) => actual.includes(column));
}

async function existingTables(db: Kysely<any>, dialect: HostDialect, schema: string | undefined, names: readonly string[]): Promise<Set<string>> {
  const list = sql.join(names.map((name) => sql`${name}`));
  let rows: { name: string }[];
  if (dialect === 'sqlite') {
    const master = schema === undefined ? sql`sqlite_master` : sql`${sql.id(schema)}.sqlite_master`;
    rows = (await sql<{ name: string }>`select name from ${master} where type in ('table', 'view') and name in (${list})`.execute(db)).rows;
  } else if (dialect === 'postgres') {
    const s = schema === undefined ? sql`current_schema()` : sql`${schema}`;
    rows = (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${s} and table_name in (${list})`.execute(db)).rows;
  } else {
    const s = schema === undefined ? sql`database()` : sql`${schema}`;
    rows = (await sql<{ name: string }>`select TABLE_NAME as name from information_schema.TABLES where TABLE_SCHEMA = ${s} and TABLE_NAME in (${list})`.execute(db)).rows;
  }
  return new Set(rows.map((row) => row.name));
}
