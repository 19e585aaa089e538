import { randomUUID } from 'node:crypto';
import { NotFoundError, SyncInProgressError } from './errors.js';
import { TypedEmitter, type Listener, type LovedTrackCacheEvents } from './events.js';
import { parseOptions } from './internal/parse-options.js';
import { delay } from './internal/abort.js';
import { serialQueue } from './internal/serial-queue.js';
import { chunk, unique } from './internal/chunk.js';
import { createMatcher } from './matcher/default-matcher.js';
import type { Matcher } from './matcher/matcher.js';
import { cacheOptionsSchema, type LovedTrackCacheOptions } from './options.js';
import type { HostUserId } from './library/library-adapter.js';
import type { LovedTrackStore, MigrationReport } from './store/loved-track-store.js';
import type { CachedLovedTrack, LibraryTrack, TrackId } from './types.js';
import { toCacheStats, type CacheStats, type MatchPreview, type RematchReport, type SyncReport, type TracksChangeReport } from './types-reports.js';
import { seconds, type EngineContext } from './engine/context.js';
import { addFavorites, detectUserRemovedFavorites, removeOwnFavorites } from './engine/favorites.js';
import { ensureTrackIndex, matchAllUnmatched, matchNewTracks, matchTracks, recheckStaleMatches, refreshLoveKeys, undoMatches } from './engine/matching.js';
import { previewSync, runSync } from './engine/sync.js';
import { startBackgroundSync, type BackgroundSyncHandle, type BackgroundSyncOptions } from './engine/background.js';

/** Options every async operation accepts. */
export interface OperationOptions {
  /** Aborts the operation; committed work stays committed. */
  readonly signal?: AbortSignal | undefined;
}

/** Options of {@link LovedTrackCache.sync}. */
export interface SyncOptions extends OperationOptions {
  /**
   * Page through every love (finds unloves) instead of only the new ones.
   * @default false (incremental when a cursor exists)
   */
  readonly full?: boolean | undefined;
  /**
   * Wait for another process's sync of this user to finish instead of
   * failing with {@link SyncInProgressError}.
   * @default false
   */
  readonly waitForLease?: boolean | undefined;
  /**
   * Fetch as a sync would, but write nothing: the report's `previews` say
   * what would be matched and favorited, with scores and reasons.
   * @default false
   */
  readonly dryRun?: boolean | undefined;
}

/** Options of {@link LovedTrackCache.rematch}. */
export interface RematchOptions extends OperationOptions {
  /**
   * Re-read the whole library into the track index first. Hosts that do not
   * call the scanner hooks should pass this, or new tracks stay unseen.
   * @default false (the index is rebuilt only when missing or when the matcher changed)
   */
  readonly refreshIndex?: boolean | undefined;
  /**
   * Compute and return what would be matched and favorited; write nothing.
   * @default false
   */
  readonly dryRun?: boolean | undefined;
}

/** Options of {@link LovedTrackCache.unmatched}. */
export interface ListOptions {
  /** @default 50 */
  readonly limit?: number | undefined;
  /** @default 0 */
  readonly offset?: number | undefined;
}

/** An unmatched love with the nearest library track and why it was not taken. */
export interface UnmatchedLove extends CachedLovedTrack {
  /** The best-scoring library candidate, when there is any. */
  readonly nearest?: { readonly trackId: string; readonly artist: string; readonly title: string; readonly score: number; readonly reasons: readonly string[] } | undefined;
}

/** Options of {@link LovedTrackCache.reset}. */
export interface ResetOptions {
  /**
   * Also remove the favorites this library created (never manual ones).
   * @default false
   */
  readonly removeAutoFavorites?: boolean | undefined;
  /**
   * Also forget `link()`/`reject()` decisions.
   * @default false
   */
  readonly forgetDecisions?: boolean | undefined;
}

/**
 * What a {@link LovedTrackCacheGroup} needs of its members: their engine
 * context and their one-operation-at-a-time queue. Not exported from the
 * package.
 *
 * @internal
 */
export interface CacheInternals {
  readonly ctx: EngineContext;
  exclusive<T>(operation: () => Promise<T>): Promise<T>;
  /** A rematch after the group rebuilt the shared track index (it counts as rebuilt for this member). */
  rematchAfterSharedRebuild(options: RematchOptions): Promise<RematchReport>;
}

const internals = new WeakMap<LovedTrackCache, CacheInternals>();

/** @internal */
export function cacheInternals(cache: LovedTrackCache): CacheInternals {
  const found = internals.get(cache);
  if (found === undefined) throw new TypeError('Expected a LovedTrackCache');
  return found;
}

/**
 * The cache a host uses: keeps one Last.fm user's loved tracks in the host's
 * database, matches them against the host's library and favorites the
 * matches, including tracks the scanner adds later.
 *
 * It owns no SQL and no HTTP: the {@link LovedTrackStore}, the
 * {@link LovedTrackSource}, the {@link LibraryAdapter} and the
 * {@link Matcher} are injected. Operations of one instance run one at a time.
 *
 * @example
 * ```ts
 * const cache = new LovedTrackCache({ user: 'rj', store, source, library });
 * await cache.migrate();
 * cache.on('sync:page', (e) => console.log(`Importing ${e.total} loved tracks... ${e.lovesSoFar}`));
 * await cache.sync();
 * await cache.onTracksAdded([101, 102]); // from the scanner
 * console.log(formatStats(await cache.stats())); // "36 of 9852 loved tracks in library"
 * ```
 */
export class LovedTrackCache {
  readonly #ctx: EngineContext;
  readonly #leaseTtlMs: number;
  readonly #owner = randomUUID();

  constructor(options: LovedTrackCacheOptions) {
    const parsed = parseOptions(cacheOptionsSchema, options, 'LovedTrackCache options');
    this.#leaseTtlMs = parsed.leaseTtlMs;
    this.#ctx = Object.freeze({
      user: parsed.user,
      hostUser: parsed.hostUser,
      hostUserKey: parsed.hostUser === undefined ? '' : String(parsed.hostUser),
      store: parsed.store,
      source: parsed.source,
      library: parsed.library,
      matcher: parsed.matcher ?? createMatcher(),
      events: new TypedEmitter(),
      batchSize: parsed.batchSize,
      candidatesPerLove: parsed.candidatesPerLove,
      onUnlove: parsed.onUnlove,
      reconcileEveryMs: parsed.reconcileEveryMs,
      owner: this.#owner,
      now: parsed.now,
    });
    internals.set(this, {
      ctx: this.#ctx,
      exclusive: (operation) => this.#exclusive(operation),
      rematchAfterSharedRebuild: (options) => this.#exclusive(() => this.#rematch(options, true)),
    });
  }

  /** The host user favorites are written for (`undefined` on single-user hosts). */
  get hostUser(): HostUserId | undefined {
    return this.#ctx.hostUser;
  }

  /** The Last.fm user of this cache. */
  get user(): string {
    return this.#ctx.user;
  }

  /** The matcher in use. */
  get matcher(): Matcher {
    return this.#ctx.matcher;
  }

  /**
   * Subscribes to an event; returns the function that unsubscribes.
   *
   * @example
   * ```ts
   * const off = cache.on('match:progress', ({ done, total }) => bar.update(done / total));
   * ```
   */
  on<K extends keyof LovedTrackCacheEvents>(event: K, listener: Listener<K>): () => void {
    return this.#ctx.events.on(event, listener);
  }

  /** Subscribes for one event only. */
  once<K extends keyof LovedTrackCacheEvents>(event: K, listener: Listener<K>): () => void {
    return this.#ctx.events.once(event, listener);
  }

  /** Unsubscribes a listener. */
  off<K extends keyof LovedTrackCacheEvents>(event: K, listener: Listener<K>): void {
    this.#ctx.events.off(event, listener);
  }

  /**
   * Creates or upgrades the cache's tables (never touching the host's).
   * Safe to run on every start.
   */
  async migrate(options: OperationOptions = {}): Promise<MigrationReport> {
    options.signal?.throwIfAborted();
    // The mapping is checked first: a wrong name fails here, before any
    // table is created and long before an import.
    await this.#ctx.library.validate?.({ signal: options.signal });
    return this.#ctx.store.migrate();
  }

  /**
   * Checks the library adapter's mapping against the host's database
   * (tables, columns, types; see {@link TableLibraryAdapter.validate}).
   * `migrate()` runs it too; call it at start-up to fail early.
   *
   * @throws {@link HostSchemaError} naming the table, column, type and option to fix.
   *
   * @example
   * ```ts
   * await cache.validate();
   * ```
   */
  async validate(options: OperationOptions = {}): Promise<void> {
    options.signal?.throwIfAborted();
    await this.#ctx.library.validate?.({ signal: options.signal });
  }

  /**
   * Fetches new loves (all of them the first time), stores them, matches the
   * unmatched loves and favorites the matches. Takes the user's sync lease
   * in the store, so two processes never sync one user at once.
   *
   * @throws {@link SyncInProgressError} when another process holds the lease.
   * @throws {@link LastfmApiError} and subclasses when Last.fm refuses.
   */
  async sync(options: SyncOptions = {}): Promise<SyncReport> {
    options.signal?.throwIfAborted();
    if (options.dryRun === true) return this.#exclusive(() => previewSync(this.#ctx, { full: options.full, signal: options.signal }));
    return this.#exclusive(() =>
      this.#withLease(options, async (renew) => runSync(this.#ctx, { full: options.full, signal: options.signal, onPage: renew })),
    );
  }

  /**
   * Checks unmatched loves against the library again, without any API call
   * ("check for new matches"). Rebuilds the track index first when it is
   * missing, when the matcher changed, or with `refreshIndex`.
   */
  async rematch(options: RematchOptions = {}): Promise<RematchReport> {
    options.signal?.throwIfAborted();
    return this.#exclusive(() => this.#rematch(options, false));
  }

  /** `sharedRebuild`: a group just rebuilt the shared index for every member. */
  async #rematch(options: RematchOptions, sharedRebuild: boolean): Promise<RematchReport> {
    const started = this.#ctx.now();
    const dryRun = options.dryRun === true;
    const state = await this.#ctx.store.getIndexState();
    const rulesChanged = state !== undefined && state.fingerprint !== this.#ctx.matcher.fingerprint;
    const indexRebuilt = sharedRebuild
      ? true
      : dryRun && state?.fingerprint === this.#ctx.matcher.fingerprint && options.refreshIndex !== true
        ? false
        : await ensureTrackIndex(this.#ctx, { force: options.refreshIndex === true, signal: options.signal });
    await refreshLoveKeys(this.#ctx, options.signal);
    let unmatched = rulesChanged || indexRebuilt ? await recheckStaleMatches(this.#ctx, { dryRun }) : 0;
    if (indexRebuilt && !dryRun) {
      // A fresh read of the library also tells which matched tracks are
      // gone (for hosts that do not call onTracksRemoved).
      const vanished = await this.#ctx.store.matchedLovesWithoutTrack(this.#ctx.user);
      await this.#ctx.store.clearMatches(vanished.map((love) => love.id), this.#ctx.user);
      await this.#tracksLeft(unique(vanished.map((love) => love.trackId)));
      unmatched += vanished.length;
    }
    const userRemovedFavorites = dryRun ? 0 : await detectUserRemovedFavorites(this.#ctx);
    const result = await matchAllUnmatched(this.#ctx, { dryRun, signal: options.signal });
    return {
      user: this.#ctx.user,
      checked: result.checked,
      matched: result.matched,
      favorited: result.favorited,
      unmatched,
      indexRebuilt,
      userRemovedFavorites,
      previews: result.previews,
      durationMs: this.#ctx.now() - started,
    };
  }

  /**
   * What `rematch()` would match and favorite, with scores and reasons;
   * writes nothing.
   */
  async previewMatches(options: OperationOptions = {}): Promise<readonly MatchPreview[]> {
    return (await this.rematch({ ...options, dryRun: true })).previews;
  }

  /**
   * Scanner hook: these tracks were added to the library. Indexes them and
   * matches them against the unmatched loves; favorites the matches. Cheap:
   * only loves sharing a key with the new tracks are compared.
   *
   * @example
   * ```ts
   * scanner.on('added', (ids) => cache.onTracksAdded(ids));
   * ```
   */
  async onTracksAdded(ids: readonly TrackId[], options: OperationOptions = {}): Promise<TracksChangeReport> {
    options.signal?.throwIfAborted();
    return this.#exclusive(async () => {
      const state = await this.#ctx.store.getIndexState();
      if (state?.fingerprint !== this.#ctx.matcher.fingerprint) {
        // No usable index yet: build it (it includes the new tracks) and match everything.
        await ensureTrackIndex(this.#ctx, { signal: options.signal });
        await refreshLoveKeys(this.#ctx, options.signal);
        const result = await matchAllUnmatched(this.#ctx, { signal: options.signal });
        return { matched: result.matched, favorited: result.favorited, unmatched: 0, unfavorited: 0 };
      }
      const result = await matchNewTracks(this.#ctx, ids);
      return { matched: result.matched, favorited: result.favorited, unmatched: 0, unfavorited: 0 };
    });
  }

  /**
   * Scanner hook: these tracks left the library. Their loves become
   * unmatched (and are favorited again if the track comes back).
   */
  async onTracksRemoved(ids: readonly TrackId[], options: OperationOptions = {}): Promise<TracksChangeReport> {
    options.signal?.throwIfAborted();
    return this.#exclusive(async () => {
      const trackIds = unique(ids.map(String));
      let unmatched = 0;
      for (const batch of chunk(trackIds, this.#ctx.batchSize)) {
        options.signal?.throwIfAborted();
        const loves = await this.#ctx.store.matchedLoves(this.#ctx.user, { trackIds: batch });
        await this.#ctx.store.clearMatches(loves.map((love) => love.id), this.#ctx.user);
        await this.#tracksLeft(batch);
        await this.#ctx.store.deleteTrackKeys(batch);
        unmatched += loves.length;
      }
      return { matched: 0, favorited: 0, unmatched, unfavorited: 0 };
    });
  }

  /**
   * Scanner hook: these tracks were re-tagged. Re-indexes them; a match that
   * no longer holds is undone (its favorite removed only if this library
   * created it), and the tracks are matched again.
   */
  async onTracksChanged(ids: readonly TrackId[], options: OperationOptions = {}): Promise<TracksChangeReport> {
    options.signal?.throwIfAborted();
    return this.#exclusive(async () => {
      let unmatchedCount = 0;
      let unfavorited = 0;
      let matched = 0;
      let favorited = 0;
      const read: (readonly LibraryTrack[])[] = [];
      for (const batch of chunk(unique(ids.map(String)), this.#ctx.batchSize)) {
        options.signal?.throwIfAborted();
        const tracks = new Map((await this.#ctx.library.getTracks(batch)).map((track) => [String(track.id), track]));
        const loves = await this.#ctx.store.matchedLoves(this.#ctx.user, { trackIds: batch });
        const broken = loves.filter((love) => {
          if (love.origin === 'manual') return false;
          const track = tracks.get(love.trackId);
          return track === undefined || !this.#ctx.matcher.compare(love, track).accepted;
        });
        unfavorited += await undoMatches(this.#ctx, broken, 'unmatched');
        unmatchedCount += broken.length;
        read.push([...tracks.values()]);
      }
      // Every broken match is undone before any matching, as a love freed in
      // one batch may match a track of another. The tracks read above are
      // re-indexed and matched as they are: no second read of the library.
      for (const tracks of read) {
        const result = await matchTracks(this.#ctx, tracks);
        matched += result.matched;
        favorited += result.favorited;
      }
      return { matched, favorited, unmatched: unmatchedCount, unfavorited };
    });
  }

  /**
   * Tells the cache the user removed these favorites in the host. Favorites
   * this library created are then never re-added.
   */
  async onFavoriteRemoved(ids: readonly TrackId[], options: OperationOptions = {}): Promise<void> {
    options.signal?.throwIfAborted();
    await this.#exclusive(() => this.#ctx.store.markAutoFavoritesRemoved(this.#ctx.user, this.#ctx.hostUserKey, unique(ids.map(String)), 'user', seconds(this.#ctx.now())));
  }

  /**
   * Records a manual match: the love is matched to `trackId` (and the track
   * favorited), kept through every rematch and key rebuild, until reset
   * with `forgetDecisions`.
   *
   * @throws {@link NotFoundError} when the love or the track does not exist.
   */
  async link(love: { readonly artist: string; readonly title: string }, trackId: TrackId): Promise<void> {
    await this.#exclusive(async () => {
      const row = await this.#requireLove(love);
      const [track] = await this.#ctx.library.getTracks([trackId]);
      if (track === undefined) throw new NotFoundError(`Track ${JSON.stringify(String(trackId))} is not in the library`);
      const id = String(track.id);
      await this.#ctx.store.addDecision(this.#ctx.user, { artist: row.artist, title: row.title, trackId: id, decision: 'link' }, seconds(this.#ctx.now()));
      if (row.matchedTrackId !== null && row.matchedTrackId !== id) await undoMatches(this.#ctx, [{ id: row.id, trackId: row.matchedTrackId }], 'unmatched');
      await this.#ctx.store.setMatches(
        [{ loveId: row.id, trackId: id, score: 1, reasons: ['linked by hand'], origin: 'manual', fingerprint: this.#ctx.matcher.fingerprint }],
        seconds(this.#ctx.now()),
        this.#ctx.user,
      );
      await addFavorites(this.#ctx, [{ trackId: id, loveId: row.id }]);
    });
  }

  /**
   * Records "never match these two". A current match between them is undone
   * (and its favorite removed if this library created it).
   *
   * @throws {@link NotFoundError} when the love does not exist.
   */
  async reject(love: { readonly artist: string; readonly title: string }, trackId: TrackId): Promise<void> {
    await this.#exclusive(async () => {
      const row = await this.#requireLove(love);
      const id = String(trackId);
      await this.#ctx.store.addDecision(this.#ctx.user, { artist: row.artist, title: row.title, trackId: id, decision: 'reject' }, seconds(this.#ctx.now()));
      if (row.matchedTrackId === id) await undoMatches(this.#ctx, [{ id: row.id, trackId: id }], 'unmatched');
    });
  }

  /**
   * Clears the cache of this user (loves and sync state). With
   * `removeAutoFavorites`, removes exactly the favorites this library created
   * (those of missing tracks on soft-delete hosts too). Without it, the
   * favorites stay and so do the records of which ones are ours: a later
   * `reset({ removeAutoFavorites: true })` still removes them, and a new sync
   * never takes them for manual favorites.
   */
  async reset(options: ResetOptions = {}): Promise<{ readonly removedFavorites: number }> {
    return this.#exclusive(async () => {
      let removed = 0;
      if (options.removeAutoFavorites === true) {
        for (;;) {
          const page = await this.#ctx.store.activeAutoFavorites(this.#ctx.user, this.#ctx.hostUserKey, { limit: this.#ctx.batchSize });
          if (page.length === 0) break;
          removed += (await removeOwnFavorites(this.#ctx, page.map((record) => record.trackId), 'reset')).length;
        }
      }
      // Without removeAutoFavorites the records stay: forgetting them would
      // make our favorites look manual, and impossible to remove later.
      if (options.removeAutoFavorites === true) await this.#ctx.store.deleteAutoFavoriteRecords(this.#ctx.user, this.#ctx.hostUserKey);
      await this.#ctx.store.deleteUserData(this.#ctx.user);
      if (options.forgetDecisions === true) await this.#ctx.store.deleteDecisions(this.#ctx.user);
      return { removedFavorites: removed };
    });
  }

  /**
   * Numbers for the stats line: see {@link formatStats}.
   */
  async stats(options: OperationOptions = {}): Promise<CacheStats> {
    options.signal?.throwIfAborted();
    const [counts, state, autoFavorites] = await Promise.all([
      this.#ctx.store.counts(this.#ctx.user),
      this.#ctx.store.getSyncState(this.#ctx.user),
      this.#ctx.store.countActiveAutoFavorites(this.#ctx.user, this.#ctx.hostUserKey),
    ]);
    return toCacheStats(this.#ctx, counts, state, autoFavorites);
  }

  /**
   * Loves not (yet) in the library, newest first, each with the nearest
   * library candidate and why it was not accepted.
   */
  async unmatched(options: ListOptions = {}): Promise<readonly UnmatchedLove[]> {
    const limit = options.limit ?? 50;
    const offset = options.offset ?? 0;
    const loves = await this.#ctx.store.listLoves(this.#ctx.user, { matched: false, limit, offset });
    const candidates = await this.#ctx.store.candidates(
      loves.map((love) => ({ id: love.id, artist: love.artist, title: love.title, mbid: love.mbid, artistKey: '', titleKey: '' })),
      { fuzzy: true, perLove: this.#ctx.candidatesPerLove, user: this.#ctx.user },
    );
    return loves.map((love) => {
      let nearest: UnmatchedLove['nearest'];
      for (const track of candidates.get(love.id) ?? []) {
        const verdict = this.#ctx.matcher.compare(love, track);
        if (nearest === undefined || verdict.score > nearest.score) {
          nearest = { trackId: String(track.id), artist: track.artist, title: track.title, score: verdict.score, reasons: verdict.reasons };
        }
      }
      return nearest === undefined ? love : { ...love, nearest };
    });
  }

  /** Loves matched to a library track, newest first. */
  async matched(options: ListOptions = {}): Promise<readonly CachedLovedTrack[]> {
    return this.#ctx.store.listLoves(this.#ctx.user, { matched: true, limit: options.limit ?? 50, offset: options.offset ?? 0 });
  }

  /**
   * Runs an incremental sync and a rematch on their periods, with jitter,
   * never overlapping, without keeping the process alive.
   *
   * @example
   * ```ts
   * const handle = cache.startBackgroundSync({ everyMs: 24 * 3600_000 });
   * // later
   * await handle.stop();
   * ```
   */
  startBackgroundSync(options: BackgroundSyncOptions = {}): BackgroundSyncHandle {
    return startBackgroundSync(
      { sync: (signal) => this.sync({ signal }), rematch: (signal) => this.rematch({ signal, refreshIndex: true }) },
      options,
    );
  }

  // A track left the library. A host that deletes it deleted its favorite
  // too: record that, so the favorite is made again if the track returns.
  // A soft-delete host kept the favorite row: leave our favorite standing
  // (it shows again with the file, and reset() still knows it is ours), or
  // remove it while the file is missing when the adapter says so.
  async #tracksLeft(trackIds: readonly string[]): Promise<void> {
    if (trackIds.length === 0) return;
    const policy = this.#ctx.library.favoritesOfRemovedTracks ?? 'deleted-by-host';
    if (policy === 'keep') return;
    if (policy === 'remove') {
      await removeOwnFavorites(this.#ctx, trackIds, 'track_removed');
      return;
    }
    await this.#ctx.store.markAutoFavoritesRemoved(this.#ctx.user, this.#ctx.hostUserKey, trackIds, 'track_removed', seconds(this.#ctx.now()));
  }

  async #requireLove(love: { readonly artist: string; readonly title: string }): Promise<CachedLovedTrack> {
    const row = await this.#ctx.store.findLove(this.#ctx.user, love.artist, love.title);
    if (row === undefined) throw new NotFoundError(`No loved track ${JSON.stringify(`${love.artist} - ${love.title}`)} for Last.fm user ${JSON.stringify(this.#ctx.user)}`);
    return row;
  }

  // One operation at a time per instance: the engines read, decide and write,
  // and two of them interleaving could favorite a track twice.
  readonly #exclusive = serialQueue();

  async #withLease<T>(options: SyncOptions, operation: (renew: () => Promise<void>) => Promise<T>): Promise<T> {
    const store: LovedTrackStore = this.#ctx.store;
    const user = this.#ctx.user;
    for (;;) {
      const lease = await store.acquireLease(user, this.#owner, this.#leaseTtlMs, this.#ctx.now());
      if (lease.acquired) break;
      if (options.waitForLease !== true) throw new SyncInProgressError(user, lease.expiresAtMs);
      await delay(Math.min(1000, Math.max(50, lease.expiresAtMs - this.#ctx.now())), options.signal);
    }
    try {
      return await operation(async () => {
        await store.acquireLease(user, this.#owner, this.#leaseTtlMs, this.#ctx.now());
      });
    } finally {
      await store.releaseLease(user, this.#owner);
    }
  }
}
