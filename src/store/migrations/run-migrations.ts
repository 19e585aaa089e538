import { Migrator } from 'kysely';
import { StoreError } from '../../errors.js';
import type { MigrationReport } from '../loved-track-store.js';
import { describeError, type StoreContext } from '../store-context.js';
import { CacheMigrationProvider } from './index.js';

/**
 * Runs the cache's migrations to the latest, with our own bookkeeping tables
 * (`<prefix>migration`, `<prefix>migration_lock`) so the host's
 * `kysely_migration` is never touched.
 *
 * @internal
 */
export async function runMigrations(ctx: StoreContext): Promise<MigrationReport> {
  if (ctx.schema !== undefined) {
    await ctx.root.schema.createSchema(ctx.schema).ifNotExists().execute();
  }
  // Kysely looks its migration tables up in every schema when none is
  // named: on a PostgreSQL server where another schema holds a cache of its
  // own, it would take that one's tables for ours. Name the schema.
  const migrationSchema = ctx.schema ?? (await currentSchema(ctx));
  const migrator = new Migrator({
    db: ctx.db,
    provider: new CacheMigrationProvider(ctx.prefix, ctx.dialect),
    migrationTableName: `${ctx.prefix}migration`,
    migrationLockTableName: `${ctx.prefix}migration_lock`,
    ...(migrationSchema === undefined ? {} : { migrationTableSchema: migrationSchema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new StoreError(`Migration ${failed?.migrationName ?? ''} of the loved-track cache failed: ${describeError(error)}`.replace('  ', ' '), { cause: error });
  }
  return { applied: (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName) };
}

async function currentSchema(ctx: StoreContext): Promise<string | undefined> {
  try {
    return await ctx.dialect.currentSchema(ctx.root);
  } catch (error) {
    throw new StoreError(`Could not read the current schema of the loved-track cache's database: ${describeError(error)}`, { cause: error });
  }
}
