import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { TableLibraryAdapter } from '../../src/library/table-library-adapter.js';
import { hostRecipes } from '../../src/library/recipes/index.js';
import { hardDeleteTrack, retagTitle, runHostFlow } from './recipes/host-flow.js';
import { createGonicSchema, seedGonic } from './seed.js';

async function gonic() {
  const database = new Database(':memory:');
  // gonic opens SQLite with foreign_keys(ON): deletes cascade to stars, plays, ratings.
  database.pragma('foreign_keys = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
  await createGonicSchema(db, 'sqlite');
  const seed = await seedGonic(db, 'sqlite');
  return { db, seed };
}

describe('gonic (SQLite), built-in recipe', () => {
  it('runs the whole flow: star rows in track_stars, album from the album folder, plays and ratings untouched', { timeout: 240_000 }, async () => {
    const { db, seed } = await gonic();
    const result = await runHostFlow({
      name: 'gonic',
      db,
      seed,
      options: hostRecipes.gonic(db),
      removeTrack: (id) =>
        hardDeleteTrack(db, { table: 'tracks', id: 'id', value: Number(id) }, [
          { table: 'track_credits', column: 'track_id' },
          { table: 'track_plays', column: 'track_id' },
          { table: 'track_ratings', column: 'track_id' },
          { table: 'track_stars', column: 'track_id', isFavorites: true },
        ]),
      retagTrack: (id, title) => retagTitle(db, 'tracks', 'id', 'tag_title', Number(id), title),
    });
    console.info(`gonic/sqlite: ${JSON.stringify(result)}`);
    await db.destroy();
  });

  it('reads the album from the album folder and writes star_date in the format already in the column', async () => {
    const { db, seed } = await gonic();
    const library = new TableLibraryAdapter(hostRecipes.gonic(db));
    await library.validate();
    const [track] = await library.getTracks([seed.tracks[0]!.id]);
    expect(track).toMatchObject({ title: seed.tracks[0]!.title, album: seed.tracks[0]!.album, durationMs: seed.tracks[0]!.durationMs });
    const sample = (await db.selectFrom('track_stars').select('star_date').executeTakeFirstOrThrow()).star_date as string;
    const free = seed.tracks.find((t) => !seed.manualFavorites.some((m) => m.trackId === t.id))!;
    await library.addFavorites(1, [free.id]);
    const written = (await db.selectFrom('track_stars').select('star_date').where('track_id', '=', Number(free.id)).executeTakeFirstOrThrow()).star_date as string;
    expect(written.includes('T')).toBe(sample.includes('T'));
    await db.destroy();
  });
});
