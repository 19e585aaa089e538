import type { Migration, MigrationProvider } from 'kysely';
import type { DialectTraits } from '../dialect.js';
import { initialMigration } from './0001-initial.js';

/**
 * The cache's migrations, in code (no file system access, so bundlers and
 * single-file apps work). Names sort in the order they run.
 *
 * @internal
 */
export class CacheMigrationProvider implements MigrationProvider {
  readonly #prefix: string;
  readonly #traits: DialectTraits;

  constructor(prefix: string, traits: DialectTraits) {
    this.#prefix = prefix;
    this.#traits = traits;
  }

  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '0001_initial': initialMigration(this.#prefix, this.#traits),
    };
  }
}
