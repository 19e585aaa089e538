/**
 * Koel's schema (SQLite and MySQL/MariaDB), re-created from its Laravel migrations.
 *
 * Upstream: https://github.com/koel/koel, database/migrations/ at commit
 * 41cab99feeaf59b139699403fdfd41f0a280fb39 (2026-08-22; Laravel ^13). Read:
 * 2014_10_12_000000_create_users_table, 2015_11_23_074600_create_artists_table,
 * 2015_11_23_074709_create_albums_table, 2015_11_23_074713_create_songs_table,
 * 2015_11_23_074733_create_interactions_table, 2015_12_18_072523_add_preferences_to_users_table,
 * 2016_03_20_134512_add_track_into_songs, 2017_04_29_025836_rename_contributing_artist_id,
 * 2017_11_27_184010_add_disc_into_songs, 2021_12_06_164648_increase_string_columns_length,
 * 2022_06_11_091750_add_indexes, 2022_08_01_093952_use_uuids_for_song_ids,
 * 2022_08_04_092531_drop_contributing_artist_id, 2022_09_21_084050_more_tags,
 * 2022_11_08_144634_add_last_played_at_into_interactions_table, 2023_08_20_122210_support_user_invitation,
 * 2024_01_03_104241_support_multi_tenant, 2024_02_05_171703_add_storage_into_songs_table,
 * 2024_03_19_204549_add_user_avatar, 2024_03_28_132619_add_user_sso_provider,
 * 2024_03_31_094353_add_sso_id_into_users_table, 2024_05_08_094243_create_podcast_related_tables,
 * 2024_07_14_180751_convert_json_columns_to_text, 2025_05_13_114436_add_release_year_to_albums,
 * 2025_05_17_131024_add_folders_table, 2025_05_28_125915_add_hash_to_folders_table,
 * 2025_06_04_180008_add_public_id_column_into_users_table, 2025_06_12_150202_user-scope_artists_and_albums,
 * 2025_06_16_141017_create_organizations_table, 2025_06_17_125054_add_mime_type_to_songs_table,
 * 2025_06_25_103531_add_genres_table (drops songs.genre), 2025_07_04_090408_denormalize_artist_albums,
 * 2025_07_18_105237_favorites (drops interactions.liked), 2025_07_20_165224_migrate_foreign_keys_to_ulid,
 * 2025_07_20_165510_promote_public_ids, 2025_08_27_144419_add_hash_to_songs_table,
 * 2025_09_23_025435_migrate_admins (drops users.is_admin), 2025_10_06_195925_add_file_size_to_songs_and_transcodes,
 * 2026_03_09_061438_add_fulltext_index_to_songs_lyrics, 2026_03_18_213444_add_position_to_favorites_table,
 * 2026_04_02_132251_add_missing_indexes_for_query_performance, 2026_05_26/27 fulltext tune and revert,
 * 2026_05_27_202352_add_subsonic_api_key_to_users, 2026_05_28_164312_create_ratings_table,
 * 2026_05_30_173004_encrypt_subsonic_api_key, 2026_06_07_184743_add_two_factor_columns_to_users_table,
 * 2026_06_11_171617_make_users_password_nullable, 2026_07_01_192707_add_composite_index_to_interactions_table;
 * plus app/Providers/AppServiceProvider.php (morph map), app/Services/FavoriteService.php,
 * app/Builders/SongBuilder.php (visibility), app/Services/Podcast/PodcastService.php (episodes).
 *
 * The DDL is the final state after all migrations, written as Laravel's
 * schema grammar emits it for each driver (SQLite: inline foreign keys,
 * `tinyint(1)` booleans, `datetime` timestamps; MySQL: `int unsigned` and
 * `bigint unsigned` keys, `varchar(n)`, `float(53)`, `timestamp null`,
 * FULLTEXT indexes, utf8mb4_unicode_ci). The two differ where upstream does:
 * on SQLite 2025_07_20_165510_promote_public_ids rebuilds artists and albums
 * (user_id NOT NULL, names varchar without the 4064 length, albums.artist_id
 * NOT NULL, no other indexes), on MySQL it renames columns in place
 * (user_id and artist_id stay nullable, the old unique and fulltext indexes stay).
 *
 * Kept: organizations, users, artists, albums, songs, folders, podcasts,
 * podcast_user, interactions, favorites, ratings. Omitted: playlists and
 * their folders/collaborators, queue states, settings, licenses, genres,
 * transcodes, radio stations, embeds, themes, audits, jobs, permission tables
 * (roles replace users.is_admin), tokens, password resets, agent conversations.
 *
 * Facts the adapter must handle:
 * - Favorites are rows of `favorites` (id, user_id, favoriteable_id,
 *   favoriteable_type, created_at, position): polymorphic. Songs AND podcast
 *   episodes are `favoriteable_type = 'playable'` (the column default); other
 *   types are 'album', 'artist', 'podcast', 'radio-station', 'playlist'.
 *   `position` is NOT NULL DEFAULT 0, and Koel writes max(position)+1 per user.
 *   Unique (user_id, favoriteable_id, favoriteable_type).
 * - `songs` holds podcast episodes too: `podcast_id IS NOT NULL` (with
 *   `episode_guid`, `episode_metadata`; no artist_id/album_id/owner_id).
 * - Visibility: a user sees a song when `owner_id` is theirs, or `is_public`
 *   and the owner is in the same organization. Private uploads of another
 *   user must never be favorited for this user.
 * - The artist/album names are denormalized into songs.artist_name and
 *   songs.album_name (also FKs artist_id/album_id, 26-character ULIDs).
 *   Song ids are 36-character UUIDs; `length` is float seconds.
 * - Play counts are `interactions` rows (user_id, song_id, play_count,
 *   last_played_at); ratings are `ratings` rows with rateable_type 'playable'.
 * - Timestamps are 'YYYY-MM-DD HH:MM:SS' text on SQLite, TIMESTAMP on MySQL.
 * - Koel's MySQL connection runs with `strict => false`.
 */
import { sql, type Kysely } from 'kysely';
import { createHash } from 'node:crypto';
import { insertChunked, lovesWithIds, seedPlan, sqliteDateTime, stableUuid, type HostSeed, type PlanSong } from './songs.js';

export const source = {
  repo: 'koel/koel',
  files: [
    'database/migrations/ (the 47 migrations listed in test/hosts/schemas/koel.ts, 2014_10_12_000000_create_users_table.php … 2026_07_01_192707_add_composite_index_to_interactions_table.php)',
    'app/Providers/AppServiceProvider.php',
    'app/Services/FavoriteService.php',
    'app/Builders/SongBuilder.php',
    'app/Services/Podcast/PodcastService.php',
  ],
  commit: '41cab99feeaf59b139699403fdfd41f0a280fb39',
} as const;

export const koelSqliteDdl: readonly string[] = [
  `create table "organizations" ("id" varchar not null, "name" varchar not null, "slug" varchar not null, "created_at" datetime, "updated_at" datetime, primary key ("id"))`,
  `create unique index "organizations_slug_unique" on "organizations" ("slug")`,
  `create table "users" ("id" integer primary key autoincrement not null, "organization_id" varchar not null, "public_id" varchar, "name" varchar not null, "email" varchar not null, "password" varchar, "preferences" text, "remember_token" varchar, "created_at" datetime, "updated_at" datetime, "invitation_token" varchar, "invited_at" datetime, "invitation_accepted_at" datetime, "invited_by_id" integer, "avatar" varchar, "sso_provider" varchar, "sso_id" varchar, "subsonic_api_key" text, "subsonic_api_key_hash" varchar, "two_factor_secret" text, "two_factor_recovery_codes" text, "two_factor_confirmed_at" datetime, foreign key("invited_by_id") references "users"("id") on delete set null, foreign key("organization_id") references "organizations"("id") on delete cascade on update cascade)`,
  `create unique index "users_email_unique" on "users" ("email")`,
  `create index "users_invitation_token_index" on "users" ("invitation_token")`,
  `create index "users_sso_id_index" on "users" ("sso_id")`,
  `create unique index "users_sso_provider_sso_id_unique" on "users" ("sso_provider", "sso_id")`,
  `create unique index "users_public_id_unique" on "users" ("public_id")`,
  `create index "users_organization_id_index" on "users" ("organization_id")`,
  `create unique index "users_subsonic_api_key_hash_unique" on "users" ("subsonic_api_key_hash")`,
  `create table "artists" ("id" varchar not null, "name" varchar not null, "image" varchar, "user_id" integer not null, "created_at" datetime, "updated_at" datetime, foreign key("user_id") references "users"("id") on delete cascade on update cascade, primary key ("id"))`,
  `create table "albums" ("id" varchar not null, "name" varchar not null, "cover" varchar, "artist_id" varchar not null, "artist_name" varchar, "year" integer, "user_id" integer not null, "created_at" datetime, "updated_at" datetime, foreign key("user_id") references "users"("id") on delete cascade on update cascade, foreign key("artist_id") references "artists"("id") on delete cascade on update cascade, primary key ("id"))`,
  `create table "folders" ("id" varchar not null, "parent_id" varchar, "path" text not null, "hash" varchar, foreign key("parent_id") references "folders"("id") on delete cascade, primary key ("id"))`,
  `create index "folders_parent_id_index" on "folders" ("parent_id")`,
  `create unique index "folders_hash_unique" on "folders" ("hash")`,
  `create table "podcasts" ("id" varchar not null, "url" varchar not null, "link" varchar not null, "title" text not null, "image" text not null, "author" varchar, "description" text not null, "categories" text not null, "explicit" tinyint(1) not null, "language" varchar not null, "metadata" text not null, "added_by" integer, "last_synced_at" datetime not null, "created_at" datetime, "updated_at" datetime, foreign key("added_by") references "users"("id") on delete set null, primary key ("id"))`,
  `create unique index "podcasts_url_unique" on "podcasts" ("url")`,
  `create table "songs" ("id" varchar not null, "title" varchar not null, "length" float not null, "track" integer, "disc" integer not null default '1', "lyrics" text not null, "path" text not null, "hash" varchar, "mtime" integer not null, "created_at" datetime, "updated_at" datetime, "year" integer, "owner_id" integer, "is_public" tinyint(1) not null default '0', "storage" varchar, "podcast_id" varchar, "episode_guid" varchar, "episode_metadata" text, "folder_id" varchar, "mime_type" varchar, "artist_name" varchar, "album_name" varchar, "file_size" integer, "artist_id" varchar, "album_id" varchar, foreign key("owner_id") references "users"("id") on delete cascade on update cascade, foreign key("podcast_id") references "podcasts"("id") on delete cascade, foreign key("folder_id") references "folders"("id") on delete set null, foreign key("artist_id") references "artists"("id") on delete cascade on update cascade, foreign key("album_id") references "albums"("id") on delete cascade on update cascade, primary key ("id"))`,
  `create index "songs_title_index" on "songs" ("title")`,
  `create index "songs_track_disc_index" on "songs" ("track", "disc")`,
  `create index "songs_is_public_index" on "songs" ("is_public")`,
  `create index "songs_storage_index" on "songs" ("storage")`,
  `create unique index "songs_episode_guid_unique" on "songs" ("episode_guid")`,
  `create index "songs_folder_id_index" on "songs" ("folder_id")`,
  `create index "songs_artist_name_index" on "songs" ("artist_name")`,
  `create index "songs_album_name_index" on "songs" ("album_name")`,
  `create table "podcast_user" ("id" integer primary key autoincrement not null, "user_id" integer not null, "podcast_id" varchar not null, "state" text, "created_at" datetime, "updated_at" datetime, foreign key("user_id") references "users"("id") on delete cascade, foreign key("podcast_id") references "podcasts"("id") on delete cascade)`,
  `create index "podcast_user_user_id_podcast_id_index" on "podcast_user" ("user_id", "podcast_id")`,
  `create table "interactions" ("id" integer primary key autoincrement not null, "user_id" integer not null, "song_id" varchar not null, "play_count" integer not null default '0', "created_at" datetime, "updated_at" datetime, "last_played_at" datetime, foreign key("user_id") references "users"("id") on delete cascade, foreign key("song_id") references "songs"("id") on delete cascade on update cascade)`,
  `create index "interactions_user_id_song_id_index" on "interactions" ("user_id", "song_id")`,
  `create index "interactions_song_id_user_id_last_played_at_index" on "interactions" ("song_id", "user_id", "last_played_at")`,
  `create table "favorites" ("id" integer primary key autoincrement not null, "user_id" integer not null, "favoriteable_id" varchar not null, "favoriteable_type" varchar not null default 'playable', "created_at" datetime not null default CURRENT_TIMESTAMP, "position" integer not null default '0', foreign key("user_id") references "users"("id"))`,
  `create unique index "favorites_user_id_favoriteable_id_favoriteable_type_unique" on "favorites" ("user_id", "favoriteable_id", "favoriteable_type")`,
  `create index "favorites_user_id_favoriteable_type_index" on "favorites" ("user_id", "favoriteable_type")`,
  `create index "favorites_position_index" on "favorites" ("position")`,
  `create table "ratings" ("id" integer primary key autoincrement not null, "user_id" integer not null, "rateable_id" varchar not null, "rateable_type" varchar not null, "rating" integer not null, "created_at" datetime, "updated_at" datetime, foreign key("user_id") references "users"("id") on delete cascade)`,
  `create unique index "ratings_user_id_rateable_id_rateable_type_unique" on "ratings" ("user_id", "rateable_id", "rateable_type")`,
  `create index "ratings_user_id_rateable_type_index" on "ratings" ("user_id", "rateable_type")`,
];

const MYSQL_TABLE = `default character set utf8mb4 collate 'utf8mb4_unicode_ci'`;

export const koelMysqlDdl: readonly string[] = [
  `create table \`organizations\` (\`id\` varchar(26) not null, \`name\` varchar(255) not null, \`slug\` varchar(255) not null, \`created_at\` timestamp null, \`updated_at\` timestamp null, primary key (\`id\`)) ${MYSQL_TABLE}`,
  `alter table \`organizations\` add unique \`organizations_slug_unique\`(\`slug\`)`,
  `create table \`users\` (\`id\` int unsigned not null auto_increment primary key, \`organization_id\` varchar(26) not null, \`public_id\` varchar(36) null, \`name\` varchar(255) not null, \`email\` varchar(255) not null, \`password\` varchar(60) null, \`preferences\` text null, \`remember_token\` varchar(100) null, \`created_at\` timestamp null, \`updated_at\` timestamp null, \`invitation_token\` varchar(36) null, \`invited_at\` timestamp null, \`invitation_accepted_at\` timestamp null, \`invited_by_id\` int unsigned null, \`avatar\` varchar(255) null, \`sso_provider\` varchar(255) null, \`sso_id\` varchar(255) null, \`subsonic_api_key\` text null, \`subsonic_api_key_hash\` varchar(64) null, \`two_factor_secret\` text null, \`two_factor_recovery_codes\` text null, \`two_factor_confirmed_at\` timestamp null) ${MYSQL_TABLE}`,
  `alter table \`users\` add unique \`users_email_unique\`(\`email\`)`,
  `alter table \`users\` add index \`users_invitation_token_index\`(\`invitation_token\`)`,
  `alter table \`users\` add constraint \`users_invited_by_id_foreign\` foreign key (\`invited_by_id\`) references \`users\` (\`id\`) on delete set null`,
  `alter table \`users\` add index \`users_sso_id_index\`(\`sso_id\`)`,
  `alter table \`users\` add unique \`users_sso_provider_sso_id_unique\`(\`sso_provider\`, \`sso_id\`)`,
  `alter table \`users\` add unique \`users_public_id_unique\`(\`public_id\`)`,
  `alter table \`users\` add index \`users_organization_id_index\`(\`organization_id\`)`,
  `alter table \`users\` add constraint \`users_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`) on delete cascade on update cascade`,
  `alter table \`users\` add unique \`users_subsonic_api_key_hash_unique\`(\`subsonic_api_key_hash\`)`,
  `create table \`artists\` (\`name\` varchar(4064) not null, \`image\` varchar(255) null, \`created_at\` timestamp null, \`updated_at\` timestamp null, \`id\` varchar(26) not null, \`user_id\` int unsigned null, primary key (\`id\`)) ${MYSQL_TABLE}`,
  `alter table \`artists\` add unique \`artists_public_id_unique\`(\`id\`)`,
  `alter table \`artists\` add index \`artists_user_id_index\`(\`user_id\`)`,
  `alter table \`artists\` add constraint \`artists_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade on update cascade`,
  `create table \`albums\` (\`artist_id\` varchar(26) null, \`name\` varchar(4064) not null, \`cover\` varchar(255) not null default '', \`created_at\` timestamp null, \`updated_at\` timestamp null, \`year\` smallint null, \`id\` varchar(26) not null, \`user_id\` int unsigned null, \`artist_name\` varchar(255) null, primary key (\`id\`)) ${MYSQL_TABLE}`,
  `alter table \`albums\` add fulltext \`albums_name_fulltext\`(\`name\`)`,
  `alter table \`albums\` add unique \`albums_public_id_unique\`(\`id\`)`,
  `alter table \`albums\` add index \`albums_user_id_index\`(\`user_id\`)`,
  `alter table \`albums\` add constraint \`albums_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade on update cascade`,
  `alter table \`albums\` add index \`albums_artist_name_index\`(\`artist_name\`)`,
  `alter table \`albums\` add constraint \`albums_artist_id_foreign\` foreign key (\`artist_id\`) references \`artists\` (\`id\`) on delete cascade on update cascade`,
  `create table \`folders\` (\`id\` varchar(36) not null, \`parent_id\` varchar(36) null, \`path\` text not null, \`hash\` varchar(32) null, primary key (\`id\`)) ${MYSQL_TABLE}`,
  `alter table \`folders\` add index \`folders_parent_id_index\`(\`parent_id\`)`,
  `alter table \`folders\` add constraint \`folders_parent_id_foreign\` foreign key (\`parent_id\`) references \`folders\` (\`id\`) on delete cascade`,
  `alter table \`folders\` add unique \`folders_hash_unique\`(\`hash\`)`,
  `create table \`podcasts\` (\`id\` varchar(36) not null, \`url\` varchar(255) not null comment 'The URL to the podcast feed', \`link\` varchar(255) not null comment 'The link to the podcast website', \`title\` text not null, \`image\` text not null, \`author\` varchar(255) null, \`description\` text not null, \`categories\` text not null, \`explicit\` tinyint(1) not null, \`language\` varchar(255) not null, \`metadata\` text not null, \`added_by\` int unsigned null, \`last_synced_at\` timestamp not null, \`created_at\` timestamp null, \`updated_at\` timestamp null, primary key (\`id\`)) ${MYSQL_TABLE}`,
  `alter table \`podcasts\` add unique \`podcasts_url_unique\`(\`url\`)`,
  `alter table \`podcasts\` add constraint \`podcasts_added_by_foreign\` foreign key (\`added_by\`) references \`users\` (\`id\`) on delete set null`,
  `create table \`songs\` (\`id\` varchar(36) not null, \`album_id\` varchar(26) null, \`title\` varchar(4064) not null, \`length\` float(53) not null, \`track\` int null, \`disc\` int not null default '1', \`lyrics\` text not null, \`path\` text not null, \`hash\` varchar(255) null, \`mtime\` int not null, \`created_at\` timestamp null, \`updated_at\` timestamp null, \`artist_id\` varchar(26) null, \`year\` year null, \`owner_id\` int unsigned null, \`is_public\` tinyint(1) not null default '0', \`storage\` varchar(255) null, \`podcast_id\` varchar(36) null, \`episode_guid\` varchar(255) null, \`episode_metadata\` text null, \`folder_id\` varchar(36) null, \`mime_type\` varchar(255) null, \`artist_name\` varchar(255) null, \`album_name\` varchar(255) null, \`file_size\` bigint unsigned null, primary key (\`id\`)) ${MYSQL_TABLE}`,
  `alter table \`songs\` add fulltext \`songs_title_fulltext\`(\`title\`)`,
  `alter table \`songs\` add index \`songs_track_disc_index\`(\`track\`, \`disc\`)`,
  `alter table \`songs\` add constraint \`songs_owner_id_foreign\` foreign key (\`owner_id\`) references \`users\` (\`id\`) on delete cascade on update cascade`,
  `alter table \`songs\` add index \`songs_is_public_index\`(\`is_public\`)`,
  `alter table \`songs\` add index \`songs_storage_index\`(\`storage\`)`,
  `alter table \`songs\` add unique \`songs_episode_guid_unique\`(\`episode_guid\`)`,
  `alter table \`songs\` add constraint \`songs_podcast_id_foreign\` foreign key (\`podcast_id\`) references \`podcasts\` (\`id\`) on delete cascade`,
  `alter table \`songs\` add index \`songs_folder_id_index\`(\`folder_id\`)`,
  `alter table \`songs\` add constraint \`songs_folder_id_foreign\` foreign key (\`folder_id\`) references \`folders\` (\`id\`) on delete set null`,
  `alter table \`songs\` add index \`songs_artist_name_index\`(\`artist_name\`)`,
  `alter table \`songs\` add index \`songs_album_name_index\`(\`album_name\`)`,
  `alter table \`songs\` add constraint \`songs_artist_id_foreign\` foreign key (\`artist_id\`) references \`artists\` (\`id\`) on delete cascade on update cascade`,
  `alter table \`songs\` add constraint \`songs_album_id_foreign\` foreign key (\`album_id\`) references \`albums\` (\`id\`) on delete cascade on update cascade`,
  `alter table \`songs\` add fulltext \`songs_lyrics_fulltext\`(\`lyrics\`)`,
  `create table \`podcast_user\` (\`id\` bigint unsigned not null auto_increment primary key, \`user_id\` int unsigned not null, \`podcast_id\` varchar(36) not null, \`state\` text null, \`created_at\` timestamp null, \`updated_at\` timestamp null) ${MYSQL_TABLE}`,
  `alter table \`podcast_user\` add constraint \`podcast_user_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade`,
  `alter table \`podcast_user\` add constraint \`podcast_user_podcast_id_foreign\` foreign key (\`podcast_id\`) references \`podcasts\` (\`id\`) on delete cascade`,
  `alter table \`podcast_user\` add index \`podcast_user_user_id_podcast_id_index\`(\`user_id\`, \`podcast_id\`)`,
  `create table \`interactions\` (\`id\` bigint unsigned not null auto_increment primary key, \`user_id\` int unsigned not null, \`song_id\` varchar(36) not null, \`play_count\` int not null default '0', \`created_at\` timestamp null, \`updated_at\` timestamp null, \`last_played_at\` timestamp null) ${MYSQL_TABLE}`,
  `alter table \`interactions\` add constraint \`interactions_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade`,
  `alter table \`interactions\` add constraint \`interactions_song_id_foreign\` foreign key (\`song_id\`) references \`songs\` (\`id\`) on delete cascade on update cascade`,
  `alter table \`interactions\` add index \`interactions_user_id_song_id_index\`(\`user_id\`, \`song_id\`)`,
  `alter table \`interactions\` add index \`interactions_song_id_user_id_last_played_at_index\`(\`song_id\`, \`user_id\`, \`last_played_at\`)`,
  `create table \`favorites\` (\`id\` bigint unsigned not null auto_increment primary key, \`user_id\` int unsigned not null, \`favoriteable_id\` varchar(36) not null, \`favoriteable_type\` varchar(255) not null default 'playable', \`created_at\` timestamp not null default CURRENT_TIMESTAMP, \`position\` int unsigned not null default '0') ${MYSQL_TABLE}`,
  `alter table \`favorites\` add unique \`favorites_user_id_favoriteable_id_favoriteable_type_unique\`(\`user_id\`, \`favoriteable_id\`, \`favoriteable_type\`)`,
  `alter table \`favorites\` add index \`favorites_user_id_favoriteable_type_index\`(\`user_id\`, \`favoriteable_type\`)`,
  `alter table \`favorites\` add constraint \`favorites_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`)`,
  `alter table \`favorites\` add index \`favorites_position_index\`(\`position\`)`,
  `create table \`ratings\` (\`id\` bigint unsigned not null auto_increment primary key, \`user_id\` int unsigned not null, \`rateable_id\` varchar(36) not null, \`rateable_type\` varchar(255) not null, \`rating\` tinyint unsigned not null, \`created_at\` timestamp null, \`updated_at\` timestamp null) ${MYSQL_TABLE}`,
  `alter table \`ratings\` add unique \`ratings_user_id_rateable_id_rateable_type_unique\`(\`user_id\`, \`rateable_id\`, \`rateable_type\`)`,
  `alter table \`ratings\` add index \`ratings_user_id_rateable_type_index\`(\`user_id\`, \`rateable_type\`)`,
  `alter table \`ratings\` add constraint \`ratings_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade`,
];

/** Creates Koel's tables on SQLite or MySQL/MariaDB (Koel also supports PostgreSQL; not re-created here). */
export async function createKoelSchema(db: Kysely<any>, dialect: 'sqlite' | 'postgres' | 'mysql'): Promise<void> {
  if (dialect === 'postgres') throw new Error('the Koel fixture re-creates SQLite and MySQL only');
  for (const statement of dialect === 'sqlite' ? koelSqliteDdl : koelMysqlDdl) await sql.raw(statement).execute(db);
}

/** A ULID-shaped id (26 Crockford base32 characters), deterministic per name. */
function ulid(name: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let n = BigInt(`0x${createHash('sha1').update(name).digest('hex').slice(0, 32)}`) >> 2n;
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = alphabet[Number(n & 31n)]! + out;
    n >>= 5n;
  }
  return `01J${out.slice(3)}`;
}

const songId = (song: PlanSong) => stableUuid(`koel:song:${song.index}`);
const time = sqliteDateTime;

/**
 * Seeds Koel: one organization, two users, artists and albums (those of the
 * second user's private uploads owned by that user, as Koel Plus scopes
 * them), songs (public ones owned by the first user, private uploads of the
 * second), a podcast with one episode in `songs`, interactions (play
 * counts), ratings, and favorites of both users (songs, and an album, an
 * artist and the podcast for the first user) with Koel's positions.
 */
export async function seedKoel(db: Kysely<any>, dialect: 'sqlite' | 'postgres' | 'mysql' = 'sqlite'): Promise<HostSeed> {
  if (dialect === 'postgres') throw new Error('the Koel fixture re-creates SQLite and MySQL only');
  const plan = seedPlan();
  const org = ulid('koel:organization');
  const created = time(1_700_000_000);
  await db.insertInto('organizations').values({ id: org, name: 'Koel', slug: 'koel', created_at: created, updated_at: created }).execute();
  await db
    .insertInto('users')
    .values(
      plan.users.map((u, i) => ({
        id: i + 1,
        organization_id: org,
        public_id: stableUuid(`koel:user:${u.name}`),
        name: u.name,
        email: u.email,
        password: `$2y$12$${createHash('sha256').update(u.name).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 22)}${'x'.repeat(31)}`,
        created_at: time(u.createdAt),
        updated_at: time(u.createdAt),
      })),
    )
    .execute();

  const owner = (song: PlanSong) => (song.privateToSecondUser ? 2 : 1);
  const primaryArtist = (song: PlanSong) => (song.variant === 'feat-artist' ? song.artist.slice(0, song.artist.indexOf(' feat. ')) : song.artist);
  const artists = new Map<string, { id: string; name: string; user: number }>();
  const artistOf = (name: string, user: number) => {
    const key = `${user}|${name}`;
    let artist = artists.get(key);
    if (artist === undefined) artists.set(key, (artist = { id: ulid(`koel:artist:${key}`), name, user }));
    return artist;
  };
  const albums = new Map<string, { id: string; name: string; artist: string; artistName: string; year: number | null; user: number }>();
  for (const song of plan.songs) {
    const user = owner(song);
    const albumArtist = artistOf(song.albumArtist, user);
    artistOf(primaryArtist(song), user);
    const key = `${user}|${song.albumIndex}`;
    if (!albums.has(key)) albums.set(key, { id: ulid(`koel:album:${key}`), name: song.album, artist: albumArtist.id, artistName: song.albumArtist, year: song.year, user });
  }
  await insertChunked((rows) => db.insertInto('artists').values(rows).execute(), [...artists.values()].map((a) => ({ id: a.id, name: a.name, user_id: a.user, created_at: created, updated_at: created })));
  await insertChunked(
    (rows) => db.insertInto('albums').values(rows).execute(),
    [...albums.values()].map((a) => ({ id: a.id, name: a.name, cover: '', artist_id: a.artist, artist_name: a.artistName, year: a.year, user_id: a.user, created_at: created, updated_at: created })),
  );
  await insertChunked(
    (rows) => db.insertInto('songs').values(rows).execute(),
    plan.songs.map((song) => {
      const user = owner(song);
      return {
        id: songId(song),
        title: song.title,
        length: song.durationMs / 1000,
        track: song.trackNumber,
        disc: 1,
        lyrics: '',
        path: `/music/${song.albumArtist}/${song.album}/${String(song.trackNumber).padStart(2, '0')} ${song.title}.flac`,
        mtime: 1_690_000_000 + song.index,
        created_at: created,
        updated_at: created,
        year: song.year,
        owner_id: user,
        is_public: user === 1 ? 1 : 0,
        storage: '',
        mime_type: 'audio/flac',
        artist_name: song.artist,
        album_name: song.album,
        file_size: Math.round(song.durationMs * 110),
        artist_id: artistOf(primaryArtist(song), user).id,
        album_id: albums.get(`${user}|${song.albumIndex}`)!.id,
      };
    }),
    100,
  );

  // A podcast and one episode (a row of `songs`) whose title is a loved song's title.
  const podcastId = stableUuid('koel:podcast');
  const tempting = plan.songs.find((s) => s.loveIndex !== null && s.variant === null && !s.privateToSecondUser)!;
  const episodeId = stableUuid('koel:episode');
  await db
    .insertInto('podcasts')
    .values({ id: podcastId, url: 'https://podcasts.example.org/classic-rock/feed.xml', link: 'https://podcasts.example.org/classic-rock', title: 'Classic Rock Stories', image: 'https://podcasts.example.org/cover.jpg', author: tempting.canonical.artist, description: 'Songs and the stories behind them.', categories: '[]', explicit: 0, language: 'en', metadata: '{}', added_by: 1, last_synced_at: created, created_at: created, updated_at: created })
    .execute();
  await db.insertInto('podcast_user').values({ user_id: 1, podcast_id: podcastId, state: null, created_at: created, updated_at: created }).execute();
  await db
    .insertInto('songs')
    .values({ id: episodeId, podcast_id: podcastId, title: tempting.canonical.title, lyrics: '', path: 'https://podcasts.example.org/classic-rock/1.mp3', created_at: created, updated_at: created, episode_metadata: '{"link":"https://podcasts.example.org/classic-rock/1"}', episode_guid: 'classic-rock-stories-1', length: 1800, mtime: 1_700_000_000, is_public: 1 })
    .execute();

  const data = plan.userData;
  await insertChunked(
    (rows) => db.insertInto('interactions').values(rows).execute(),
    data.filter((d) => d.playCount > 0).map((d) => ({ user_id: d.user + 1, song_id: songId(plan.songs[d.songIndex]!), play_count: d.playCount, created_at: time(d.lastPlayedAt! - 86_400 * 30), updated_at: time(d.lastPlayedAt!), last_played_at: time(d.lastPlayedAt!) })),
  );
  await db.insertInto('interactions').values({ user_id: 1, song_id: episodeId, play_count: 2, created_at: created, updated_at: created, last_played_at: created }).execute();
  await insertChunked(
    (rows) => db.insertInto('ratings').values(rows).execute(),
    data.filter((d) => d.rating !== null).map((d) => ({ user_id: d.user + 1, rateable_id: songId(plan.songs[d.songIndex]!), rateable_type: 'playable', rating: d.rating, created_at: created, updated_at: created })),
  );
  // Favorites in the order the users made them, positions per user as FavoriteService writes them.
  const favorites: { user_id: number; favoriteable_id: string; favoriteable_type: string; created_at: string; at: number }[] = data
    .filter((d) => d.favoritedAt !== null)
    .map((d) => ({ user_id: d.user + 1, favoriteable_id: songId(plan.songs[d.songIndex]!), favoriteable_type: 'playable', created_at: time(d.favoritedAt!), at: d.favoritedAt! }));
  const firstAlbum = [...albums.values()][0]!;
  const firstArtist = [...artists.values()][0]!;
  favorites.push(
    { user_id: 1, favoriteable_id: firstAlbum.id, favoriteable_type: 'album', created_at: time(1_650_000_000), at: 1_650_000_000 },
    { user_id: 1, favoriteable_id: firstArtist.id, favoriteable_type: 'artist', created_at: time(1_650_000_100), at: 1_650_000_100 },
    { user_id: 1, favoriteable_id: podcastId, favoriteable_type: 'podcast', created_at: time(1_650_000_200), at: 1_650_000_200 },
    { user_id: 2, favoriteable_id: episodeId, favoriteable_type: 'playable', created_at: time(1_650_000_300), at: 1_650_000_300 },
  );
  favorites.sort((a, b) => a.user_id - b.user_id || a.at - b.at);
  const positions = new Map<number, number>();
  const favoriteRows = favorites.map(({ at: _at, ...f }) => {
    const position = positions.get(f.user_id) ?? 0;
    positions.set(f.user_id, position + 1);
    return { ...f, position };
  });
  await insertChunked((rows) => db.insertInto('favorites').values(rows).execute(), favoriteRows);

  const seeded = favoriteRows.map((f) => `${f.user_id}|${f.favoriteable_type}|${f.favoriteable_id}`);
  return {
    player: 'koel',
    users: plan.users.map((u, i) => ({ id: i + 1, name: u.name })),
    tracks: plan.songs.map((song) => ({
      id: songId(song),
      artist: song.artist,
      title: song.title,
      album: song.album,
      durationMs: song.durationMs,
      ...(song.privateToSecondUser ? { visibleOnlyTo: 2 } : {}),
    })),
    loves: lovesWithIds(plan, songId),
    manualFavorites: data.filter((d) => d.favoritedAt !== null).map((d) => ({ user: d.user + 1, trackId: songId(plan.songs[d.songIndex]!) })),
    async snapshot(db) {
      const favs = await db.selectFrom('favorites').select(['user_id', 'favoriteable_type', 'favoriteable_id', 'created_at', 'position']).execute();
      const byKey = new Map(favs.map((f) => [`${f.user_id}|${f.favoriteable_type}|${f.favoriteable_id}`, f]));
      const norm = (v: unknown) => (v instanceof Date ? sqliteDateTime(v.getTime() / 1000) : v);
      return {
        favorites: seeded.map((key) => {
          const f = byKey.get(key);
          return f === undefined ? { key, gone: true } : { key, created_at: norm(f.created_at), position: Number(f.position) };
        }),
        interactions: (await db.selectFrom('interactions').select(['user_id', 'song_id', 'play_count', 'last_played_at']).orderBy('user_id').orderBy('song_id').execute()).map((r) => ({ ...r, last_played_at: norm(r.last_played_at) })),
        ratings: await db.selectFrom('ratings').select(['user_id', 'rateable_id', 'rateable_type', 'rating']).orderBy('user_id').orderBy('rateable_id').execute(),
        episodes: await db.selectFrom('songs').select(['id', 'title', 'podcast_id', 'episode_guid']).where('podcast_id', 'is not', null).execute(),
        privateSongs: (await db.selectFrom('songs').select(['id', 'owner_id', 'is_public']).where('is_public', '=', 0).orderBy('id').execute()).map((r) => ({ ...r, owner_id: Number(r.owner_id), is_public: Number(r.is_public) })),
      };
    },
    async favoritesShown(db, user) {
      const rows = await db
        .selectFrom('favorites')
        .innerJoin('songs', 'songs.id', 'favorites.favoriteable_id')
        .select('favorites.favoriteable_id')
        .where('favorites.user_id', '=', user)
        .where('favorites.favoriteable_type', '=', 'playable')
        .where('songs.podcast_id', 'is', null)
        .execute();
      return rows.map((r) => String(r.favoriteable_id)).sort();
    },
  };
}
