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
        const schema = database.dialect === 'postgres' ? `lastfm_${Math.random().toString(36).slice(2, 8)}` : undefined;
        const store = new KyselyLovedTrackStore({ db: database.db, tablePrefix: 'myapp_lfm_', schema });
        await store.migrate();
        return {
          store,
          cleanup: async () => {
            if (schema !== undefined) await database.db.schema.dropSchema(schema).cascade().execute();
            await database.destroy();
          },
        };
      },
    },
  );
}
