/**
 * Seeds the real players' schemas (test/hosts/schemas/) with real songs from
 * data/classic-rock-song-list.csv (CC BY 4.0): about 2,000 tracks with tag
 * variants on a subset, two host users, play counts and ratings for both,
 * manual favorites of both (some also loved), and 559 Last.fm loves of the
 * first user (250 present in the library, the rest absent). See
 * test/hosts/README.md for what each player adds (missing flags, private
 * uploads, podcast episodes, other item types).
 *
 * @example
 * ```ts
 * await createNavidromeSchema(db, 'sqlite');
 * const seed = await seedNavidrome(db, 'sqlite');
 * const before = await seed.snapshot(db);
 * // ... run the cache against the player's tables ...
 * expect(await seed.snapshot(db)).toEqual(before);
 * expect(await seed.favoritesShown(db, seed.users[0].id)).toEqual(expected);
 * ```
 */
import { sql, type Kysely } from 'kysely';
import { createFunkwhaleSchema, seedFunkwhale, source as funkwhaleSource } from './schemas/funkwhale.js';
import { createGonicSchema, seedGonic, source as gonicSource } from './schemas/gonic.js';
import { JELLYFIN_TYPES, createJellyfinSchema, seedJellyfin, source as jellyfinSource } from './schemas/jellyfin.js';
import { createKoelSchema, seedKoel, source as koelSource } from './schemas/koel.js';
import { createMtSchema, seedMt, source as mtSource } from './schemas/mt.js';
import { createNavidromeSchema, seedNavidrome, source as navidromeSource } from './schemas/navidrome.js';
import { seedPlan, type HostSeed } from './schemas/songs.js';

export type { HostSeed, SeededTrack, SeededUser, Plan, PlanSong, PlanLove, PlanUserData, TagVariant } from './schemas/songs.js';
export { seedPlan } from './schemas/songs.js';
export { createNavidromeSchema, seedNavidrome, navidromeTime } from './schemas/navidrome.js';
export { createGonicSchema, seedGonic, gonicTime } from './schemas/gonic.js';
export { createKoelSchema, seedKoel } from './schemas/koel.js';
export { createJellyfinSchema, seedJellyfin, jellyfinTime, jellyfinUserDataKeys, JELLYFIN_TYPES, PLACEHOLDER_ITEM_ID } from './schemas/jellyfin.js';
export { createMtSchema, seedMt } from './schemas/mt.js';
export { createFunkwhaleSchema, seedFunkwhale } from './schemas/funkwhale.js';

export type SchemaDialect = 'sqlite' | 'postgres' | 'mysql';

/** One re-created player, for tests that run every player. */
export interface HostPlayer {
  readonly name: string;
  readonly source: { readonly repo: string; readonly files: readonly string[]; readonly commit: string };
  /** The dialects upstream supports (and this fixture re-creates). */
  readonly dialects: readonly SchemaDialect[];
  create(db: Kysely<any>, dialect: SchemaDialect): Promise<void>;
  seed(db: Kysely<any>, dialect: SchemaDialect): Promise<HostSeed>;
  /** Row counts of the player's main tables. */
  counts(db: Kysely<any>): Promise<Record<string, number>>;
  /** What {@link counts} returns right after {@link seed}. */
  expectedCounts(seed: HostSeed): Record<string, number>;
}

async function count(db: Kysely<any>, table: string, where?: ReturnType<typeof sql>): Promise<number> {
  const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} ${where === undefined ? sql`` : sql`where ${where}`}`.execute(db);
  return Number(row.rows[0]!.n);
}

const userDataRows = (user?: 0 | 1) => seedPlan().userData.filter((d) => user === undefined || d.user === user);

export const hostPlayers: readonly HostPlayer[] = [
  {
    name: 'navidrome',
    source: navidromeSource,
    dialects: ['sqlite'],
    create: createNavidromeSchema,
    seed: seedNavidrome,
    counts: async (db) => ({
      media_file: await count(db, 'media_file'),
      missing: await count(db, 'media_file', sql`missing = 1`),
      user: await count(db, 'user'),
      starredTracks: await count(db, 'annotation', sql`item_type = 'media_file' and starred = 1`),
      trackAnnotations: await count(db, 'annotation', sql`item_type = 'media_file'`),
    }),
    expectedCounts: (seed) => ({
      media_file: seed.tracks.length,
      missing: seed.tracks.filter((t) => t.missing).length,
      user: 2,
      starredTracks: seed.manualFavorites.length,
      trackAnnotations: userDataRows().length,
    }),
  },
  {
    name: 'gonic',
    source: gonicSource,
    dialects: ['sqlite'],
    create: createGonicSchema,
    seed: seedGonic,
    counts: async (db) => ({
      tracks: await count(db, 'tracks'),
      users: await count(db, 'users'),
      track_stars: await count(db, 'track_stars'),
      track_plays: await count(db, 'track_plays'),
      track_ratings: await count(db, 'track_ratings'),
    }),
    expectedCounts: (seed) => ({
      tracks: seed.tracks.length,
      users: 2,
      track_stars: seed.manualFavorites.length,
      track_plays: userDataRows().filter((d) => d.playCount > 0).length,
      track_ratings: userDataRows().filter((d) => d.rating !== null).length,
    }),
  },
  {
    name: 'koel',
    source: koelSource,
    dialects: ['sqlite', 'mysql'],
    create: createKoelSchema,
    seed: seedKoel,
    counts: async (db) => ({
      songs: await count(db, 'songs', sql`podcast_id is null`),
      episodes: await count(db, 'songs', sql`podcast_id is not null`),
      privateSongs: await count(db, 'songs', sql`is_public = 0`),
      users: await count(db, 'users'),
      songFavorites: await count(db, 'favorites', sql`favoriteable_type = 'playable'`),
      otherFavorites: await count(db, 'favorites', sql`favoriteable_type <> 'playable'`),
      interactions: await count(db, 'interactions'),
      ratings: await count(db, 'ratings'),
    }),
    expectedCounts: (seed) => ({
      songs: seed.tracks.length,
      episodes: 1,
      privateSongs: seed.tracks.filter((t) => t.visibleOnlyTo !== undefined).length,
      users: 2,
      songFavorites: seed.manualFavorites.length + 1,
      otherFavorites: 3,
      interactions: userDataRows().filter((d) => d.playCount > 0).length + 1,
      ratings: userDataRows().filter((d) => d.rating !== null).length,
    }),
  },
  {
    name: 'mt',
    source: mtSource,
    dialects: ['sqlite'],
    create: createMtSchema,
    seed: seedMt,
    counts: async (db) => ({
      library: await count(db, 'library'),
      missing: await count(db, 'library', sql`missing = 1`),
      favorites: await count(db, 'favorites'),
      played: await count(db, 'library', sql`play_count > 0`),
    }),
    expectedCounts: (seed) => ({
      library: seed.tracks.length,
      missing: seed.tracks.filter((t) => t.missing).length,
      favorites: seed.manualFavorites.length,
      played: userDataRows(0).filter((d) => d.playCount > 0).length,
    }),
  },
  {
    name: 'jellyfin',
    source: jellyfinSource,
    dialects: ['sqlite'],
    create: createJellyfinSchema,
    seed: seedJellyfin,
    counts: async (db) => ({
      audio: await count(db, 'BaseItems', sql`"Type" = ${JELLYFIN_TYPES.audio}`),
      nonAudio: await count(db, 'BaseItems', sql`"Type" <> ${JELLYFIN_TYPES.audio}`),
      users: await count(db, 'Users'),
      userData: await count(db, 'UserData'),
      favoriteAudio: await count(db, 'UserData', sql`"IsFavorite" = 1 and "ItemId" in (select "Id" from "BaseItems" where "Type" = ${JELLYFIN_TYPES.audio})`),
    }),
    expectedCounts: (seed) => ({
      audio: seed.tracks.length,
      // placeholder, library folder, artists, albums, movie, music video, audiobook
      nonAudio: 1 + 1 + new Set(seedPlan().songs.flatMap((s) => [s.albumArtist, s.variant === 'feat-artist' ? s.artist.slice(0, s.artist.indexOf(' feat. ')) : s.artist])).size + seedPlan().albums.length + 3,
      users: 2,
      // two keys per (item, user), plus movie, video, book, album and one detached row
      userData: userDataRows().length * 2 + 5,
      favoriteAudio: seed.manualFavorites.length * 2,
    }),
  },
  {
    name: 'funkwhale',
    source: funkwhaleSource,
    dialects: ['postgres'],
    create: createFunkwhaleSchema,
    seed: seedFunkwhale,
    counts: async (db) => ({
      music_track: await count(db, 'music_track'),
      music_upload: await count(db, 'music_upload'),
      users_user: await count(db, 'users_user'),
      favorites_trackfavorite: await count(db, 'favorites_trackfavorite'),
      privateTracks: await count(db, 'music_trackactor', sql`actor_id is not null`),
      featCredits: await count(db, 'music_artistcredit', sql`joinphrase = ' feat. '`),
      indexedTitles: await count(db, 'music_track', sql`body_text <> ''::tsvector`),
    }),
    expectedCounts: (seed) => ({
      music_track: seed.tracks.length,
      music_upload: seed.tracks.length,
      users_user: 2,
      favorites_trackfavorite: seed.manualFavorites.length,
      privateTracks: seed.tracks.filter((t) => t.visibleOnlyTo !== undefined).length,
      featCredits: new Set(seedPlan().songs.filter((s) => s.variant === 'feat-artist').map((s) => s.artist.slice(0, s.artist.indexOf(' feat. ')))).size,
      indexedTitles: seed.tracks.length,
    }),
  },
];
