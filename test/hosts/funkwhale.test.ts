import { describe, expect, it, afterAll } from 'vitest';
import { TableLibraryAdapter } from '../../src/library/table-library-adapter.js';
import { hostRecipes } from '../../src/library/recipes/index.js';
import { databaseBackends } from '../support/databases.js';
import { hardDeleteTrack, retagTitle, runHostFlow } from './recipes/host-flow.js';
import { createFunkwhaleSchema, seedFunkwhale } from './seed.js';

// Funkwhale runs on PostgreSQL only: PGlite, and the server at LOVED_CACHE_PG_URL when set.
const backends = databaseBackends().filter((backend) => backend.name === 'pglite' || backend.name === 'postgres');

for (const backend of backends) {
  describe(`Funkwhale (${backend.name}), built-in recipe`, () => {
    afterAll(() => backend.close());

    it('runs the whole flow: favorite rows with uuid, fid and privacy level, artists from credits, only tracks the actor may play', { timeout: 240_000 }, async () => {
      const database = await backend.create();
      try {
        const { db } = database;
        await createFunkwhaleSchema(db, 'postgres');
        const seed = await seedFunkwhale(db, 'postgres');
        const result = await runHostFlow({
          name: 'funkwhale',
          db,
          seed,
          options: hostRecipes.funkwhale(db),
          // Django deletes what points at the track (on_delete=CASCADE in Python), then the track.
          removeTrack: (id) =>
            hardDeleteTrack(db, { table: 'music_track', id: 'id', value: Number(id) }, [
              { table: 'music_track_artist_credit', column: 'track_id' },
              { table: 'music_upload', column: 'track_id' },
              { table: 'music_trackactor', column: 'track_id' },
              { table: 'history_listening', column: 'track_id' },
              { table: 'favorites_trackfavorite', column: 'track_id', isFavorites: true },
            ]),
          retagTrack: (id, title) => retagTitle(db, 'music_track', 'id', 'title', Number(id), title),
        });
        console.info(`funkwhale/${backend.name}: ${JSON.stringify(result)}`);
      } finally {
        await database.destroy();
      }
    });

    it('reads credits, album artist and upload duration; writes what Django would', async () => {
      const database = await backend.create();
      try {
        const { db } = database;
        await createFunkwhaleSchema(db, 'postgres');
        const seed = await seedFunkwhale(db, 'postgres');
        const library = new TableLibraryAdapter(hostRecipes.funkwhale(db));
        await library.validate();
        const featured = seed.tracks.find((t) => t.artist.includes(' feat. '));
        const sample = featured ?? seed.tracks[0]!;
        const [track] = await library.getTracks([sample.id]);
        expect(track).toMatchObject({ artist: sample.artist, title: sample.title, album: sample.album, durationMs: sample.durationMs });
        const actor = seed.users[0]!.id;
        const free = seed.tracks.find((t) => t.visibleOnlyTo === undefined && !seed.manualFavorites.some((m) => m.trackId === t.id))!;
        await library.addFavorites(actor, [free.id]);
        const row = await db.selectFrom('favorites_trackfavorite').selectAll().where('track_id', '=', Number(free.id)).where('actor_id', '=', actor).executeTakeFirstOrThrow();
        expect(row.uuid).toMatch(/^[0-9a-f-]{36}$/);
        expect(row.fid).toBe(`https://${String((await db.selectFrom('federation_actor').select('domain_id').where('id', '=', actor).executeTakeFirstOrThrow()).domain_id)}/federation/music/likes/${row.uuid}`);
        const user = await db.selectFrom('users_user').select('privacy_level').where('actor_id', '=', actor).executeTakeFirstOrThrow();
        expect(row.privacy_level).toBe(user.privacy_level);
        expect(row.creation_date).toBeInstanceOf(Date);
        const privateTrack = seed.tracks.find((t) => t.visibleOnlyTo !== undefined)!;
        expect(await library.visibleTo(actor, [privateTrack.id, free.id])).toEqual(new Set([free.id]));
        expect(await library.visibleTo(privateTrack.visibleOnlyTo, [privateTrack.id])).toEqual(new Set([privateTrack.id]));
      } finally {
        await database.destroy();
      }
    });
  });
}
