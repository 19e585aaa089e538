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
}
