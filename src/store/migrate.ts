import type { Kysely } from 'kysely';
import { KyselyLovedTrackStore, type KyselyStoreOptions } from './kysely-store.js';
import type { MigrationReport } from './loved-track-store.js';

/**
 * Creates or upgrades the cache's tables in the host's database: a shortcut
 * for `new KyselyLovedTrackStore({ db, ...options }).migrate()`. Uses its own
 * migration table (`<prefix>migration`), never the host's `kysely_migration`;
 * running it twice is a no-op.
 *
 * @example
 * ```ts
 * await migrateToLatest(db); // { applied: ['0001_initial'] }, then { applied: [] }
 * ```
 */
export async function migrateToLatest(db: Kysely<any>, options: Omit<KyselyStoreOptions, 'db'> = {}): Promise<MigrationReport> {
  return new KyselyLovedTrackStore({ db, ...options }).migrate();
}
