/**
 * Jellyfin's library schema (SQLite), re-created from its EF Core model.
 *
 * Upstream: https://github.com/jellyfin/jellyfin at commit
 * c3ed1407ca698b0905de99da87b67415e6a62dbd (2026-08-22):
 * src/Jellyfin.Database/Jellyfin.Database.Providers.Sqlite/Migrations/JellyfinDbModelSnapshot.cs
 * (the model after the last migration, 20260815063607_RemoveOrphanedUserPermissionsAndPreferences),
 * cross-checked with the migrations that shaped these tables:
 * 20200613202153_AddUsers.cs, 20241020103111_LibraryDbMigration.cs (BaseItems,
 * UserData, ItemValues), 20241111131257_AddedCustomDataKey.cs and
 * 20241111135439_AddedCustomDataKeyKey.cs (CustomDataKey joins the key),
 * 20250609115616_DetachUserDataInsteadOfDelete.cs (RetentionDate, the
 * placeholder item), 20250202021306_FixedCollation.cs, 20260522092303_AddNormalizedUsername.cs;
 * and for the values: Jellyfin.Server.Implementations/Item/BaseItemMapper.cs,
 * Emby.Server.Implementations/Library/UserDataManager.cs,
 * MediaBrowser.Controller/Entities/Audio/Audio.cs, MediaBrowser.Controller/Entities/BaseItem.cs,
 * src/Jellyfin.Database/Jellyfin.Database.Implementations/Entities/ItemValueType.cs.
 *
 * The DDL is what EF Core's SQLite migrations generator writes for that model
 * (TEXT Guids and dates, INTEGER bools, NOT NULL for non-nullable CLR types,
 * "PK_"/"FK_"/"IX_" names, the filtered indexes); columns are in snapshot
 * order (key first, then alphabetical). Defaults: EF writes none except those
 * of AddColumn migrations that no later table rebuild dropped
 * (Users.NormalizedUsername DEFAULT ''); UserData has none.
 * Kept: Users, BaseItems, UserData, ItemValues, ItemValuesMap, AncestorIds.
 * Omitted: media streams, chapters, images, people, providers, trickplay,
 * segments, keyframes, linked children, display preferences, permissions,
 * preferences, devices, API keys, activity log.
 *
 * Facts the adapter must handle:
 * - BaseItems holds every item type; `Type` is the CLR type name:
 *   'MediaBrowser.Controller.Entities.Audio.Audio' for tracks, next to
 *   '…Audio.MusicAlbum', '…Audio.MusicArtist', '…Movies.Movie',
 *   '…MusicVideo', '…AudioBook' (MediaType 'Audio' too), folders, and the
 *   'PLACEHOLDER' item 00000000-0000-0000-0000-000000000001.
 * - `RunTimeTicks` is in 100-ns ticks (ms × 10,000). `Artists` and
 *   `AlbumArtists` are '|'-joined text; the same names are ItemValues rows
 *   (Type 0 = Artist, 1 = AlbumArtist) mapped in ItemValuesMap.
 * - Favorites are a flag: `UserData.IsFavorite` (0/1) in the row keyed by
 *   (ItemId, UserId, CustomDataKey) that also holds PlayCount, Played,
 *   Rating (0–10), LastPlayedDate, PlaybackPositionTicks. IsFavorite,
 *   PlayCount, PlaybackPositionTicks and Played are NOT NULL without defaults.
 * - Jellyfin writes one UserData row per user-data key of the item
 *   (UserDataManager.SaveUserData loops over GetUserDataKeys()): for audio
 *   the song key "<AlbumArtist>-<Album>-<0001>-<0003><Name>" (Audio.cs) and
 *   the item id in lowercase 'D' format (BaseItem.cs), with the same values.
 * - Guids are stored as uppercase text ('D' format); dates as
 *   'YYYY-MM-DD HH:MM:SS.fffffff' text (UTC, fraction trimmed).
 * - Removed items do not lose their user data: it is detached to the
 *   placeholder item with a RetentionDate and re-attached by CustomDataKey.
 * Jellyfin also ships a PostgreSQL provider (not re-created here).
 */
import { sql, type Kysely } from 'kysely';
import { insertChunked, lovesWithIds, seedPlan, stableUuid, type HostSeed, type PlanSong } from './songs.js';

export const source = {
  repo: 'jellyfin/jellyfin',
  files: [
    'src/Jellyfin.Database/Jellyfin.Database.Providers.Sqlite/Migrations/JellyfinDbModelSnapshot.cs',
    'src/Jellyfin.Database/Jellyfin.Database.Providers.Sqlite/Migrations/20241020103111_LibraryDbMigration.cs',
    'src/Jellyfin.Database/Jellyfin.Database.Providers.Sqlite/Migrations/20241111135439_AddedCustomDataKeyKey.cs',
    'src/Jellyfin.Database/Jellyfin.Database.Providers.Sqlite/Migrations/20250609115616_DetachUserDataInsteadOfDelete.cs',
    'src/Jellyfin.Database/Jellyfin.Database.Providers.Sqlite/Migrations/20260522092303_AddNormalizedUsername.cs',
    'Jellyfin.Server.Implementations/Item/BaseItemMapper.cs',
    'Emby.Server.Implementations/Library/UserDataManager.cs',
    'MediaBrowser.Controller/Entities/Audio/Audio.cs',
  ],
  commit: 'c3ed1407ca698b0905de99da87b67415e6a62dbd',
} as const;

export const jellyfinDdl: readonly string[] = [
  `CREATE TABLE "Users" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY,
    "AudioLanguagePreference" TEXT NULL,
    "AuthenticationProviderId" TEXT NOT NULL,
    "CastReceiverId" TEXT NULL,
    "DisplayCollectionsView" INTEGER NOT NULL,
    "DisplayMissingEpisodes" INTEGER NOT NULL,
    "EnableAutoLogin" INTEGER NOT NULL,
    "EnableLocalPassword" INTEGER NOT NULL,
    "EnableNextEpisodeAutoPlay" INTEGER NOT NULL,
    "EnableUserPreferenceAccess" INTEGER NOT NULL,
    "HidePlayedInLatest" INTEGER NOT NULL,
    "InternalId" INTEGER NOT NULL,
    "InvalidLoginAttemptCount" INTEGER NOT NULL,
    "LastActivityDate" TEXT NULL,
    "LastLoginDate" TEXT NULL,
    "LoginAttemptsBeforeLockout" INTEGER NULL,
    "MaxActiveSessions" INTEGER NOT NULL,
    "MaxParentalRatingScore" INTEGER NULL,
    "MaxParentalRatingSubScore" INTEGER NULL,
    "MustUpdatePassword" INTEGER NOT NULL,
    "NormalizedUsername" TEXT NOT NULL DEFAULT '',
    "Password" TEXT NULL,
    "PasswordResetProviderId" TEXT NOT NULL,
    "PlayDefaultAudioTrack" INTEGER NOT NULL,
    "RememberAudioSelections" INTEGER NOT NULL,
    "RememberSubtitleSelections" INTEGER NOT NULL,
    "RemoteClientBitrateLimit" INTEGER NULL,
    "RowVersion" INTEGER NOT NULL,
    "SubtitleLanguagePreference" TEXT NULL,
    "SubtitleMode" INTEGER NOT NULL,
    "SyncPlayAccess" INTEGER NOT NULL,
    "Username" TEXT NOT NULL
)`,
  `CREATE UNIQUE INDEX "IX_Users_NormalizedUsername" ON "Users" ("NormalizedUsername")`,
  `CREATE UNIQUE INDEX "IX_Users_Username" ON "Users" ("Username")`,
  `CREATE TABLE "BaseItems" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_BaseItems" PRIMARY KEY,
    "Album" TEXT NULL,
    "AlbumArtists" TEXT NULL,
    "Artists" TEXT NULL,
    "Audio" INTEGER NULL,
    "ChannelId" TEXT NULL,
    "CleanName" TEXT NULL,
    "CommunityRating" REAL NULL,
    "CriticRating" REAL NULL,
    "CustomRating" TEXT NULL,
    "Data" TEXT NULL,
    "DateCreated" TEXT NULL,
    "DateLastMediaAdded" TEXT NULL,
    "DateLastRefreshed" TEXT NULL,
    "DateLastSaved" TEXT NULL,
    "DateModified" TEXT NULL,
    "EndDate" TEXT NULL,
    "EpisodeTitle" TEXT NULL,
    "ExternalId" TEXT NULL,
    "ExternalSeriesId" TEXT NULL,
    "ExternalServiceId" TEXT NULL,
    "ExtraType" INTEGER NULL,
    "ForcedSortName" TEXT NULL,
    "Genres" TEXT NULL,
    "Height" INTEGER NULL,
    "IndexNumber" INTEGER NULL,
    "InheritedParentalRatingSubValue" INTEGER NULL,
    "InheritedParentalRatingValue" INTEGER NULL,
    "IsFolder" INTEGER NOT NULL,
    "IsInMixedFolder" INTEGER NOT NULL,
    "IsLocked" INTEGER NOT NULL,
    "IsMovie" INTEGER NOT NULL,
    "IsRepeat" INTEGER NOT NULL,
    "IsSeries" INTEGER NOT NULL,
    "IsVirtualItem" INTEGER NOT NULL,
    "LUFS" REAL NULL,
    "MediaType" TEXT NULL,
    "Name" TEXT NULL,
    "NormalizationGain" REAL NULL,
    "OfficialRating" TEXT NULL,
    "OriginalLanguage" TEXT NULL,
    "OriginalTitle" TEXT NULL,
    "Overview" TEXT NULL,
    "OwnerId" TEXT NULL,
    "ParentId" TEXT NULL,
    "ParentIndexNumber" INTEGER NULL,
    "Path" TEXT NULL,
    "PreferredMetadataCountryCode" TEXT NULL,
    "PreferredMetadataLanguage" TEXT NULL,
    "PremiereDate" TEXT NULL,
    "PresentationUniqueKey" TEXT NULL,
    "PrimaryVersionId" TEXT NULL,
    "ProductionLocations" TEXT NULL,
    "ProductionYear" INTEGER NULL,
    "RunTimeTicks" INTEGER NULL,
    "SeasonId" TEXT NULL,
    "SeasonName" TEXT NULL,
    "SeriesId" TEXT NULL,
    "SeriesName" TEXT NULL,
    "SeriesPresentationUniqueKey" TEXT NULL,
    "ShowId" TEXT NULL,
    "Size" INTEGER NULL,
    "SortName" TEXT NULL,
    "StartDate" TEXT NULL,
    "Studios" TEXT NULL,
    "Tagline" TEXT NULL,
    "Tags" TEXT NULL,
    "TopParentId" TEXT NULL,
    "TotalBitrate" INTEGER NULL,
    "Type" TEXT NOT NULL,
    "UnratedType" TEXT NULL,
    "Width" INTEGER NULL,
    CONSTRAINT "FK_BaseItems_BaseItems_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "BaseItems" ("Id"),
    CONSTRAINT "FK_BaseItems_BaseItems_ParentId" FOREIGN KEY ("ParentId") REFERENCES "BaseItems" ("Id") ON DELETE CASCADE
)`,
  `CREATE INDEX "IX_BaseItems_Name" ON "BaseItems" ("Name")`,
  `CREATE INDEX "IX_BaseItems_OwnerId" ON "BaseItems" ("OwnerId")`,
  `CREATE INDEX "IX_BaseItems_ParentId" ON "BaseItems" ("ParentId")`,
  `CREATE INDEX "IX_BaseItems_Path" ON "BaseItems" ("Path")`,
  `CREATE INDEX "IX_BaseItems_PresentationUniqueKey" ON "BaseItems" ("PresentationUniqueKey")`,
  `CREATE INDEX "IX_BaseItems_PrimaryVersionId" ON "BaseItems" ("PrimaryVersionId") WHERE "PrimaryVersionId" IS NOT NULL`,
  `CREATE INDEX "IX_BaseItems_SeasonId" ON "BaseItems" ("SeasonId")`,
  `CREATE INDEX "IX_BaseItems_SeriesId" ON "BaseItems" ("SeriesId")`,
  `CREATE INDEX "IX_BaseItems_SeriesName" ON "BaseItems" ("SeriesName")`,
  `CREATE INDEX "IX_BaseItems_ExtraType_OwnerId" ON "BaseItems" ("ExtraType", "OwnerId")`,
  `CREATE INDEX "IX_BaseItems_TopParentId_Id" ON "BaseItems" ("TopParentId", "Id")`,
  `CREATE INDEX "IX_BaseItems_Type_CleanName" ON "BaseItems" ("Type", "CleanName")`,
  `CREATE INDEX "IX_BaseItems_TopParentId_Type_IsVirtualItem" ON "BaseItems" ("TopParentId", "Type", "IsVirtualItem") WHERE "PrimaryVersionId" IS NULL AND ("OwnerId" IS NULL OR "ExtraType" IS NOT NULL)`,
  `CREATE INDEX "IX_BaseItems_Type_TopParentId_Id" ON "BaseItems" ("Type", "TopParentId", "Id")`,
  `CREATE INDEX "IX_BaseItems_Type_TopParentId_PresentationUniqueKey" ON "BaseItems" ("Type", "TopParentId", "PresentationUniqueKey")`,
  `CREATE INDEX "IX_BaseItems_Type_TopParentId_SortName" ON "BaseItems" ("Type", "TopParentId", "SortName")`,
  `CREATE INDEX "IX_BaseItems_Type_TopParentId_StartDate" ON "BaseItems" ("Type", "TopParentId", "StartDate")`,
  `CREATE INDEX "IX_BaseItems_MediaType_TopParentId_IsVirtualItem_PresentationUniqueKey" ON "BaseItems" ("MediaType", "TopParentId", "IsVirtualItem", "PresentationUniqueKey")`,
  `CREATE INDEX "IX_BaseItems_TopParentId_IsFolder_IsVirtualItem_DateCreated" ON "BaseItems" ("TopParentId", "IsFolder", "IsVirtualItem", "DateCreated")`,
  `CREATE INDEX "IX_BaseItems_TopParentId_MediaType_IsVirtualItem_DateCreated" ON "BaseItems" ("TopParentId", "MediaType", "IsVirtualItem", "DateCreated")`,
  `CREATE INDEX "IX_BaseItems_TopParentId_Type_IsVirtualItem_DateCreated" ON "BaseItems" ("TopParentId", "Type", "IsVirtualItem", "DateCreated")`,
  `CREATE INDEX "IX_BaseItems_Type_SeriesPresentationUniqueKey_IsFolder_IsVirtualItem" ON "BaseItems" ("Type", "SeriesPresentationUniqueKey", "IsFolder", "IsVirtualItem")`,
  `CREATE INDEX "IX_BaseItems_Type_SeriesPresentationUniqueKey_ParentIndexNumber_IndexNumber" ON "BaseItems" ("Type", "SeriesPresentationUniqueKey", "ParentIndexNumber", "IndexNumber")`,
  `CREATE INDEX "IX_BaseItems_Type_SeriesPresentationUniqueKey_PresentationUniqueKey_SortName" ON "BaseItems" ("Type", "SeriesPresentationUniqueKey", "PresentationUniqueKey", "SortName")`,
  `CREATE INDEX "IX_BaseItems_IsFolder_TopParentId_IsVirtualItem_PresentationUniqueKey_DateCreated" ON "BaseItems" ("IsFolder", "TopParentId", "IsVirtualItem", "PresentationUniqueKey", "DateCreated")`,
  `CREATE INDEX "IX_BaseItems_Type_TopParentId_IsVirtualItem_PresentationUniqueKey_DateCreated" ON "BaseItems" ("Type", "TopParentId", "IsVirtualItem", "PresentationUniqueKey", "DateCreated")`,
  `CREATE TABLE "UserData" (
    "ItemId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "CustomDataKey" TEXT NOT NULL,
    "AudioStreamIndex" INTEGER NULL,
    "IsFavorite" INTEGER NOT NULL,
    "LastPlayedDate" TEXT NULL,
    "Likes" INTEGER NULL,
    "PlayCount" INTEGER NOT NULL,
    "PlaybackPositionTicks" INTEGER NOT NULL,
    "Played" INTEGER NOT NULL,
    "Rating" REAL NULL,
    "RetentionDate" TEXT NULL,
    "SubtitleStreamIndex" INTEGER NULL,
    CONSTRAINT "PK_UserData" PRIMARY KEY ("ItemId", "UserId", "CustomDataKey"),
    CONSTRAINT "FK_UserData_BaseItems_ItemId" FOREIGN KEY ("ItemId") REFERENCES "BaseItems" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_UserData_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
)`,
  `CREATE INDEX "IX_UserData_ItemId_UserId_IsFavorite" ON "UserData" ("ItemId", "UserId", "IsFavorite")`,
  `CREATE INDEX "IX_UserData_ItemId_UserId_LastPlayedDate" ON "UserData" ("ItemId", "UserId", "LastPlayedDate")`,
  `CREATE INDEX "IX_UserData_ItemId_UserId_PlaybackPositionTicks" ON "UserData" ("ItemId", "UserId", "PlaybackPositionTicks")`,
  `CREATE INDEX "IX_UserData_ItemId_UserId_Played" ON "UserData" ("ItemId", "UserId", "Played")`,
  `CREATE INDEX "IX_UserData_UserId_IsFavorite_ItemId" ON "UserData" ("UserId", "IsFavorite", "ItemId")`,
  `CREATE INDEX "IX_UserData_UserId_ItemId_LastPlayedDate" ON "UserData" ("UserId", "ItemId", "LastPlayedDate")`,
  `CREATE INDEX "IX_UserData_UserId_Played_ItemId" ON "UserData" ("UserId", "Played", "ItemId")`,
  `CREATE TABLE "ItemValues" (
    "ItemValueId" TEXT NOT NULL CONSTRAINT "PK_ItemValues" PRIMARY KEY,
    "CleanValue" TEXT NOT NULL,
    "Type" INTEGER NOT NULL,
    "Value" TEXT NOT NULL
)`,
  `CREATE INDEX "IX_ItemValues_Type_CleanValue" ON "ItemValues" ("Type", "CleanValue")`,
  `CREATE UNIQUE INDEX "IX_ItemValues_Type_Value" ON "ItemValues" ("Type", "Value")`,
  `CREATE TABLE "ItemValuesMap" (
    "ItemValueId" TEXT NOT NULL,
    "ItemId" TEXT NOT NULL,
    CONSTRAINT "PK_ItemValuesMap" PRIMARY KEY ("ItemValueId", "ItemId"),
    CONSTRAINT "FK_ItemValuesMap_BaseItems_ItemId" FOREIGN KEY ("ItemId") REFERENCES "BaseItems" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ItemValuesMap_ItemValues_ItemValueId" FOREIGN KEY ("ItemValueId") REFERENCES "ItemValues" ("ItemValueId") ON DELETE CASCADE
)`,
  `CREATE INDEX "IX_ItemValuesMap_ItemId" ON "ItemValuesMap" ("ItemId")`,
  `CREATE TABLE "AncestorIds" (
    "ItemId" TEXT NOT NULL,
    "ParentItemId" TEXT NOT NULL,
    CONSTRAINT "PK_AncestorIds" PRIMARY KEY ("ItemId", "ParentItemId"),
    CONSTRAINT "FK_AncestorIds_BaseItems_ItemId" FOREIGN KEY ("ItemId") REFERENCES "BaseItems" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AncestorIds_BaseItems_ParentItemId" FOREIGN KEY ("ParentItemId") REFERENCES "BaseItems" ("Id") ON DELETE CASCADE
)`,
  `CREATE INDEX "IX_AncestorIds_ParentItemId" ON "AncestorIds" ("ParentItemId")`,
];

/** The item that detached user data points to (HasData of the model). */
export const PLACEHOLDER_ITEM_ID = '00000000-0000-0000-0000-000000000001';

export const JELLYFIN_TYPES = {
  audio: 'MediaBrowser.Controller.Entities.Audio.Audio',
  album: 'MediaBrowser.Controller.Entities.Audio.MusicAlbum',
  artist: 'MediaBrowser.Controller.Entities.Audio.MusicArtist',
  movie: 'MediaBrowser.Controller.Entities.Movies.Movie',
  musicVideo: 'MediaBrowser.Controller.Entities.MusicVideo',
  audioBook: 'MediaBrowser.Controller.Entities.AudioBook',
  collectionFolder: 'MediaBrowser.Controller.Entities.CollectionFolder',
} as const;

/** Creates Jellyfin's tables (and the placeholder item its model seeds). */
export async function createJellyfinSchema(db: Kysely<any>, dialect: 'sqlite' | 'postgres' | 'mysql'): Promise<void> {
  if (dialect !== 'sqlite') throw new Error(`the Jellyfin fixture re-creates SQLite only, not ${dialect}`);
  for (const statement of jellyfinDdl) await sql.raw(statement).execute(db);
  await db
    .insertInto('BaseItems')
    .values({
      Id: PLACEHOLDER_ITEM_ID,
      IsFolder: 0,
      IsInMixedFolder: 0,
      IsLocked: 0,
      IsMovie: 0,
      IsRepeat: 0,
      IsSeries: 0,
      IsVirtualItem: 0,
      Name: 'This is a placeholder item for UserData that has been detacted from its original item',
      Type: 'PLACEHOLDER',
    })
    .execute();
}

/** EF Core's SQLite DateTime text: 'YYYY-MM-DD HH:MM:SS.fffffff', fraction trimmed. */
export function jellyfinTime(unixSeconds: number, ticks = 0): string {
  const base = new Date(unixSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return ticks === 0 ? base : `${base}.${String(ticks).padStart(7, '0').replace(/0+$/, '')}`;
}

const guid = (name: string) => stableUuid(`jellyfin:${name}`).toUpperCase();
const trackId = (song: PlanSong) => guid(`audio:${song.index}`);
const cleanName = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N} ]/gu, '').replace(/\s+/g, ' ').trim();

/** Audio.GetUserDataKeys(): the song key, then the item id ('D' format, lowercase). */
export function jellyfinUserDataKeys(item: { id: string; name: string; album: string | null; albumArtist: string | null; indexNumber: number | null; parentIndexNumber: number | null }): [string, string] {
  let songKey = item.indexNumber === null ? '' : String(item.indexNumber).padStart(4, '0');
  if (item.parentIndexNumber !== null) songKey = `${String(item.parentIndexNumber).padStart(4, '0')}-${songKey}`;
  songKey += item.name;
  if (item.album) songKey = `${item.album}-${songKey}`;
  if (item.albumArtist) songKey = `${item.albumArtist}-${songKey}`;
  return [songKey, item.id.toLowerCase()];
}

const FALSE_FLAGS = { IsFolder: 0, IsInMixedFolder: 0, IsLocked: 0, IsMovie: 0, IsRepeat: 0, IsSeries: 0, IsVirtualItem: 0 };

/**
 * Seeds Jellyfin: two users, a music library folder, artist and album items,
 * audio items (ticks, '|'-joined artists, ItemValues), non-audio items that
 * share BaseItems (a movie, a music video and an audiobook named like loved
 * songs), and UserData rows as Jellyfin writes them (two keys per item) with
 * play counts, ratings and favorites of both users, plus one detached row.
 */
export async function seedJellyfin(db: Kysely<any>, dialect: 'sqlite' | 'postgres' | 'mysql' = 'sqlite'): Promise<HostSeed> {
  if (dialect !== 'sqlite') throw new Error('the Jellyfin fixture re-creates SQLite only');
  const plan = seedPlan();
  const created = jellyfinTime(1_735_000_000, 1_234_567);
  const users = plan.users.map((u) => ({ id: guid(`user:${u.name}`), name: u.name }));
  await db
    .insertInto('Users')
    .values(
      plan.users.map((u, i) => ({
        Id: users[i]!.id,
        AuthenticationProviderId: 'Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider',
        DisplayCollectionsView: 0,
        DisplayMissingEpisodes: 0,
        EnableAutoLogin: 0,
        EnableLocalPassword: 0,
        EnableNextEpisodeAutoPlay: 1,
        EnableUserPreferenceAccess: 1,
        HidePlayedInLatest: 1,
        InternalId: i + 1,
        InvalidLoginAttemptCount: 0,
        LastActivityDate: jellyfinTime(u.createdAt + 86_400),
        LastLoginDate: jellyfinTime(u.createdAt + 86_400),
        MaxActiveSessions: 0,
        MustUpdatePassword: 0,
        NormalizedUsername: u.name.toUpperCase(),
        Password: `$PBKDF2-SHA512$iterations=210000$${i}`,
        PasswordResetProviderId: 'Jellyfin.Server.Implementations.Users.DefaultPasswordResetProvider',
        PlayDefaultAudioTrack: 1,
        RememberAudioSelections: 1,
        RememberSubtitleSelections: 1,
        RowVersion: 0,
        SubtitleMode: 0,
        SyncPlayAccess: 0,
        Username: u.name,
      })),
    )
    .execute();

  const library = guid('folder:music');
  await db.insertInto('BaseItems').values({ ...FALSE_FLAGS, Id: library, Type: JELLYFIN_TYPES.collectionFolder, Name: 'Music', IsFolder: 1, Path: '/config/root/default/Music', DateCreated: created }).execute();
  const primaryArtist = (song: PlanSong) => (song.variant === 'feat-artist' ? song.artist.slice(0, song.artist.indexOf(' feat. ')) : song.artist);
  const artistItems = new Map<string, string>();
  for (const song of plan.songs) for (const name of [song.albumArtist, primaryArtist(song)]) if (!artistItems.has(name)) artistItems.set(name, guid(`artist:${name}`));
  await insertChunked(
    (rows) => db.insertInto('BaseItems').values(rows).execute(),
    [...artistItems].map(([name, id]) => ({ ...FALSE_FLAGS, Id: id, Type: JELLYFIN_TYPES.artist, Name: name, SortName: name.toLowerCase(), CleanName: cleanName(name), IsFolder: 1, ParentId: library, TopParentId: library, DateCreated: created, PresentationUniqueKey: id.toLowerCase() })),
    100,
  );
  const albumItem = (index: number) => guid(`album:${index}`);
  await insertChunked(
    (rows) => db.insertInto('BaseItems').values(rows).execute(),
    plan.albums.map((a) => ({ ...FALSE_FLAGS, Id: albumItem(a.index), Type: JELLYFIN_TYPES.album, MediaType: 'Unknown', Name: a.title, Album: a.title, AlbumArtists: a.artist, Artists: a.artist, ProductionYear: a.year, IsFolder: 1, ParentId: library, TopParentId: library, Path: `/media/music/${a.artist}/${a.title}`, DateCreated: created, PresentationUniqueKey: albumItem(a.index).toLowerCase() })),
    100,
  );
  const audioRow = (song: PlanSong) => ({
    ...FALSE_FLAGS,
    Id: trackId(song),
    Type: JELLYFIN_TYPES.audio,
    MediaType: 'Audio',
    Name: song.title,
    SortName: song.title.toLowerCase(),
    CleanName: cleanName(song.title),
    Album: song.album,
    AlbumArtists: song.albumArtist,
    Artists: song.artist,
    IndexNumber: song.trackNumber,
    ParentIndexNumber: 1,
    ProductionYear: song.year,
    RunTimeTicks: song.durationMs * 10_000,
    Size: Math.round(song.durationMs * 110),
    TotalBitrate: 880_000,
    Path: `/media/music/${song.albumArtist}/${song.album}/${String(song.trackNumber).padStart(2, '0')} - ${song.title.replaceAll('/', '-')}.flac`,
    ParentId: albumItem(song.albumIndex),
    TopParentId: library,
    DateCreated: created,
    DateModified: created,
    DateLastSaved: created,
    PresentationUniqueKey: trackId(song).toLowerCase(),
    IsInMixedFolder: 0,
  });
  await insertChunked((rows) => db.insertInto('BaseItems').values(rows).execute(), plan.songs.map(audioRow), 50);

  // Other item types named like loved songs: they are not tracks.
  const lovedSongs = plan.songs.filter((s) => s.loveIndex !== null && s.variant === null && !s.missing);
  const [forMovie, forVideo, forBook] = [lovedSongs[0]!, lovedSongs[1]!, lovedSongs[2]!];
  const others = [
    { ...FALSE_FLAGS, Id: guid('movie'), Type: JELLYFIN_TYPES.movie, MediaType: 'Video', Name: forMovie.canonical.title, IsMovie: 1, ProductionYear: 2018, RunTimeTicks: 7_980 * 10_000_000, Path: `/media/movies/${forMovie.canonical.title} (2018).mkv`, DateCreated: created },
    { ...FALSE_FLAGS, Id: guid('music-video'), Type: JELLYFIN_TYPES.musicVideo, MediaType: 'Video', Name: forVideo.canonical.title, Artists: forVideo.canonical.artist, RunTimeTicks: forVideo.durationMs * 10_000, Path: `/media/videos/${forVideo.canonical.artist} - ${forVideo.canonical.title}.mp4`, DateCreated: created },
    { ...FALSE_FLAGS, Id: guid('audiobook'), Type: JELLYFIN_TYPES.audioBook, MediaType: 'Audio', Name: forBook.canonical.title, Artists: forBook.canonical.artist, RunTimeTicks: 36_000 * 10_000_000, Path: `/media/books/${forBook.canonical.title}.m4b`, DateCreated: created },
  ];
  await db.insertInto('BaseItems').values(others).execute();

  // ItemValues: artists (Type 0) and album artists (Type 1) of the audio items.
  const values = new Map<string, { id: string; type: number; value: string }>();
  const maps: { ItemValueId: string; ItemId: string }[] = [];
  const valueId = (type: number, value: string) => {
    const key = `${type}|${value}`;
    let v = values.get(key);
    if (v === undefined) values.set(key, (v = { id: guid(`value:${key}`), type, value }));
    return v.id;
  };
  for (const song of plan.songs) {
    maps.push({ ItemValueId: valueId(0, song.artist), ItemId: trackId(song) });
    maps.push({ ItemValueId: valueId(1, song.albumArtist), ItemId: trackId(song) });
  }
  await insertChunked((rows) => db.insertInto('ItemValues').values(rows).execute(), [...values.values()].map((v) => ({ ItemValueId: v.id, Type: v.type, Value: v.value, CleanValue: cleanName(v.value) })));
  await insertChunked((rows) => db.insertInto('ItemValuesMap').values(rows).execute(), maps);
  await insertChunked(
    (rows) => db.insertInto('AncestorIds').values(rows).execute(),
    plan.songs.flatMap((song) => [
      { ItemId: trackId(song), ParentItemId: albumItem(song.albumIndex) },
      { ItemId: trackId(song), ParentItemId: library },
    ]),
  );

  // UserData: one row per key, the same values in both (as SaveUserData writes them).
  const userDataRows: Record<string, unknown>[] = [];
  for (const d of plan.userData) {
    const song = plan.songs[d.songIndex]!;
    const keys = jellyfinUserDataKeys({ id: trackId(song), name: song.title, album: song.album, albumArtist: song.albumArtist, indexNumber: song.trackNumber, parentIndexNumber: 1 });
    for (const key of keys) {
      userDataRows.push({
        ItemId: trackId(song),
        UserId: users[d.user]!.id,
        CustomDataKey: key,
        IsFavorite: d.favoritedAt === null ? 0 : 1,
        LastPlayedDate: d.lastPlayedAt === null ? null : jellyfinTime(d.lastPlayedAt, 4_200_000),
        PlayCount: d.playCount,
        PlaybackPositionTicks: 0,
        Played: d.playCount > 0 ? 1 : 0,
        Rating: d.rating === null ? null : d.rating * 2,
      });
    }
  }
  const [movie, video, book] = others;
  userDataRows.push(
    { ItemId: movie!.Id, UserId: users[0]!.id, CustomDataKey: movie!.Id.toLowerCase(), IsFavorite: 1, LastPlayedDate: jellyfinTime(1_700_000_000), PlayCount: 2, PlaybackPositionTicks: 0, Played: 1, Rating: 9 },
    { ItemId: video!.Id, UserId: users[0]!.id, CustomDataKey: video!.Id.toLowerCase(), IsFavorite: 0, LastPlayedDate: jellyfinTime(1_700_000_100), PlayCount: 5, PlaybackPositionTicks: 0, Played: 1 },
    { ItemId: book!.Id, UserId: users[1]!.id, CustomDataKey: book!.Id.toLowerCase(), IsFavorite: 1, PlayCount: 0, PlaybackPositionTicks: 12_000_000_000, Played: 0 },
    { ItemId: albumItem(0), UserId: users[1]!.id, CustomDataKey: albumItem(0).toLowerCase(), IsFavorite: 1, PlayCount: 0, PlaybackPositionTicks: 0, Played: 0 },
    // A favorite detached from an item that was removed, kept for its return.
    { ItemId: PLACEHOLDER_ITEM_ID, UserId: users[0]!.id, CustomDataKey: 'Removed Artist-Removed Album-0001-0001Removed Song', IsFavorite: 1, PlayCount: 3, PlaybackPositionTicks: 0, Played: 1, RetentionDate: jellyfinTime(1_760_000_000) },
  );
  await insertChunked((rows) => db.insertInto('UserData').values(rows).execute(), userDataRows, 100);

  const seededKeys = userDataRows.map((r) => `${r.ItemId}|${r.UserId}|${r.CustomDataKey}`);
  const manualKeys = new Set(userDataRows.filter((r) => r.IsFavorite === 1).map((r) => `${r.ItemId}|${r.UserId}|${r.CustomDataKey}`));
  return {
    player: 'jellyfin',
    users,
    tracks: plan.songs.map((song) => ({ id: trackId(song), artist: song.artist, title: song.title, album: song.album, durationMs: song.durationMs })),
    loves: lovesWithIds(plan, trackId),
    manualFavorites: plan.userData.filter((d) => d.favoritedAt !== null).map((d) => ({ user: users[d.user]!.id, trackId: trackId(plan.songs[d.songIndex]!) })),
    async snapshot(db) {
      const rows = await db.selectFrom('UserData').selectAll().execute();
      const byKey = new Map(rows.map((r) => [`${r.ItemId}|${r.UserId}|${r.CustomDataKey}`, r]));
      return {
        // Every row Jellyfin had: whole where the user favorited by hand; without
        // IsFavorite where it was 0 (the cache may set that flag, nothing else).
        userData: seededKeys.map((key) => {
          const r = byKey.get(key);
          if (r === undefined) return { key, gone: true };
          const { IsFavorite: _flag, ...rest } = r;
          return manualKeys.has(key) ? r : rest;
        }),
        otherItems: await db.selectFrom('BaseItems').selectAll().where('Type', '<>', JELLYFIN_TYPES.audio).orderBy('Id').execute(),
        audioItems: (await db.selectFrom('BaseItems').select((eb) => eb.fn.countAll<number>().as('n')).where('Type', '=', JELLYFIN_TYPES.audio).executeTakeFirstOrThrow()).n,
      };
    },
    async favoritesShown(db, user) {
      const rows = await db
        .selectFrom('UserData')
        .innerJoin('BaseItems', 'BaseItems.Id', 'UserData.ItemId')
        .select('UserData.ItemId')
        .distinct()
        .where('UserData.UserId', '=', user)
        .where('UserData.IsFavorite', '=', 1)
        .where('BaseItems.Type', '=', JELLYFIN_TYPES.audio)
        .execute();
      return rows.map((r) => String(r.ItemId)).sort();
    },
  };
}
