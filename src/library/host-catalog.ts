import { sql, type Kysely } from 'kysely';

/** The SQL dialects of a host database the table adapter can read the catalog of. @internal */
export type HostDialect = 'sqlite' | 'postgres' | 'mysql';

/** One column as the host's catalog describes it. @internal */
export interface HostColumn {
  readonly name: string;
  /** The declared type, lower case (`integer`, `timestamp with time zone`, `datetime`, ...). */
  readonly type: string;
  readonly notNull: boolean;
  /** Has a default, is generated, or is an auto-increment key: an insert may leave it out. */
  readonly hasDefault: boolean;
}

/** A table as the catalog describes it. @internal */
export interface HostTable {
  readonly columns: ReadonlyMap<string, HostColumn>;
  /** Column sets of the unique indexes and constraints (the primary key included). */
  readonly uniqueKeys: readonly (readonly string[])[];
}

/**
 * Works out the dialect of a Kysely instance from its adapter's class name
 * (a dialect package may bring its own copy of kysely, so no `instanceof`).
 *
 * @internal
 */
export function detectHostDialect(db: Kysely<any>): HostDialect | undefined {
  const name = db.getExecutor().adapter.constructor.name.toLowerCase();
  if (name.includes('sqlite')) return 'sqlite';
  if (name.includes('postgres') || name.includes('pglite')) return 'postgres';
  if (name.includes('mysql') || name.includes('maria')) return 'mysql';
  return undefined;
}

function splitTable(table: string): { schema: string | undefined; name: string } {
  const dot = table.indexOf('.');
  return dot === -1 ? { schema: undefined, name: table } : { schema: table.slice(0, dot), name: table.slice(dot + 1) };
}

/**
 * Reads a table's columns and unique keys from the catalog: SQLite
 * `pragma_table_info`/`pragma_index_list`, PostgreSQL `information_schema`
 * and `pg_catalog` (the current schema unless the name says `schema.table`),
 * MySQL `information_schema` (the current database unless named).
 * `undefined` when the table does not exist.
 *
 * @internal
 */
export async function readHostTable(db: Kysely<any>, dialect: HostDialect, table: string): Promise<HostTable | undefined> {
  const { schema, name } = splitTable(table);
  if (dialect === 'sqlite') return readSqlite(db, schema, name);
  if (dialect === 'postgres') return readPostgres(db, schema, name);
  return readMysql(db, schema, name);
}

async function readSqlite(db: Kysely<any>, schema: string | undefined, name: string): Promise<HostTable | undefined> {
  const s = schema ?? 'main';
  const { rows } = await sql<{ name: string; type: string; notnull: number; dflt_value: unknown; pk: number }>`select name, type, "notnull", dflt_value, pk from pragma_table_info(${name}, ${s})`.execute(db);
  if (rows.length === 0) return undefined;
  const pkColumns = rows.filter((row) => row.pk > 0);
  const columns = new Map<string, HostColumn>();
  for (const row of rows) {
    const type = String(row.type ?? '').toLowerCase();
    // INTEGER PRIMARY KEY is the rowid: SQLite fills it.
    const rowid = row.pk > 0 && pkColumns.length === 1 && type === 'integer';
    columns.set(row.name, { name: row.name, type, notNull: row.notnull === 1 || (row.pk > 0 && !rowid), hasDefault: row.dflt_value !== null || rowid });
  }
  const uniqueKeys: string[][] = [];
  if (pkColumns.length > 0) uniqueKeys.push(pkColumns.sort((a, b) => a.pk - b.pk).map((row) => row.name));
  const { rows: indexes } = await sql<{ name: string; unique: number; partial: number }>`select name, "unique", partial from pragma_index_list(${name}, ${s})`.execute(db);
  for (const index of indexes) {
    if (index.unique !== 1 || index.partial === 1) continue;
    const { rows: cols } = await sql<{ name: string | null }>`select name from pragma_index_info(${index.name}, ${s}) order by seqno`.execute(db);
    if (cols.every((col) => col.name !== null)) uniqueKeys.push(cols.map((col) => col.name!));
  }
  return { columns, uniqueKeys };
}

async function readPostgres(db: Kysely<any>, schema: string | undefined, name: string): Promise<HostTable | undefined> {
  const schemaExpr = schema === undefined ? sql`current_schema()` : sql`${schema}`;
  const { rows } = await sql<{ column_name: string; data_type: string; udt_name: string; is_nullable: string; column_default: string | null; is_identity: string; is_generated: string }>`
    select column_name, data_type, udt_name, is_nullable, column_default, is_identity, is_generated
    from information_schema.columns
    where table_schema = ${schemaExpr} and table_name = ${name}
    order by ordinal_position`.execute(db);
  if (rows.length === 0) return undefined;
  const columns = new Map<string, HostColumn>();
  for (const row of rows) {
    const type = (row.data_type === 'USER-DEFINED' ? row.udt_name : row.data_type).toLowerCase();
    columns.set(row.column_name, {
      name: row.column_name,
      type,
      notNull: row.is_nullable === 'NO',
      hasDefault: row.column_default !== null || row.is_identity === 'YES' || row.is_generated === 'ALWAYS',
    });
  }
  const { rows: keys } = await sql<{ columns: string[] | string }>`
    select array(select a.attname from unnest(i.indkey) with ordinality k(attnum, n)
                 join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum order by k.n)::text[] as columns
    from pg_catalog.pg_index i
    join pg_catalog.pg_class c on c.oid = i.indrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schemaExpr} and c.relname = ${name} and i.indisunique and i.indpred is null`.execute(db);
  const uniqueKeys = keys.map((row) => (Array.isArray(row.columns) ? row.columns : parsePgArray(row.columns)));
  return { columns, uniqueKeys };
}

function parsePgArray(text: string): string[] {
  return text.replace(/^\{|\}$/g, '').split(',').filter((part) => part !== '').map((part) => part.replace(/^"|"$/g, ''));
}

async function readMysql(db: Kysely<any>, schema: string | undefined, name: string): Promise<HostTable | undefined> {
  const schemaExpr = schema === undefined ? sql`database()` : sql`${schema}`;
  const { rows } = await sql<{ COLUMN_NAME: string; COLUMN_TYPE: string; DATA_TYPE: string; IS_NULLABLE: string; COLUMN_DEFAULT: unknown; EXTRA: string }>`
    select COLUMN_NAME, COLUMN_TYPE, DATA_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA
    from information_schema.COLUMNS
    where TABLE_SCHEMA = ${schemaExpr} and TABLE_NAME = ${name}
    order by ORDINAL_POSITION`.execute(db);
  if (rows.length === 0) return undefined;
  const columns = new Map<string, HostColumn>();
  for (const row of rows) {
    const extra = String(row.EXTRA ?? '').toLowerCase();
    columns.set(row.COLUMN_NAME, {
      name: row.COLUMN_NAME,
      type: String(row.DATA_TYPE).toLowerCase() === 'tinyint' && /^tinyint\(1\)/i.test(String(row.COLUMN_TYPE)) ? 'tinyint(1)' : String(row.DATA_TYPE).toLowerCase(),
      notNull: row.IS_NULLABLE === 'NO',
      // MariaDB reports a missing default as the string 'NULL' on nullable columns, NULL otherwise.
      hasDefault: (row.COLUMN_DEFAULT !== null && row.COLUMN_DEFAULT !== undefined) || extra.includes('auto_increment') || extra.includes('generated'),
    });
  }
  const { rows: keys } = await sql<{ INDEX_NAME: string; COLUMN_NAME: string }>`
    select INDEX_NAME, COLUMN_NAME from information_schema.STATISTICS
    where TABLE_SCHEMA = ${schemaExpr} and TABLE_NAME = ${name} and NON_UNIQUE = 0
    order by INDEX_NAME, SEQ_IN_INDEX`.execute(db);
  const byIndex = new Map<string, string[]>();
  for (const row of keys) {
    const list = byIndex.get(row.INDEX_NAME);
    if (list === undefined) byIndex.set(row.INDEX_NAME, [row.COLUMN_NAME]);
    else list.push(row.COLUMN_NAME);
  }
  return { columns, uniqueKeys: [...byIndex.values()] };
}
