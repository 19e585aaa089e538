import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { TableLibraryAdapter } from '../../src/library/table-library-adapter.js';
import { hostRecipes } from '../../src/library/recipes/index.js';
import { runHostFlow } from './recipes/host-flow.js';
import { createNavidromeSchema, seedNavidrome } from './seed.js';

async function navidrome() {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  await createNavidromeSchema(db, 'sqlite');
  const seed = await seedNavidrome(db, 'sqlite');
  return { db, seed };
}

// Navidrome soft-deletes: a missing file keeps its media_file row (missing = 1)
// and its annotation row, star included.
const softDelete = (db: Kysely<any>) => async (id: string) => {
  await db.updateTable('media_file').set({ missing: 1 }).where('id', '=', id).execute();
  return async () => {
    await db.updateTable('media_file').set({ missing: 0 }).where('id', '=', id).execute();
  };
};
const retag = (db: Kysely<any>) => async (id: string, title: string) => {
  const { title: old } = await db.selectFrom('media_file').select('title').where('id', '=', id).executeTakeFirstOrThrow();
  await db.updateTable('media_file').set({ title }).where('id', '=', id).execute();
  return async () => {
    await db.updateTable('media_file').set({ title: old }).where('id', '=', id).execute();
  };
};

describe('Navidrome (SQLite), built-in recipe', () => {
  it('runs the whole flow: stars by flag in the shared annotation row, plays and ratings untouched', { timeout: 240_000 }, async () => {
    const { db, seed } = await navidrome();
    const result = await runHostFlow({ name: 'navidrome', db, seed, options: hostRecipes.navidrome(db), removeTrack: softDelete(db), retagTrack: retag(db) });
    console.info(`navidrome/sqlite: ${JSON.stringify(result)}`);
    await db.destroy();
  });

  it('with favoritesOfRemovedTracks "remove": the star of a missing file goes, and comes back with it', { timeout: 240_000 }, async () => {
    const { db, seed } = await navidrome();
    const options = { ...hostRecipes.navidrome(db), favoritesOfRemovedTracks: 'remove' as const };
    await runHostFlow({ name: 'navidrome-remove', db, seed, options, removeTrack: softDelete(db), retagTrack: retag(db) });
    await db.destroy();
  });

  it('writes rows the player reads: item_type media_file, starred 1, starred_at in the Go driver format; never a new row beside a play-count row', async () => {
    const { db, seed } = await navidrome();
    const library = new TableLibraryAdapter(hostRecipes.navidrome(db));
    await library.validate();
    const user = String(seed.users[0]!.id);
    const rows = await db.selectFrom('annotation').selectAll().where('user_id', '=', user).where('item_type', '=', 'media_file').where('starred', '=', 0).limit(1).execute();
    const withPlays = rows[0]!;
    const fresh = seed.tracks.find((t) => !t.missing && rows.every((r) => r.item_id !== t.id))!;
    const freshNoRow = (await db.selectFrom('annotation').select('item_id').where('user_id', '=', user).where('item_id', '=', fresh.id).execute()).length === 0;
    expect(await library.favorited(user, [withPlays.item_id])).toEqual(new Set());
    const result = await library.addFavorites(user, [withPlays.item_id, fresh.id, withPlays.item_id]);
    expect([...result.added].sort()).toEqual([withPlays.item_id, fresh.id].sort());
    const after = await db.selectFrom('annotation').selectAll().where('user_id', '=', user).where('item_id', '=', withPlays.item_id).execute();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ play_count: withPlays.play_count, rating: withPlays.rating, play_date: withPlays.play_date, starred: 1, item_type: 'media_file' });
    expect(after[0]!.starred_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+00:00$/);
    if (freshNoRow) {
      const created = await db.selectFrom('annotation').selectAll().where('user_id', '=', user).where('item_id', '=', fresh.id).executeTakeFirstOrThrow();
      expect(created).toMatchObject({ item_type: 'media_file', starred: 1 });
    }
    // Twice is a no-op; removal clears the flag and keeps the row.
    expect(await library.addFavorites(user, [withPlays.item_id])).toEqual({ added: [] });
    await library.removeFavorites(user, [withPlays.item_id]);
    const cleared = await db.selectFrom('annotation').selectAll().where('user_id', '=', user).where('item_id', '=', withPlays.item_id).execute();
    expect(cleared).toHaveLength(1);
    expect(cleared[0]).toMatchObject({ starred: 0, play_count: withPlays.play_count, rating: withPlays.rating });
    await db.destroy();
  });
});
