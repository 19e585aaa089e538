import { afterAll, describe, it } from 'vitest';
import { KyselyLovedTrackStore } from '../../src/store/kysely-store.js';
import { defineStoreConformanceSuite } from '../../src/testing/store-conformance.js';
import { databaseBackends } from '../support/databases.js';

for (const backend of databaseBackends()) {
  afterAll(() => backend.close());
  defineStoreConformanceSuite(
    { describe, it },
    {
      name: backend.name,
      async createStore() {
        const database = await backend.create();
        const store = new KyselyLovedTrackStore({ db: database.db });
        await store.migrate();
        return { store, cleanup: () => database.destroy() };
      },
    },
  );
  // Hosts choose their own prefix, and on PostgreSQL their own schema.
  defineStoreConformanceSuite(
    { describe, it },
    {
      name: `${backend.name}, custom prefix${backend.name.startsWith('sqlite') ? '' : ' and schema'}`,
      async createStore() {
        const database = await backend.create();
        // On MySQL a schema is a database of its own.
        const schema = database.dialect === 'sqlite' ? undefined : `lastfm_${Math.random().toString(36).slice(2, 8)}`;
        const store = new KyselyLovedTrackStore({ db: database.db, tablePrefix: 'myapp_lfm_', schema });
        await store.migrate();
        return {
          store,
          cleanup: async () => {
            if (schema !== undefined) {
              const drop = database.db.schema.dropSchema(schema).ifExists();
              await (database.dialect === 'mysql' ? drop : drop.cascade()).execute();
            }
            await database.destroy();
          },
        };
      },
    },
  );
}
