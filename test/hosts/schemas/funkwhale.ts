/**
 * Funkwhale 2's schema (PostgreSQL), re-created from its Django models and migrations.
 *
 * Upstream: Funkwhale is developed at https://dev.funkwhale.audio/funkwhale/funkwhale
 * (GitLab). Read through two GitHub copies of it:
 * - MadMan247/funkwhale_af (a fork tracking upstream's 2.x develop branch):
 *   api/funkwhale_api/music/models.py (commit 0ef705c1a2a419070cbf4cdb73bb23c6382fea95),
 *   api/funkwhale_api/favorites/models.py (503de29755e6d0b51aa6d745f5daf4d09492a9b2),
 *   api/funkwhale_api/favorites/migrations/0003_trackfavorite_actor_trackfavorite_fid_and_more.py
 *   (0bf217dbcd69efd6efdeab0553d51ec27b07c8b1), …/0004_alter_trackfavorite_privacy_level.py
 *   (503de29755e6d0b51aa6d745f5daf4d09492a9b2), api/funkwhale_api/history/models.py
 *   (503de29755e6d0b51aa6d745f5daf4d09492a9b2),
 *   api/funkwhale_api/music/migrations/0059_remove_album_artist_remove_track_artist_artistcredit_and_more.py
 *   (3843996e75a17dde4bc0733fb403d5eb02fe6756).
 * - mx2913/funkwhale (a mirror of upstream's merge requests), merge request 2774
 *   (refs/merge-requests/2774/merge, bbb5e1123dae4b7a50af9ec66f207de924e4ff1c,
 *   which adds favorites 0003): api/funkwhale_api/federation/models.py (Domain,
 *   Actor, FederationMixin), api/funkwhale_api/users/models.py,
 *   api/funkwhale_api/common/fields.py (privacy levels), and
 *   api/funkwhale_api/music/migrations/0044_full_text_search.py and
 *   0045_full_text_search_stop_words.py (body_text triggers) at HEAD
 *   c24b6ee183eadaff441ceb1497fcebcee69618ea.
 *
 * The DDL is what Django 4.2/5.x's PostgreSQL schema editor writes for the
 * final models: identity primary keys, `varchar(n)`, `timestamp with time
 * zone`, `uuid`, `jsonb`, `tsvector`, CHECK (col >= 0) for positive integer
 * fields, UNIQUE constraints, FOREIGN KEYs `DEFERRABLE INITIALLY DEFERRED`
 * with no ON DELETE (Django emulates on_delete in Python), an index on every
 * FK column. Constraint and index names are readable here where Django's are
 * hashed. Funkwhale's own triggers fill `body_text` of artists, albums and
 * tracks (english_nostop configuration).
 *
 * Kept: federation_domain, federation_actor, users_user (without avatar and
 * invitation), music_artist, music_artistcredit, music_album,
 * music_album_artist_credit, music_track, music_track_artist_credit,
 * music_library, music_upload, music_trackactor, favorites_trackfavorite,
 * history_listening. Omitted (their FK columns stay, without the FK):
 * federation_activity, common_content, common_attachment, music_license;
 * and everything else (channels, playlists, tags, moderation, radios, …).
 *
 * Facts the adapter must handle:
 * - A favorite is a `favorites_trackfavorite` row keyed to the user's
 *   ACTOR (`actor_id` → federation_actor; users_user.actor_id is the link),
 *   with NOT NULL columns Django fills in Python and the database does not
 *   default: `uuid` (uuid4, unique), `fid` (unique URL, Funkwhale writes
 *   'https://<host>/federation/music/likes/<uuid>'), `creation_date`,
 *   `privacy_level` ('me' | 'followers' | 'instance' | 'everyone'; Funkwhale
 *   copies the user's). Unique (track_id, actor_id).
 * - A track has no artist column: artists come through
 *   music_track_artist_credit → music_artistcredit (`credit` is the credited
 *   name, `joinphrase` joins it to the next, `index` orders them) →
 *   music_artist. The album through `album_id`. Duration is
 *   `music_upload.duration` (integer seconds, nullable), per upload.
 * - Visibility: a track is playable by an actor when one of its uploads is in
 *   a library they may see (`music_library.privacy_level`, owner actor) —
 *   denormalized in music_trackactor (actor_id NULL = public or instance-wide).
 * - `body_text` (tsvector NOT NULL) is filled by triggers on artist, album and
 *   track; artist credits have no trigger and Django writes ''.
 * - Listenings (plays) are `history_listening` rows per play; there are no ratings.
 */
import { sql, type Kysely } from 'kysely';
import { insertChunked as insertChunkedRows, lovesWithIds, seedPlan, stableUuid, type HostSeed, type PlanSong } from './songs.js';

export const source = {
  repo: 'funkwhale/funkwhale (dev.funkwhale.audio; read through GitHub copies MadMan247/funkwhale_af and mx2913/funkwhale)',
  files: [
    'MadMan247/funkwhale_af@0ef705c1a2a419070cbf4cdb73bb23c6382fea95:api/funkwhale_api/music/models.py',
    'MadMan247/funkwhale_af@503de29755e6d0b51aa6d745f5daf4d09492a9b2:api/funkwhale_api/favorites/models.py',
    'MadMan247/funkwhale_af@0bf217dbcd69efd6efdeab0553d51ec27b07c8b1:api/funkwhale_api/favorites/migrations/0003_trackfavorite_actor_trackfavorite_fid_and_more.py',
    'MadMan247/funkwhale_af@503de29755e6d0b51aa6d745f5daf4d09492a9b2:api/funkwhale_api/favorites/migrations/0004_alter_trackfavorite_privacy_level.py',
    'MadMan247/funkwhale_af@503de29755e6d0b51aa6d745f5daf4d09492a9b2:api/funkwhale_api/history/models.py',
    'MadMan247/funkwhale_af@3843996e75a17dde4bc0733fb403d5eb02fe6756:api/funkwhale_api/music/migrations/0059_remove_album_artist_remove_track_artist_artistcredit_and_more.py',
    'mx2913/funkwhale@bbb5e1123dae4b7a50af9ec66f207de924e4ff1c:api/funkwhale_api/federation/models.py',
    'mx2913/funkwhale@bbb5e1123dae4b7a50af9ec66f207de924e4ff1c:api/funkwhale_api/users/models.py',
    'mx2913/funkwhale@bbb5e1123dae4b7a50af9ec66f207de924e4ff1c:api/funkwhale_api/common/fields.py',
    'mx2913/funkwhale@c24b6ee183eadaff441ceb1497fcebcee69618ea:api/funkwhale_api/music/migrations/0044_full_text_search.py',
    'mx2913/funkwhale@c24b6ee183eadaff441ceb1497fcebcee69618ea:api/funkwhale_api/music/migrations/0045_full_text_search_stop_words.py',
  ],
  commit: '0ef705c1a2a419070cbf4cdb73bb23c6382fea95',
} as const;

const ID = '"id" integer NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY';
const fk = (table: string, column: string, target: string, targetColumn = 'id') => [
  `ALTER TABLE "${table}" ADD CONSTRAINT "${table}_${column}_fk" FOREIGN KEY ("${column}") REFERENCES "${target}" ("${targetColumn}") DEFERRABLE INITIALLY DEFERRED`,
  `CREATE INDEX "${table}_${column}_idx" ON "${table}" ("${column}")`,
];
/** APIModelMixin's columns (music_artist, music_artistcredit, music_album, music_track). */
const apiModel = (mbidUnique: boolean) =>
  `"fid" varchar(500) NULL UNIQUE, "mbid" uuid NULL${mbidUnique ? ' UNIQUE' : ''}, "uuid" uuid NOT NULL UNIQUE, "from_activity_id" integer NULL, "creation_date" timestamp with time zone NOT NULL, "body_text" tsvector NOT NULL`;

export const funkwhaleDdl: readonly string[] = [
  `CREATE TABLE "federation_domain" ("name" varchar(255) NOT NULL PRIMARY KEY, "creation_date" timestamp with time zone NOT NULL, "nodeinfo_fetch_date" timestamp with time zone NULL, "nodeinfo" jsonb NOT NULL, "service_actor_id" integer NULL, "allowed" boolean NULL, "reachable" boolean NOT NULL, "last_successful_contact" timestamp with time zone NULL)`,
  `CREATE TABLE "federation_actor" (${ID}, "fid" varchar(500) NOT NULL UNIQUE, "url" varchar(500) NULL, "outbox_url" varchar(500) NULL, "inbox_url" varchar(500) NULL, "following_url" varchar(500) NULL, "followers_url" varchar(500) NULL, "shared_inbox_url" varchar(500) NULL, "type" varchar(25) NOT NULL, "name" varchar(200) NULL, "domain_id" varchar(255) NOT NULL, "summary" varchar(500) NULL, "summary_obj_id" integer NULL, "preferred_username" varchar(200) NULL, "public_key" text NULL, "private_key" text NULL, "creation_date" timestamp with time zone NOT NULL, "last_fetch_date" timestamp with time zone NOT NULL, "manually_approves_followers" boolean NULL, "attachment_icon_id" integer NULL, "privacy_level" varchar(30) NOT NULL, CONSTRAINT "federation_actor_domain_id_preferred_username_uniq" UNIQUE ("domain_id", "preferred_username"))`,
  ...fk('federation_actor', 'domain_id', 'federation_domain', 'name'),
  ...fk('federation_domain', 'service_actor_id', 'federation_actor'),
  `CREATE TABLE "users_user" (${ID}, "password" varchar(128) NOT NULL, "last_login" timestamp with time zone NULL, "is_superuser" boolean NOT NULL, "username" varchar(150) NOT NULL UNIQUE, "first_name" varchar(150) NOT NULL, "last_name" varchar(150) NOT NULL, "email" varchar(254) NOT NULL, "is_staff" boolean NOT NULL, "is_active" boolean NOT NULL, "date_joined" timestamp with time zone NOT NULL, "name" varchar(255) NOT NULL, "secret_key" uuid NULL, "subsonic_api_token" varchar(255) NULL, "permission_moderation" boolean NOT NULL, "permission_library" boolean NOT NULL, "permission_settings" boolean NOT NULL, "last_activity" timestamp with time zone NULL, "privacy_level" varchar(30) NOT NULL, "actor_id" integer NULL UNIQUE, "upload_quota" integer NULL CHECK ("upload_quota" >= 0), "instance_support_message_display_date" timestamp with time zone NULL, "funkwhale_support_message_display_date" timestamp with time zone NULL, "settings" jsonb NULL)`,
  `ALTER TABLE "users_user" ADD CONSTRAINT "users_user_actor_id_fk" FOREIGN KEY ("actor_id") REFERENCES "federation_actor" ("id") DEFERRABLE INITIALLY DEFERRED`,
  `CREATE TABLE "music_artist" (${ID}, ${apiModel(true)}, "name" text NOT NULL, "attributed_to_id" integer NULL, "description_id" integer NULL, "attachment_cover_id" integer NULL, "content_category" varchar(30) NOT NULL, "modification_date" timestamp with time zone NOT NULL)`,
  ...fk('music_artist', 'attributed_to_id', 'federation_actor'),
  `CREATE INDEX "music_artist_creation_date_idx" ON "music_artist" ("creation_date")`,
  `CREATE INDEX "music_artist_content_category_idx" ON "music_artist" ("content_category")`,
  `CREATE INDEX "music_artist_modification_date_idx" ON "music_artist" ("modification_date")`,
  `CREATE INDEX "music_artis_body_te_5c408d_gin" ON "music_artist" USING gin ("body_text")`,
  `CREATE TABLE "music_artistcredit" (${ID}, ${apiModel(true)}, "artist_id" integer NOT NULL, "credit" varchar(500) NULL, "joinphrase" varchar(250) NULL, "index" integer NULL)`,
  ...fk('music_artistcredit', 'artist_id', 'music_artist'),
  `CREATE TABLE "music_album" (${ID}, ${apiModel(true)}, "title" text NOT NULL, "release_date" date NULL, "release_group_id" uuid NULL, "attachment_cover_id" integer NULL, "type" varchar(30) NOT NULL, "attributed_to_id" integer NULL, "description_id" integer NULL)`,
  ...fk('music_album', 'attributed_to_id', 'federation_actor'),
  `CREATE INDEX "music_album_release_date_idx" ON "music_album" ("release_date")`,
  `CREATE INDEX "music_album_body_te_0ec97a_gin" ON "music_album" USING gin ("body_text")`,
  `CREATE TABLE "music_album_artist_credit" (${ID}, "album_id" integer NOT NULL, "artistcredit_id" integer NOT NULL, CONSTRAINT "music_album_artist_credit_album_id_artistcredit_id_uniq" UNIQUE ("album_id", "artistcredit_id"))`,
  ...fk('music_album_artist_credit', 'album_id', 'music_album'),
  ...fk('music_album_artist_credit', 'artistcredit_id', 'music_artistcredit'),
  `CREATE TABLE "music_track" (${ID}, ${apiModel(false)}, "title" text NOT NULL, "disc_number" integer NULL CHECK ("disc_number" >= 0), "position" integer NULL CHECK ("position" >= 0), "album_id" integer NULL, "license_id" varchar(100) NULL, "attributed_to_id" integer NULL, "copyright" text NULL, "description_id" integer NULL, "attachment_cover_id" integer NULL, "downloads_count" integer NOT NULL CHECK ("downloads_count" >= 0))`,
  `CREATE INDEX "music_track_mbid_idx" ON "music_track" ("mbid")`,
  ...fk('music_track', 'album_id', 'music_album'),
  ...fk('music_track', 'attributed_to_id', 'federation_actor'),
  `CREATE INDEX "music_track_body_te_da0a66_gin" ON "music_track" USING gin ("body_text")`,
  `CREATE TABLE "music_track_artist_credit" (${ID}, "track_id" integer NOT NULL, "artistcredit_id" integer NOT NULL, CONSTRAINT "music_track_artist_credit_track_id_artistcredit_id_uniq" UNIQUE ("track_id", "artistcredit_id"))`,
  ...fk('music_track_artist_credit', 'track_id', 'music_track'),
  ...fk('music_track_artist_credit', 'artistcredit_id', 'music_artistcredit'),
  `CREATE TABLE "music_library" (${ID}, "fid" varchar(500) NOT NULL UNIQUE, "url" varchar(500) NULL, "uuid" uuid NOT NULL UNIQUE, "actor_id" integer NOT NULL, "creation_date" timestamp with time zone NOT NULL, "name" varchar(100) NOT NULL, "privacy_level" varchar(25) NOT NULL, "uploads_count" integer NOT NULL CHECK ("uploads_count" >= 0))`,
  ...fk('music_library', 'actor_id', 'federation_actor'),
  `CREATE TABLE "music_upload" (${ID}, "fid" varchar(500) NULL UNIQUE, "uuid" uuid NOT NULL UNIQUE, "track_id" integer NULL, "audio_file" varchar(255) NOT NULL, "source" varchar(500) NULL, "creation_date" timestamp with time zone NOT NULL, "modification_date" timestamp with time zone NULL, "accessed_date" timestamp with time zone NULL, "duration" integer NULL, "size" integer NULL, "bitrate" integer NULL, "acoustid_track_id" uuid NULL, "mimetype" varchar(200) NULL, "library_id" integer NULL, "metadata" jsonb NOT NULL, "import_date" timestamp with time zone NULL, "import_metadata" jsonb NOT NULL, "import_status" varchar(25) NOT NULL, "import_reference" varchar(50) NOT NULL, "import_details" jsonb NOT NULL, "from_activity_id" integer NULL, "downloads_count" integer NOT NULL CHECK ("downloads_count" >= 0), "checksum" varchar(100) NULL, "quality" integer NOT NULL, "third_party_provider" varchar(100) NULL)`,
  ...fk('music_upload', 'track_id', 'music_track'),
  ...fk('music_upload', 'library_id', 'music_library'),
  `CREATE INDEX "music_upload_creation_date_idx" ON "music_upload" ("creation_date")`,
  `CREATE INDEX "music_upload_checksum_idx" ON "music_upload" ("checksum")`,
  `CREATE TABLE "music_trackactor" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "actor_id" integer NULL, "track_id" integer NOT NULL, "upload_id" integer NOT NULL, "internal" boolean NOT NULL, CONSTRAINT "music_trackactor_track_id_actor_id_internal_upload_id_uniq" UNIQUE ("track_id", "actor_id", "internal", "upload_id"))`,
  ...fk('music_trackactor', 'actor_id', 'federation_actor'),
  ...fk('music_trackactor', 'track_id', 'music_track'),
  ...fk('music_trackactor', 'upload_id', 'music_upload'),
  `CREATE INDEX "music_trackactor_internal_idx" ON "music_trackactor" ("internal")`,
  `CREATE TABLE "favorites_trackfavorite" (${ID}, "creation_date" timestamp with time zone NOT NULL, "track_id" integer NOT NULL, "source" varchar(100) NULL, "actor_id" integer NOT NULL, "fid" varchar(500) NOT NULL UNIQUE, "url" varchar(500) NULL, "uuid" uuid NOT NULL UNIQUE, "privacy_level" varchar(30) NOT NULL, CONSTRAINT "favorites_trackfavorite_track_id_actor_id_uniq" UNIQUE ("track_id", "actor_id"))`,
  ...fk('favorites_trackfavorite', 'track_id', 'music_track'),
  ...fk('favorites_trackfavorite', 'actor_id', 'federation_actor'),
  `CREATE TABLE "history_listening" (${ID}, "creation_date" timestamp with time zone NULL, "track_id" integer NOT NULL, "actor_id" integer NOT NULL, "privacy_level" varchar(30) NOT NULL, "session_key" varchar(100) NULL, "source" varchar(100) NULL, "fid" varchar(500) NOT NULL UNIQUE, "url" varchar(500) NULL, "uuid" uuid NOT NULL UNIQUE)`,
  ...fk('history_listening', 'track_id', 'music_track'),
  ...fk('history_listening', 'actor_id', 'federation_actor'),
];

const TRIGGERS = [
  ['music_artist', 'music_artist_update_body_text', 'name'],
  ['music_track', 'music_track_update_body_text', 'title, copyright'],
  ['music_album', 'music_album_update_body_text', 'title'],
] as const;

/** Creates Funkwhale's tables, its english_nostop search configuration and body_text triggers (PostgreSQL only). */
export async function createFunkwhaleSchema(db: Kysely<any>, dialect: 'sqlite' | 'postgres' | 'mysql'): Promise<void> {
  if (dialect !== 'postgres') throw new Error(`Funkwhale runs on PostgreSQL only, not ${dialect}`);
  // 0045_full_text_search_stop_words: the configuration lives in "public"
  // (shared by every schema of a database), the dictionary in the current schema.
  const existing = await sql<{ n: number }>`select count(*)::int as n from pg_ts_config where cfgname = 'english_nostop' and cfgnamespace = 'public'::regnamespace`.execute(db);
  if (existing.rows[0]!.n === 0) {
    await sql.raw(`CREATE TEXT SEARCH DICTIONARY english_stem_nostop ( Template = snowball , Language = english )`).execute(db);
    await sql.raw(`CREATE TEXT SEARCH CONFIGURATION public.english_nostop ( COPY = pg_catalog.english )`).execute(db);
    await sql.raw(`ALTER TEXT SEARCH CONFIGURATION public.english_nostop ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, hword, hword_part, word WITH english_stem_nostop`).execute(db);
  }
  for (const statement of funkwhaleDdl) await sql.raw(statement).execute(db);
  for (const [table, trigger, fields] of TRIGGERS) {
    await sql.raw(`CREATE TRIGGER ${trigger} BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE PROCEDURE tsvector_update_trigger(body_text, 'public.english_nostop', ${fields})`).execute(db);
  }
}

const HOST = 'music.example.org';
// PostgreSQL takes 65,535 bound values per statement: 1,000 rows of at most 26 columns.
const insertChunked = (insert: (rows: Record<string, unknown>[]) => Promise<unknown>, rows: readonly Record<string, unknown>[], _chunk?: number) => insertChunkedRows(insert, rows, 1000);
const trackIdOf = (song: PlanSong) => 1 + song.index;
const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

/**
 * Seeds Funkwhale: the local domain, two users with their actors, each with a
 * library ('instance' for alice, 'me' for bob's private uploads), artists,
 * artist credits ("A feat. B" as two credits joined by " feat. "), albums,
 * tracks with one upload each (durations live there), the track/actor
 * denormalization, listenings (plays) and favorites of both users.
 */
export async function seedFunkwhale(db: Kysely<any>, dialect: 'sqlite' | 'postgres' | 'mysql' = 'postgres'): Promise<HostSeed> {
  if (dialect !== 'postgres') throw new Error('Funkwhale runs on PostgreSQL only');
  const plan = seedPlan();
  const created = at(1_700_000_000);
  await db.insertInto('federation_domain').values({ name: HOST, creation_date: created, nodeinfo: '{}', reachable: true }).execute();
  const actors = plan.users.map((u, i) => ({ id: i + 1, name: u.name, fid: `https://${HOST}/federation/actors/${u.name}` }));
  await db
    .insertInto('federation_actor')
    .values(actors.map((a) => ({ id: a.id, fid: a.fid, url: `https://${HOST}/@${a.name}`, outbox_url: `${a.fid}/outbox`, inbox_url: `${a.fid}/inbox`, type: 'Person', name: a.name, domain_id: HOST, preferred_username: a.name, creation_date: created, last_fetch_date: created, privacy_level: 'instance' })))
    .execute();
  await db
    .insertInto('users_user')
    .values(
      plan.users.map((u, i) => ({ id: i + 1, password: `argon2$argon2id$v=19$m=102400,t=2,p=8$${u.name}`, is_superuser: i === 0, username: u.name, first_name: '', last_name: '', email: u.email, is_staff: i === 0, is_active: true, date_joined: at(u.createdAt), name: '', secret_key: stableUuid(`fw:secret:${u.name}`), permission_moderation: false, permission_library: i === 0, permission_settings: i === 0, privacy_level: 'instance', actor_id: i + 1 })),
    )
    .execute();
  const libraries = [
    { id: 1, actor_id: 1, name: 'alice (instance)', privacy_level: 'instance' },
    { id: 2, actor_id: 2, name: 'bob (private)', privacy_level: 'me' },
  ];
  await db
    .insertInto('music_library')
    .values(libraries.map((l) => ({ ...l, fid: `https://${HOST}/federation/music/libraries/${stableUuid(`fw:library:${l.id}`)}`, uuid: stableUuid(`fw:library:${l.id}`), creation_date: created, uploads_count: plan.songs.filter((s) => (s.privateToSecondUser ? 2 : 1) === l.id).length })))
    .execute();

  const artistIds = new Map<string, number>();
  const artistId = (name: string) => {
    let id = artistIds.get(name);
    if (id === undefined) artistIds.set(name, (id = artistIds.size + 1));
    return id;
  };
  const primaryArtist = (song: PlanSong) => (song.variant === 'feat-artist' ? song.artist.slice(0, song.artist.indexOf(' feat. ')) : song.artist);
  for (const song of plan.songs) {
    artistId(song.albumArtist);
    artistId(primaryArtist(song));
    if (song.variant === 'feat-artist') artistId(song.featuring!);
  }
  const entity = (kind: string, id: number) => ({ fid: `https://${HOST}/federation/music/${kind}/${stableUuid(`fw:${kind}:${id}`)}`, uuid: stableUuid(`fw:${kind}:${id}`), creation_date: created });
  await insertChunked((rows) => db.insertInto('music_artist').values(rows).execute(), [...artistIds].map(([name, id]) => ({ id, ...entity('artists', id), name, content_category: 'music', modification_date: created, attributed_to_id: 1 })));

  // Artist credits: one per (artist, credit, joinphrase, index), as import_artist_credit makes them.
  const credits = new Map<string, number>();
  const creditId = (artist: string, joinphrase: string, index: number) => {
    const key = `${artist}|${joinphrase}|${index}`;
    let id = credits.get(key);
    if (id === undefined) credits.set(key, (id = credits.size + 1));
    return id;
  };
  const trackCredits = plan.songs.map((song) =>
    song.variant === 'feat-artist' ? [creditId(primaryArtist(song), ' feat. ', 0), creditId(song.featuring!, '', 1)] : [creditId(song.artist, '', 0)],
  );
  const albumCredits = plan.albums.map((a) => creditId(a.artist, '', 0));
  await insertChunked(
    (rows) => db.insertInto('music_artistcredit').values(rows).execute(),
    [...credits].map(([key, id]) => {
      const [artist, joinphrase, index] = key.split('|');
      return { id, ...entity('artistcredit', id), body_text: '', artist_id: artistIds.get(artist!)!, credit: artist, joinphrase, index: Number(index) };
    }),
  );
  await insertChunked(
    (rows) => db.insertInto('music_album').values(rows).execute(),
    plan.albums.map((a) => ({ id: a.index + 1, ...entity('albums', a.index + 1), title: a.title, release_date: a.year === null ? null : `${a.year}-01-01`, type: 'album', attributed_to_id: 1 })),
  );
  await insertChunked((rows) => db.insertInto('music_album_artist_credit').values(rows).execute(), plan.albums.map((a, i) => ({ album_id: a.index + 1, artistcredit_id: albumCredits[i]! })));
  await insertChunked(
    (rows) => db.insertInto('music_track').values(rows).execute(),
    plan.songs.map((song) => ({ id: trackIdOf(song), ...entity('tracks', trackIdOf(song)), title: song.title, disc_number: 1, position: song.trackNumber, album_id: song.albumIndex + 1, attributed_to_id: song.privateToSecondUser ? 2 : 1, downloads_count: 0 })),
  );
  await insertChunked(
    (rows) => db.insertInto('music_track_artist_credit').values(rows).execute(),
    plan.songs.flatMap((song, i) => trackCredits[i]!.map((c) => ({ track_id: trackIdOf(song), artistcredit_id: c }))),
  );
  await insertChunked(
    (rows) => db.insertInto('music_upload').values(rows).execute(),
    plan.songs.map((song) => ({
      id: trackIdOf(song),
      fid: `https://${HOST}/federation/music/uploads/${stableUuid(`fw:upload:${song.index}`)}`,
      uuid: stableUuid(`fw:upload:${song.index}`),
      track_id: trackIdOf(song),
      audio_file: `tracks/${String(song.index % 100).padStart(2, '0')}/${stableUuid(`fw:file:${song.index}`)}.flac`,
      source: `upload://${song.title}.flac`,
      creation_date: created,
      modification_date: created,
      duration: Math.round(song.durationMs / 1000),
      size: Math.round(song.durationMs * 110),
      bitrate: 880_000,
      mimetype: 'audio/flac',
      library_id: song.privateToSecondUser ? 2 : 1,
      metadata: '{}',
      import_date: created,
      import_metadata: '{}',
      import_status: 'finished',
      import_reference: `seed-${song.albumIndex}`,
      import_details: '{}',
      downloads_count: 0,
      quality: 3,
    })),
    100,
  );
  // TrackActor.get_objs: 'instance' libraries → actor NULL, internal; 'me' → the owner.
  await insertChunked(
    (rows) => db.insertInto('music_trackactor').values(rows).execute(),
    plan.songs.map((song) => (song.privateToSecondUser ? { actor_id: 2, track_id: trackIdOf(song), upload_id: trackIdOf(song), internal: false } : { actor_id: null, track_id: trackIdOf(song), upload_id: trackIdOf(song), internal: true })),
  );
  const listenings = plan.userData
    .filter((d) => d.playCount > 0)
    .flatMap((d) => Array.from({ length: Math.min(d.playCount, 3) }, (_, k) => ({ d, k })))
    .map(({ d, k }, n) => ({
      creation_date: at(d.lastPlayedAt! - k * 86_400),
      track_id: trackIdOf(plan.songs[d.songIndex]!),
      actor_id: d.user + 1,
      privacy_level: 'instance',
      fid: `https://${HOST}/federation/music/listenings/${stableUuid(`fw:listening:${n}`)}`,
      uuid: stableUuid(`fw:listening:${n}`),
    }));
  await insertChunked((rows) => db.insertInto('history_listening').values(rows).execute(), listenings);
  const favorites = plan.userData
    .filter((d) => d.favoritedAt !== null)
    .map((d) => {
      const uuid = stableUuid(`fw:favorite:${d.user}:${d.songIndex}`);
      return { creation_date: at(d.favoritedAt!), track_id: trackIdOf(plan.songs[d.songIndex]!), actor_id: d.user + 1, fid: `https://${HOST}/federation/music/likes/${uuid}`, uuid, privacy_level: 'instance', source: null };
    });
  await insertChunked((rows) => db.insertInto('favorites_trackfavorite').values(rows).execute(), favorites);
  // Explicit ids above: move the identity sequences past them, as a loaded dump would.
  for (const table of ['federation_actor', 'users_user', 'music_library', 'music_artist', 'music_artistcredit', 'music_album', 'music_track', 'music_upload']) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(db);
  }

  const manualUuids = favorites.map((f) => f.uuid);
  return {
    player: 'funkwhale',
    // The favorites' user column is the actor: users[].id is the actor id (users_user.actor_id).
    users: actors.map((a) => ({ id: a.id, name: a.name })),
    tracks: plan.songs.map((song) => ({ id: String(trackIdOf(song)), artist: song.artist, title: song.title, album: song.album, durationMs: Math.round(song.durationMs / 1000) * 1000, ...(song.privateToSecondUser ? { visibleOnlyTo: 2 } : {}) })),
    loves: lovesWithIds(plan, (song) => String(trackIdOf(song))),
    manualFavorites: favorites.map((f) => ({ user: f.actor_id, trackId: String(f.track_id) })),
    async snapshot(db) {
      const rows = await db.selectFrom('favorites_trackfavorite').select(['uuid', 'fid', 'track_id', 'actor_id', 'creation_date', 'privacy_level', 'source']).where('uuid', 'in', manualUuids).orderBy('uuid').execute();
      return {
        manualFavorites: rows.map((r) => ({ ...r, creation_date: new Date(r.creation_date).toISOString() })),
        listenings: (await db.selectFrom('history_listening').select(['uuid', 'track_id', 'actor_id', 'creation_date']).orderBy('uuid').execute()).map((r) => ({ ...r, creation_date: new Date(r.creation_date).toISOString() })),
        trackactor: await db.selectFrom('music_trackactor').select(['actor_id', 'track_id', 'upload_id', 'internal']).orderBy('track_id').execute(),
        libraries: await db.selectFrom('music_library').select(['id', 'actor_id', 'privacy_level']).orderBy('id').execute(),
      };
    },
    async favoritesShown(db, user) {
      const rows = await db.selectFrom('favorites_trackfavorite').select('track_id').where('actor_id', '=', user).execute();
      return rows.map((r) => String(r.track_id)).sort();
    },
  };
}
