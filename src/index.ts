/**
 * loved-track-cache: keep a Last.fm user's loved tracks in your own database,
 * match them against your library, and favorite the matches, including
 * tracks your scanner adds later.
 *
 * @example
 * ```ts
 * import { LovedTrackCache, KyselyLovedTrackStore, LastfmSource, TableLibraryAdapter, formatStats } from 'loved-track-cache';
 *
 * const cache = new LovedTrackCache({
 *   user: 'rj',
 *   store: new KyselyLovedTrackStore({ db }),
 *   source: new LastfmSource({ apiKey: process.env.LASTFM_API_KEY! }),
 *   library: new TableLibraryAdapter({ db, tracks: { table: 'library' }, favorites: { table: 'favorites' } }),
 * });
 * await cache.migrate();
 * await cache.sync();
 * console.log(formatStats(await cache.stats()));
 * ```
 *
 * @packageDocumentation
 */

export { LovedTrackCache } from './loved-track-cache.js';
export type { ListOptions, OperationOptions, RematchOptions, ResetOptions, SyncOptions, UnmatchedLove } from './loved-track-cache.js';
export { LovedTrackCacheGroup } from './loved-track-cache-group.js';
export type {
  GroupMemberChange,
  GroupMemberId,
  GroupMemberOutcome,
  GroupRunReport,
  GroupTracksChangeReport,
  LovedTrackCacheGroupOptions,
  RematchAllOptions,
  SyncAllOptions,
} from './loved-track-cache-group.js';
export type { LovedTrackCacheOptions } from './options.js';
export type { LovedTrackCacheEvents, Listener } from './events.js';
export type { BackgroundSyncHandle, BackgroundSyncOptions } from './engine/background.js';
export { formatStats } from './types-reports.js';
export type { CacheStats, MatchPreview, RematchReport, SyncMode, SyncReport, TracksChangeReport } from './types-reports.js';
export type { CachedLovedTrack, LibraryTrack, LovedTrack, MatchOrigin, TrackId } from './types.js';

export {
  DialectMismatchError,
  IdentifierError,
  LastfmApiError,
  LastfmInvalidApiKeyError,
  LastfmLoginRequiredError,
  LastfmResponseError,
  LastfmRetryExhaustedError,
  LastfmSuspendedApiKeyError,
  LastfmUserNotFoundError,
  ForeignTableError,
  HostSchemaError,
  LovedTrackCacheError,
  NotFoundError,
  OptionsError,
  StoreError,
  SyncInProgressError,
  isLastfmApiError,
  isLovedTrackCacheError,
} from './errors.js';

export { KyselyLovedTrackStore } from './store/kysely-store.js';
export type { KyselyStoreOptions } from './store/kysely-store.js';
export { migrateToLatest } from './store/migrate.js';
export type { StoreDialect } from './store/dialect.js';
export type {
  AutoFavoriteRecord,
  AutoFavoriteRemovalReason,
  KeyedLove,
  KeyedTrack,
  LoveForMatching,
  LovedTrackStore,
  MatchDecision,
  MatchedLove,
  MatchWrite,
  MigrationReport,
  StoreCounts,
  SyncState,
  SyncStatePatch,
} from './store/loved-track-store.js';

export { InMemoryLibrary } from './library/in-memory-library.js';
export { TableLibraryAdapter } from './library/table-library-adapter.js';
export type {
  ColumnValue,
  FavoriteFlag,
  FavoritesTableMapping,
  FavoriteValue,
  FavoriteValueContext,
  FilterCondition,
  RelatedColumn,
  RowFilter,
  TableLibraryAdapterOptions,
  TrackTableMapping,
  TrackVisibility,
} from './library/table-library-adapter.js';
export type { TimestampFormat } from './library/timestamps.js';
export type { AddFavoritesResult, FavoritesOfRemovedTracks, HostUserId, LibraryAdapter, ReadTracksOptions } from './library/library-adapter.js';
export { hostRecipes, funkwhaleRecipe, gonicRecipe, jellyfinRecipe, koelRecipe, mtRecipe, navidromeRecipe } from './library/recipes/index.js';
export type { HostRecipe, HostRecipeName } from './library/recipes/index.js';

export { LastfmSource } from './source/lastfm/lastfm-source.js';
export type { LastfmPagesOptions } from './source/lastfm/lastfm-source.js';
export type { LastfmSourceOptions, LastfmFetch, LastfmFetchResponse } from './source/lastfm/lastfm-options.js';
export type { FetchPageOptions, LovedTrackPage, LovedTrackSource } from './source/loved-track-source.js';
export { lovedTrackPages } from './source/loved-track-pages.js';
export type { LovedTrackPagesOptions } from './source/loved-track-pages.js';

export { createMatcher, DEFAULT_THRESHOLD, DEFAULT_TIES, MATCHER_VERSION, artistRules, titleRules } from './matcher/index.js';
export { createNormalizer, normalizeArtist, normalizeArtistDetails, normalizeTitle, normalizeTitleDetails } from './matcher/index.js';
export type {
  ArtistKeys,
  BuiltInRule,
  HostRule,
  LovedKeys,
  LovedTrackInput,
  Matcher,
  MatcherOptions,
  MatchResult,
  NormalizedArtist,
  NormalizedMarker,
  NormalizedTitle,
  NormalizeRule,
  Normalizer,
  PipelineDescription,
  RecordingMarker,
  RuleApply,
  RuleContext,
  RuleField,
  RuleStage,
  ScoredCandidate,
  TiePolicy,
  TrackKeys,
} from './matcher/index.js';
