import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { TableLibraryAdapter } from '../../src/library/table-library-adapter.js';
import { hostRecipes } from '../../src/library/recipes/index.js';
import { retagTitle, runHostFlow } from './recipes/host-flow.js';
import { createJellyfinSchema, JELLYFIN_TYPES, PLACEHOLDER_ITEM_ID, seedJellyfin } from './seed.js';

async function jellyfin() {
  const database = new Database(':memory:');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
  await createJellyfinSchema(db, 'sqlite');
  const seed = await seedJellyfin(db, 'sqlite');
  return { db, seed };
}

// Jellyfin removes the item but detaches its user data to the placeholder
// item (with a RetentionDate) and re-attaches it by key when it returns.
const removeItem = (db: Kysely<any>) => async (id: string) => {
  const item = await db.selectFrom('BaseItems').selectAll().where('Id', '=', id).executeTakeFirstOrThrow();
  const maps = await db.selectFrom('ItemValuesMap').selectAll().where('ItemId', '=', id).execute();
  const ancestors = await db.selectFrom('AncestorIds').selectAll().where('ItemId', '=', id).execute();
  const keys = (await db.selectFrom('UserData').select(['UserId', 'CustomDataKey']).where('ItemId', '=', id).execute()) as { UserId: string; CustomDataKey: string }[];
  await db.updateTable('UserData').set({ ItemId: PLACEHOLDER_ITEM_ID, RetentionDate: '2026-12-01 00:00:00' }).where('ItemId', '=', id).execute();
  await db.deleteFrom('BaseItems').where('Id', '=', id).execute();
  return async () => {
    await db.insertInto('BaseItems').values(item).execute();
    if (maps.length > 0) await db.insertInto('ItemValuesMap').values(maps).execute();
    if (ancestors.length > 0) await db.insertInto('AncestorIds').values(ancestors).execute();
    for (const key of keys) {
      await db.updateTable('UserData').set({ ItemId: id, RetentionDate: null }).where('ItemId', '=', PLACEHOLDER_ITEM_ID).where('UserId', '=', key.UserId).where('CustomDataKey', '=', key.CustomDataKey).execute();
    }
  };
};

describe('Jellyfin (SQLite), built-in recipe', () => {
  it('runs the whole flow: IsFavorite in the shared UserData rows, only audio items, ticks; plays and ratings untouched', { timeout: 240_000 }, async () => {
    const { db, seed } = await jellyfin();
    const result = await runHostFlow({
      name: 'jellyfin',
      db,
      seed,
      options: hostRecipes.jellyfin(db),
      removeTrack: removeItem(db),
      retagTrack: (id, title) => retagTitle(db, 'BaseItems', 'Id', 'Name', id, title),
    });
    console.info(`jellyfin/sqlite: ${JSON.stringify(result)}`);
    await db.destroy();
  });

  it('sets the flag on every user-data row of the item, inserts one keyed by the item id when none exists, reads only audio items in ms', async () => {
    const { db, seed } = await jellyfin();
    const library = new TableLibraryAdapter(hostRecipes.jellyfin(db));
    await library.validate();
    const user = String(seed.users[0]!.id);
    const withRows = (await db.selectFrom('UserData').select('ItemId').where('UserId', '=', user).where('IsFavorite', '=', 0).where('ItemId', 'in', seed.tracks.map((t) => t.id)).execute())[0]!.ItemId as string;
    const taken = new Set((await db.selectFrom('UserData').select('ItemId').where('UserId', '=', user).execute()).map((r) => r.ItemId));
    const bare = seed.tracks.find((t) => !taken.has(t.id))!.id;
    expect(await library.addFavorites(user, [withRows, bare])).toEqual({ added: [withRows, bare] });
    const rows = await db.selectFrom('UserData').selectAll().where('UserId', '=', user).where('ItemId', 'in', [withRows, bare]).execute();
    expect(rows.filter((r) => r.ItemId === withRows).length).toBe(2);
    expect(rows.every((r) => r.IsFavorite === 1)).toBe(true);
    expect(rows.find((r) => r.ItemId === bare)).toMatchObject({ CustomDataKey: bare.toLowerCase(), PlayCount: 0, Played: 0, PlaybackPositionTicks: 0 });
    const [track] = await library.getTracks([seed.tracks[0]!.id]);
    expect(track!.durationMs).toBe(seed.tracks[0]!.durationMs);
    const others = await db.selectFrom('BaseItems').select('Id').where('Type', '<>', JELLYFIN_TYPES.audio).execute();
    expect(await library.getTracks(others.map((o) => o.Id))).toEqual([]);
    await db.destroy();
  });
});
