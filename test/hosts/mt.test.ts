import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { TableLibraryAdapter } from '../../src/library/table-library-adapter.js';
import { hostRecipes } from '../../src/library/recipes/index.js';
import { retagTitle, runHostFlow } from './recipes/host-flow.js';
import { createMtSchema, seedMt } from './seed.js';

async function mt() {
  const database = new Database(':memory:');
  // mt runs with foreign keys on: favorites.track_id references library(id).
  database.pragma('foreign_keys = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
  await createMtSchema(db, 'sqlite');
  const seed = await seedMt(db, 'sqlite');
  return { db, seed };
}

// mt keeps a missing file's row (missing = 1) and its favorite.
const softDelete = (db: Kysely<any>) => async (id: string) => {
  await db.updateTable('library').set({ missing: 1 }).where('id', '=', Number(id)).execute();
  return async () => {
    await db.updateTable('library').set({ missing: 0 }).where('id', '=', Number(id)).execute();
  };
};

describe('mt (SQLite, one local user), built-in recipe', () => {
  it('runs the whole flow: favorites rows with SQLite text timestamps, play counts and lastfm_loved untouched', { timeout: 240_000 }, async () => {
    const { db, seed } = await mt();
    const result = await runHostFlow({
      name: 'mt',
      db,
      seed,
      options: hostRecipes.mt(db),
      removeTrack: softDelete(db),
      retagTrack: (id, title) => retagTitle(db, 'library', 'id', 'title', Number(id), title),
    });
    console.info(`mt/sqlite: ${JSON.stringify(result)}`);
    await db.destroy();
  });

  it('writes the timestamp as mt reads it back', async () => {
    const { db, seed } = await mt();
    const library = new TableLibraryAdapter(hostRecipes.mt(db));
    const free = seed.tracks.find((t) => !t.missing && !seed.manualFavorites.some((m) => m.trackId === t.id))!;
    expect(await library.addFavorites(undefined, [free.id])).toEqual({ added: [free.id] });
    const row = await db.selectFrom('favorites').selectAll().where('track_id', '=', Number(free.id)).executeTakeFirstOrThrow();
    expect(row.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await db.destroy();
  });
});
