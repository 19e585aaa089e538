import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { TableLibraryAdapter } from '../../src/library/table-library-adapter.js';
import { hostRecipes } from '../../src/library/recipes/index.js';
import { hardDeleteTrack, retagTitle, runHostFlow } from './recipes/host-flow.js';
import { createKoelSchema, seedKoel } from './seed.js';

async function koelSqlite() {
  const database = new Database(':memory:');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
  await createKoelSchema(db, 'sqlite');
  const seed = await seedKoel(db, 'sqlite');
  return { db, seed };
}

// Koel deletes a removed song (its plays go by ON DELETE CASCADE, brought
// back here with the file) but leaves its polymorphic favorite rows.
const removeSong = (db: Kysely<any>) => (id: string) => hardDeleteTrack(db, { table: 'songs', id: 'id', value: id }, [{ table: 'interactions', column: 'song_id' }]);

describe('Koel (SQLite), built-in recipe', () => {
  it('runs the whole flow: polymorphic favorite rows at the next position, never a podcast episode or another user\'s private upload', { timeout: 240_000 }, async () => {
    const { db, seed } = await koelSqlite();
    const result = await runHostFlow({
      name: 'koel',
      db,
      seed,
      options: hostRecipes.koel(db),
      removeTrack: removeSong(db),
      retagTrack: (id, title) => retagTitle(db, 'songs', 'id', 'title', id, title),
    });
    console.info(`koel/sqlite: ${JSON.stringify(result)}`);
    await db.destroy();
  });

  it('writes favoriteable_type playable and increasing positions after the user\'s own; sees private uploads only for their owner', async () => {
    const { db, seed } = await koelSqlite();
    const library = new TableLibraryAdapter(hostRecipes.koel(db));
    await library.validate();
    const [alice, bob] = seed.users.map((u) => u.id);
    const privateTrack = seed.tracks.find((t) => t.visibleOnlyTo === bob)!;
    const publicTracks = seed.tracks.filter((t) => t.visibleOnlyTo === undefined && !seed.manualFavorites.some((m) => m.trackId === t.id)).slice(0, 3);
    expect(await library.visibleTo(alice, [privateTrack.id, publicTracks[0]!.id])).toEqual(new Set([publicTracks[0]!.id]));
    expect(await library.visibleTo(bob, [privateTrack.id])).toEqual(new Set([privateTrack.id]));
    const before = Number((await db.selectFrom('favorites').select((eb) => eb.fn.max('position').as('p')).where('user_id', '=', alice).executeTakeFirstOrThrow()).p ?? 0);
    await library.addFavorites(alice, publicTracks.map((t) => t.id));
    const rows = await db.selectFrom('favorites').selectAll().where('user_id', '=', alice).where('position', '>', before).orderBy('position').execute();
    expect(rows.map((r) => [r.favoriteable_id, r.favoriteable_type, r.position])).toEqual(publicTracks.map((t, i) => [t.id, 'playable', before + 1 + i]));
    expect(rows[0]!.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // Podcast episodes share the songs table: never a track.
    const episodes = await db.selectFrom('songs').select('id').where('podcast_id', 'is not', null).execute();
    expect(episodes.length).toBeGreaterThan(0);
    expect(await library.getTracks(episodes.map((e) => e.id))).toEqual([]);
    await db.destroy();
  });

});
