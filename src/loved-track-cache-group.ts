import { z } from 'zod';
import { OptionsError } from './errors.js';
import type { Listener, LovedTrackCacheEvents } from './events.js';
import { settleEach } from './internal/concurrency.js';
import { chunk, unique } from './internal/chunk.js';
import { parseOptions } from './internal/parse-options.js';
import { serialQueue } from './internal/serial-queue.js';
import type { HostUserId } from './library/library-adapter.js';
import { LovedTrackCache, cacheInternals, type OperationOptions, type RematchOptions, type SyncOptions } from './loved-track-cache.js';
import { createMatcher } from './matcher/default-matcher.js';
import type { Matcher } from './matcher/matcher.js';
import { cacheOptionsSchema, type LovedTrackCacheOptions } from './options.js';
import type { LoveForMatching, MigrationReport } from './store/loved-track-store.js';
import type { TrackId } from './types.js';
import { toCacheStats, type CacheStats, type RematchReport, type SyncReport, type TracksChangeReport } from './types-reports.js';
import { seconds } from './engine/context.js';
import { candidatesAmong, ensureTrackIndex, keyTracks, matchLoves } from './engine/matching.js';
import { startBackgroundSync, type BackgroundSyncHandle, type BackgroundSyncOptions } from './engine/background.js';

const groupOptionsSchema = cacheOptionsSchema.omit({ user: true, hostUser: true }).extend({
  concurrency: z.number().int().min(1).max(64, 'to be an integer from 1 to 64').default(4),
});

/**
 * Options of {@link LovedTrackCacheGroup}: everything a
 * {@link LovedTrackCache} takes except the user, shared by every member.
 *
 * @example
 * ```ts
 * const group = new LovedTrackCacheGroup({ store, source, library, onUnlove: 'remove-favorite' });
 * ```
 */
export interface LovedTrackCacheGroupOptions extends Omit<LovedTrackCacheOptions, 'user' | 'hostUser'> {
  /**
   * Members worked on at once by `syncAll()`, `rematchAll()` and the
   * scanner hooks (the source's throttle still spaces the requests).
   * @default 4
   */
  readonly concurrency?: number | undefined;
}

/** Which member a per-user result belongs to. */
export interface GroupMemberId {
  /** The Last.fm user. */
  readonly user: string;
  /** The host user favorites are written for. */
  readonly hostUser: HostUserId | undefined;
}

/** What a group scanner hook did for one member. */
export interface GroupMemberChange extends TracksChangeReport, GroupMemberId {}

/** What a group scanner hook did, in all and per member (members without any change are left out). */
export interface GroupTracksChangeReport extends TracksChangeReport {
  readonly users: readonly GroupMemberChange[];
  /** Members whose part failed, with the error; the others' work is committed. */
  readonly failures: readonly (GroupMemberId & { readonly error: unknown })[];
}

/** One member's outcome of a group-wide run. */
export type GroupMemberOutcome<R> = (GroupMemberId & { readonly ok: true; readonly report: R }) | (GroupMemberId & { readonly ok: false; readonly error: unknown });

/** What `syncAll()` or `rematchAll()` did, per member. A failed member never stops the others. */
export interface GroupRunReport<R> {
  readonly results: readonly GroupMemberOutcome<R>[];
  readonly succeeded: number;
  readonly failed: number;
  readonly durationMs: number;
}

/** Options of {@link LovedTrackCacheGroup.syncAll}. */
export interface SyncAllOptions extends Omit<SyncOptions, 'dryRun'> {
  /**
   * Members synced at once.
   * @default the group's `concurrency`
   */
  readonly concurrency?: number | undefined;
}

/** Options of {@link LovedTrackCacheGroup.rematchAll}. */
export interface RematchAllOptions extends Omit<RematchOptions, 'dryRun'> {
  /**
   * Members rematched at once.
   * @default the group's `concurrency`
   */
  readonly concurrency?: number | undefined;
}

/**
 * The caches of every account of a multi-user server, over one store,
 * source, library and matcher. A scan is announced once to the group, which
 * indexes the tracks once and looks them up against the loves of every
 * member at once (a query per chunk of tracks, not per user); sync and
 * rematch run over all members with bounded concurrency and a report per
 * member. `forUser()` gives the ordinary {@link LovedTrackCache} of one
 * account, for its own sync button, stats line and unmatched list.
 *
 * @example
 * ```ts
 * const group = new LovedTrackCacheGroup({ store, source, library });
 * await group.migrate();
 * for (const account of accounts) group.forUser(account.lastfmUser, account.id);
 * await group.syncAll();
 * scanner.on('added', (ids) => group.onTracksAdded(ids)); // one call for every account
 * ```
 */
export class LovedTrackCacheGroup {
  readonly #options: Omit<LovedTrackCacheOptions, 'user' | 'hostUser'>;
  readonly #concurrency: number;
  readonly #members = new Map<string, LovedTrackCache>();
  readonly #listeners = new Map<keyof LovedTrackCacheEvents, Set<(payload: never) => void>>();
  readonly #unsubscribe = new Map<(payload: never) => void, (() => void)[]>();
  // Group operations run one at a time: the scanner hooks read, decide and
  // write across members, and two of them interleaving could favorite twice.
  readonly #exclusive = serialQueue();

  constructor(options: LovedTrackCacheGroupOptions) {
    const parsed = parseOptions(groupOptionsSchema, options, 'LovedTrackCacheGroup options');
    const { concurrency, ...rest } = parsed;
    this.#concurrency = concurrency;
    // One matcher for all: the shared track index holds one set of keys.
    this.#options = Object.freeze({ ...rest, matcher: parsed.matcher ?? createMatcher() });
  }

  /** The matcher every member uses. */
  get matcher(): Matcher {
    return this.#options.matcher!;
  }

  /** The members, in the order they joined. */
  get members(): readonly LovedTrackCache[] {
    return [...this.#members.values()];
  }

  /**
   * The cache of one account: created on the first call, the same object on
   * every later call with the same users.
   *
   * @throws {@link OptionsError} when the Last.fm user is already a member
   * for another host user (matches are kept per Last.fm user).
   *
   * @example
   * ```ts
   * const cache = group.forUser('rj', 42);
   * console.log(formatStats(await cache.stats()));
   * ```
   */
  forUser(lastfmUser: string, hostUser?: HostUserId): LovedTrackCache {
    const user = String(lastfmUser).trim();
    const key = memberKey(user, hostUser);
    const known = this.#members.get(key);
    if (known !== undefined) return known;
    // Matches are kept per Last.fm user (one row per love), so a second host
    // user of the same Last.fm user would find every love matched already
    // and never get a favorite.
    const other = this.members.find((cache) => cache.user === user);
    if (other !== undefined) {
      throw new OptionsError(
        `Last.fm user ${JSON.stringify(lastfmUser)} is already a member for host user ${JSON.stringify(other.hostUser ?? null)}; a Last.fm user can favorite for one host user of a group`,
      );
    }
    const cache = new LovedTrackCache({ ...this.#options, user: lastfmUser, hostUser });
    this.#members.set(key, cache);
    for (const [event, listeners] of this.#listeners) {
      for (const listener of listeners) this.#subscribe(cache, event, listener);
    }
    return cache;
  }

  /**
   * Subscribes to an event of every member, present and future; payloads
   * name their `user`. Returns the function that unsubscribes.
   *
   * @example
   * ```ts
   * group.on('favorite:added', ({ user, trackIds }) => log.info(`${user}: ${trackIds.length} new favorites`));
   * ```
   */
  on<K extends keyof LovedTrackCacheEvents>(event: K, listener: Listener<K>): () => void {
    const erased = listener as (payload: never) => void;
    let set = this.#listeners.get(event);
    if (set === undefined) this.#listeners.set(event, (set = new Set()));
    if (!set.has(erased)) {
      set.add(erased);
      for (const cache of this.#members.values()) this.#subscribe(cache, event, erased);
    }
    return () => this.off(event, listener);
  }

  /** Unsubscribes a listener from every member. */
  off<K extends keyof LovedTrackCacheEvents>(event: K, listener: Listener<K>): void {
    const erased = listener as (payload: never) => void;
    if (this.#listeners.get(event)?.delete(erased) !== true) return;
    for (const off of this.#unsubscribe.get(erased) ?? []) off();
    this.#unsubscribe.delete(erased);
  }

  /** Creates or upgrades the cache's tables (and checks the library mapping); once for the whole group. */
  async migrate(options: OperationOptions = {}): Promise<MigrationReport> {
    options.signal?.throwIfAborted();
    // Like LovedTrackCache.migrate(): a mapping error fails before any of our tables exists.
    await this.#options.library.validate?.({ signal: options.signal });
    return this.#options.store.migrate();
  }

  /**
   * Scanner hook for the whole server: these tracks were added. They are
   * read and indexed once, looked up against the unmatched loves of every
   * member in one pass, and each member that has a match gets its
   * favorites. Members without a matching love cost nothing.
   */
  async onTracksAdded(ids: readonly TrackId[], options: OperationOptions = {}): Promise<GroupTracksChangeReport> {
    options.signal?.throwIfAborted();
    return this.#exclusive(async () => {
      const members = this.members;
      if (members.length === 0) return emptyChange();
      if (!(await this.#indexUsable())) return this.#changeFromRematch(await this.#rematchEveryone({ signal: options.signal }));
      return this.#matchTracks(unique(ids.map(String)), options.signal);
    });
  }

  /**
   * Scanner hook for the whole server: these tracks left the library.
   * Only members with a love matched to one of them do any work.
   */
  async onTracksRemoved(ids: readonly TrackId[], options: OperationOptions = {}): Promise<GroupTracksChangeReport> {
    options.signal?.throwIfAborted();
    return this.#exclusive(async () => {
      const trackIds = unique(ids.map(String));
      const affected = await this.#membersMatchedTo(trackIds);
      const report = await this.#perMember(affected, (cache) => cache.onTracksRemoved(trackIds, options));
      // Nobody had them matched: they still leave the shared index.
      if (affected.length === 0 && trackIds.length > 0) await this.#options.store.deleteTrackKeys(trackIds);
      return report;
    });
  }

  /**
   * Scanner hook for the whole server: these tracks were re-tagged. Members
   * with a love matched to one of them re-check it; then the tracks are
   * re-indexed once and looked up against every member's unmatched loves.
   */
  async onTracksChanged(ids: readonly TrackId[], options: OperationOptions = {}): Promise<GroupTracksChangeReport> {
    options.signal?.throwIfAborted();
    return this.#exclusive(async () => {
      const trackIds = unique(ids.map(String));
      if (!(await this.#indexUsable())) return this.#changeFromRematch(await this.#rematchEveryone({ signal: options.signal }));
      const affected = await this.#membersMatchedTo(trackIds);
      const checked = await this.#perMember(affected, (cache) => cache.onTracksChanged(trackIds, options));
      const matched = await this.#matchTracks(trackIds, options.signal);
      return mergeChanges(checked, matched);
    });
  }

  /**
   * Syncs every member, `concurrency` at a time, through the shared source
   * (and its throttle). Each member takes its own lease; a member that
   * fails (Last.fm refused its user, a lease held elsewhere) is reported
   * and the others go on.
   */
  async syncAll(options: SyncAllOptions = {}): Promise<GroupRunReport<SyncReport>> {
    options.signal?.throwIfAborted();
    const { concurrency, ...sync } = options;
    return this.#run(this.members, concurrency ?? this.#concurrency, (cache) => cache.sync(sync), options.signal);
  }

  /**
   * "Check for new matches" for every member, without any API call. With
   * `refreshIndex`, the shared index is rebuilt once for everyone first.
   */
  async rematchAll(options: RematchAllOptions = {}): Promise<GroupRunReport<RematchReport>> {
    options.signal?.throwIfAborted();
    return this.#exclusive(() => this.#rematchEveryone(options));
  }

  /**
   * The stats of every member, in a few statements for the whole group when
   * the store supports it (the kysely store does).
   */
  async stats(options: OperationOptions = {}): Promise<readonly CacheStats[]> {
    options.signal?.throwIfAborted();
    const members = this.members;
    const store = this.#options.store;
    if (store.statsForUsers === undefined) return Promise.all(members.map((cache) => cache.stats(options)));
    const { counts, states, autoFavorites } = await store.statsForUsers(unique(members.map((cache) => cache.user)));
    return members.map((cache) =>
      toCacheStats(cache, counts.get(cache.user) ?? { loved: 0, matched: 0, unloved: 0 }, states.get(cache.user), autoFavorites.get(memberKey(cache.user, cache.hostUser)) ?? 0),
    );
  }

  /**
   * Syncs the members in the background, spread over `everyMs`: each tick
   * syncs the next slice of members, so every member is synced once per
   * period and Last.fm sees an even trickle instead of a burst; members that
   * join later enter the rotation. Every `rematchEveryMs` the index is
   * re-read once and every member rematched. Errors go to `onError`, one
   * per failed member; the schedule goes on.
   *
   * @example
   * ```ts
   * const handle = group.startBackgroundSync({ everyMs: 24 * 3600_000, onError: (e) => log.warn(e) });
   * await handle.stop();
   * ```
   */
  startBackgroundSync(options: BackgroundSyncOptions = {}): BackgroundSyncHandle {
    const everyMs = options.everyMs ?? 24 * 60 * 60 * 1000;
    // Slots per period: fixed at start (the timer's period), while the
    // slice per tick grows with the group, so late members still get one
    // sync per period.
    const slots = Math.max(1, Math.min(this.#members.size, Math.floor(everyMs / 1000)));
    let cursor = 0;
    const report = (outcome: GroupRunReport<unknown>) => {
      for (const result of outcome.results) if (!result.ok) options.onError?.(result.error);
    };
    return startBackgroundSync(
      {
        sync: async (signal) => {
          const members = this.members;
          if (members.length === 0) return;
          const size = Math.ceil(members.length / slots);
          const slice = Array.from({ length: Math.min(size, members.length) }, (_, i) => members[(cursor + i) % members.length]!);
          cursor = (cursor + slice.length) % members.length;
          report(await this.#run(slice, this.#concurrency, (cache) => cache.sync({ signal }), signal));
        },
        rematch: async (signal) => report(await this.rematchAll({ signal, refreshIndex: true })),
      },
      { ...options, everyMs: Math.max(1000, Math.floor(everyMs / slots)) },
    );
  }

  // --- internals ---------------------------------------------------------

  async #matchTracks(trackIds: readonly string[], signal: AbortSignal | undefined): Promise<GroupTracksChangeReport> {
    const ctx = cacheInternals(this.#any()).ctx;
    const members = this.members;
    const byUser = new Map<string, LovedTrackCache[]>();
    for (const cache of members) {
      const list = byUser.get(cache.user);
      if (list === undefined) byUser.set(cache.user, [cache]);
      else list.push(cache);
    }
    const totals = new Map<LovedTrackCache, GroupMemberChange>();
    const failures: (GroupMemberId & { error: unknown })[] = [];
    for (const batch of chunk(trackIds, ctx.batchSize)) {
      signal?.throwIfAborted();
      const tracks = await ctx.library.getTracks(batch);
      if (tracks.length === 0) continue;
      const keyed = keyTracks(ctx, tracks);
      await ctx.store.upsertTrackKeys(keyed, seconds(ctx.now()), { replace: true });
      const loves = await this.#unmatchedLovesByKeys(
        [...byUser.keys()],
        keyed.flatMap((k) => k.artistKeys),
        keyed.map((k) => k.titleKey),
      );
      const lovesByUser = new Map<string, LoveForMatching[]>();
      for (const love of loves) {
        const list = lovesByUser.get(love.user);
        if (list === undefined) lovesByUser.set(love.user, [love]);
        else list.push(love);
      }
      const work = [...lovesByUser].flatMap(([user, own]) => (byUser.get(user) ?? []).map((cache) => ({ cache, own })));
      const results = await settleEach(
        work,
        this.#concurrency,
        ({ cache, own }) => {
          const member = cacheInternals(cache);
          return member.exclusive(() => matchLoves(member.ctx, own, { candidates: candidatesAmong(keyed, own), markUnmatchedChecked: false }));
        },
        signal,
      );
      results.forEach((result, i) => {
        const { cache } = work[i]!;
        if (result.status === 'rejected') {
          failures.push({ user: cache.user, hostUser: cache.hostUser, error: result.reason });
          return;
        }
        const total = totals.get(cache) ?? { user: cache.user, hostUser: cache.hostUser, matched: 0, favorited: 0, unmatched: 0, unfavorited: 0 };
        totals.set(cache, { ...total, matched: total.matched + result.value.matched, favorited: total.favorited + result.value.favorited });
      });
    }
    const users = [...totals.values()].filter((change) => change.matched > 0 || change.favorited > 0);
    return { ...sum(users), users, failures };
  }

  async #unmatchedLovesByKeys(users: readonly string[], artistKeys: readonly string[], titleKeys: readonly string[]): Promise<readonly (LoveForMatching & { user: string })[]> {
    const store = this.#options.store;
    if (store.unmatchedLovesByKeysForUsers !== undefined) return store.unmatchedLovesByKeysForUsers(users, artistKeys, titleKeys);
    const out: (LoveForMatching & { user: string })[] = [];
    for (const user of users) for (const love of await store.unmatchedLovesByKeys(user, artistKeys, titleKeys)) out.push({ ...love, user });
    return out;
  }

  /** Members with a love matched to one of these tracks. */
  async #membersMatchedTo(trackIds: readonly string[]): Promise<LovedTrackCache[]> {
    if (trackIds.length === 0) return [];
    const store = this.#options.store;
    let users: ReadonlySet<string>;
    if (store.usersMatchedTo !== undefined) users = await store.usersMatchedTo(trackIds);
    else {
      const found = new Set<string>();
      for (const user of unique(this.members.map((cache) => cache.user))) {
        if ((await store.matchedLoves(user, { trackIds, limit: 1 })).length > 0) found.add(user);
      }
      users = found;
    }
    return this.members.filter((cache) => users.has(cache.user));
  }

  async #perMember(members: readonly LovedTrackCache[], task: (cache: LovedTrackCache) => Promise<TracksChangeReport>): Promise<GroupTracksChangeReport> {
    const outcome = await this.#run(members, this.#concurrency, task);
    const users: GroupMemberChange[] = [];
    const failures: (GroupMemberId & { error: unknown })[] = [];
    for (const result of outcome.results) {
      if (!result.ok) failures.push({ user: result.user, hostUser: result.hostUser, error: result.error });
      else if (result.report.matched + result.report.favorited + result.report.unmatched + result.report.unfavorited > 0) {
        users.push({ user: result.user, hostUser: result.hostUser, ...result.report });
      }
    }
    return { ...sum(users), users, failures };
  }

  async #rematchEveryone(options: RematchAllOptions): Promise<GroupRunReport<RematchReport>> {
    const { concurrency, ...rematch } = options;
    const members = this.members;
    if (members.length === 0) return { results: [], succeeded: 0, failed: 0, durationMs: 0 };
    const ctx = cacheInternals(members[0]!).ctx;
    const started = ctx.now();
    // One read of the library for the whole group, then every member
    // rematches against it as if it had rebuilt it itself.
    const rebuilt = await ensureTrackIndex(ctx, { force: options.refreshIndex === true, signal: options.signal });
    const outcome = await this.#run(
      members,
      concurrency ?? this.#concurrency,
      (cache) => (rebuilt ? cacheInternals(cache).rematchAfterSharedRebuild(rematch) : cache.rematch({ ...rematch, refreshIndex: false })),
      options.signal,
    );
    return { ...outcome, durationMs: ctx.now() - started };
  }

  #changeFromRematch(outcome: GroupRunReport<RematchReport>): GroupTracksChangeReport {
    const users: GroupMemberChange[] = [];
    const failures: (GroupMemberId & { error: unknown })[] = [];
    for (const result of outcome.results) {
      if (!result.ok) failures.push({ user: result.user, hostUser: result.hostUser, error: result.error });
      else users.push({ user: result.user, hostUser: result.hostUser, matched: result.report.matched, favorited: result.report.favorited, unmatched: result.report.unmatched, unfavorited: 0 });
    }
    return { ...sum(users), users, failures };
  }

  async #run<R>(members: readonly LovedTrackCache[], concurrency: number, task: (cache: LovedTrackCache) => Promise<R>, signal?: AbortSignal): Promise<GroupRunReport<R>> {
    const started = Date.now();
    const settled = await settleEach(members, concurrency, task, signal);
    const results = settled.map((result, i): GroupMemberOutcome<R> => {
      const cache = members[i]!;
      return result.status === 'fulfilled'
        ? { user: cache.user, hostUser: cache.hostUser, ok: true, report: result.value }
        : { user: cache.user, hostUser: cache.hostUser, ok: false, error: result.reason };
    });
    const succeeded = results.filter((result) => result.ok).length;
    return { results, succeeded, failed: results.length - succeeded, durationMs: Date.now() - started };
  }

  async #indexUsable(): Promise<boolean> {
    return (await this.#options.store.getIndexState())?.fingerprint === this.matcher.fingerprint;
  }

  #any(): LovedTrackCache {
    const first = this.#members.values().next();
    if (first.done === true) throw new TypeError('The group has no members yet: call forUser() first');
    return first.value;
  }

  #subscribe(cache: LovedTrackCache, event: keyof LovedTrackCacheEvents, listener: (payload: never) => void): void {
    const off = cache.on(event, listener as Listener<typeof event>);
    const list = this.#unsubscribe.get(listener);
    if (list === undefined) this.#unsubscribe.set(listener, [off]);
    else list.push(off);
  }

}

function memberKey(user: string, hostUser: HostUserId | undefined): string {
  return `${user}\u0000${hostUser === undefined ? '' : String(hostUser)}`;
}

function sum(changes: readonly TracksChangeReport[]): TracksChangeReport {
  const total = { matched: 0, favorited: 0, unmatched: 0, unfavorited: 0 };
  for (const change of changes) {
    total.matched += change.matched;
    total.favorited += change.favorited;
    total.unmatched += change.unmatched;
    total.unfavorited += change.unfavorited;
  }
  return total;
}

function emptyChange(): GroupTracksChangeReport {
  return { matched: 0, favorited: 0, unmatched: 0, unfavorited: 0, users: [], failures: [] };
}

function mergeChanges(a: GroupTracksChangeReport, b: GroupTracksChangeReport): GroupTracksChangeReport {
  const byMember = new Map<string, GroupMemberChange>();
  for (const change of [...a.users, ...b.users]) {
    const key = memberKey(change.user, change.hostUser);
    const known = byMember.get(key);
    byMember.set(key, known === undefined ? change : { ...known, ...sum([known, change]) });
  }
  const users = [...byMember.values()];
  return { ...sum(users), users, failures: [...a.failures, ...b.failures] };
}
