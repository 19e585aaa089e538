import { sql, type CreateTableBuilder, type InsertQueryBuilder, type Kysely } from 'kysely';
import type { IndexSpec, RowColumn, UniqueKeySpec, UpdateFromRowsSpec, UpsertRefs, UpsertSpec } from './dialect-traits.js';

// Statement forms SQLite and PostgreSQL share (both follow the PostgreSQL
// syntax for upserts and UPDATE ... FROM). @internal

export function onConflictUpsert<QB extends InsertQueryBuilder<any, any, any>>(query: QB, spec: UpsertSpec): QB {
  const refs: UpsertRefs = {
    excluded: (column) => sql.ref(`excluded.${column}`),
    current: (column) => sql.ref(`${spec.table}.${column}`),
  };
  return query.onConflict((oc) => oc.columns(spec.conflict as never).doUpdateSet(spec.set(refs) as never)) as QB;
}

export function onConflictDoNothing<QB extends InsertQueryBuilder<any, any, any>>(query: QB, conflict: readonly string[]): QB {
  return query.onConflict((oc) => oc.columns(conflict as never).doNothing()) as QB;
}

/**
 * `WITH r(cols) AS (VALUES ...) UPDATE t SET ... FROM r WHERE t.key = r.key`.
 * Explicit casts give PostgreSQL the types of the bound values.
 */
export async function updateFromValues(db: Kysely<any>, spec: UpdateFromRowsSpec, castType: (type: RowColumn['type']) => string): Promise<void> {
  if (spec.rows.length === 0) return;
  const casts = spec.columns.map((column) => sql.raw(castType(column.type)));
  const values = sql.join(spec.rows.map((row) => sql`(${sql.join(row.map((value, i) => sql`cast(${value} as ${casts[i]})`))})`));
  const alias = 'r';
  const set: Record<string, unknown> = {};
  for (const [column, source] of Object.entries(spec.set)) set[column] = 'from' in source ? sql.ref(`${alias}.${source.from}`) : source.value;
  const filter = spec.filter;
  await db
    .with(`${alias}(${spec.columns.map((column) => column.name).join(', ')})`, () => sql`(values ${values})` as never)
    .updateTable(spec.table)
    .from(alias as never)
    .set(set as never)
    .whereRef(`${spec.table}.${spec.key}` as never, '=', `${alias}.${spec.columns[0]!.name}` as never)
    .$if(filter !== undefined, (q) => q.where(`${spec.table}.${filter!.column}` as never, '=', filter!.value as never))
    .execute();
}

export async function createIndexIfNotExists(db: Kysely<any>, spec: IndexSpec): Promise<void> {
  let builder = db.schema.createIndex(spec.name).ifNotExists().on(spec.table).columns([...spec.columns]);
  if (spec.where !== undefined) builder = builder.where(spec.where as never);
  await builder.execute();
}

export async function dropIndexIfExists(db: Kysely<any>, spec: { readonly name: string }): Promise<void> {
  await db.schema.dropIndex(spec.name).ifExists().execute();
}

export function standardUniqueKey<B extends CreateTableBuilder<any, any>>(table: B, spec: UniqueKeySpec): B {
  return (spec.primary === true ? table.addPrimaryKeyConstraint(spec.name, [...spec.columns] as never) : table.addUniqueConstraint(spec.name, [...spec.columns] as never)) as B;
}
