import type { LovedTrack } from '../types.js';
import type { SyncMode, SyncReport } from '../types-reports.js';
import type { LovedTrackPage } from '../source/loved-track-source.js';
import type { KeyedLove, SyncState } from '../store/loved-track-store.js';
import { seconds, type EngineContext } from './context.js';
import { ensureTrackIndex, matchAllUnmatched, previewLoves, refreshLoveKeys, undoMatches } from './matching.js';

/** Options of one sync run. @internal */
export interface SyncRunOptions {
  readonly full?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Called after each committed page (lease renewal). */
  readonly onPage?: (() => Promise<void>) | undefined;
}

interface Counters {
  requests: number;
  added: number;
  received: number;
}

/**
 * One sync: incremental when a cursor exists, else (or when asked, or when a
 * reconciliation is due, or when the counts disagree) a full pass; then
 * matching of the unmatched loves.
 *
 * Crash safety: every page is written in its own transaction. An
 * incremental run moves the cursor only in the transaction of its last page,
 * so a crash before that re-reads from page 1 next time. A full pass records
 * the last committed page, so the next sync resumes after it.
 *
 * @internal
 */
export async function runSync(ctx: EngineContext, options: SyncRunOptions): Promise<SyncReport> {
  const started = ctx.now();
  const signal = options.signal;
  signal?.throwIfAborted();
  const state = await ctx.store.getSyncState(ctx.user);
  const counters: Counters = { requests: 0, added: 0, received: 0 };
  // Strictly increasing per user, so "seen in this pass" never confuses two
  // syncs that ran within the same millisecond.
  const stamp = Math.max(started, (await ctx.store.maxSeenStamp(ctx.user)) + 1);

  let mode: SyncMode = chooseMode(ctx, state, options.full === true, started);
  let total = 0;
  let unloved = 0;
  if (mode === 'incremental' && state !== undefined && state.cursorLovedAt !== null) {
    ctx.events.emit('sync:start', { user: ctx.user, mode });
    total = await incrementalPass(ctx, state.cursorLovedAt, stamp, counters, options);
    const local = await ctx.store.counts(ctx.user);
    // More loves in the cache than Last.fm has means unloves; fewer means a
    // love slipped past the cursor. Either way only a full pass can tell.
    if (local.loved !== total) mode = 'full';
  }
  if (mode === 'full') {
    if (counters.requests === 0) ctx.events.emit('sync:start', { user: ctx.user, mode });
    const resume = state?.fullPassStartedAt != null && state.fullPassPage != null && counters.requests === 0;
    const result = await fullPass(ctx, { passStartedAt: resume ? state.fullPassStartedAt! : stamp, startPage: resume ? state.fullPassPage! + 1 : 1, stamp }, counters, options);
    total = result.total;
    unloved = result.unloved;
  }

  // The track index is built on first use (and after the matcher changed);
  // afterwards the scanner hooks keep it current.
  await ensureTrackIndex(ctx, { signal });
  await refreshLoveKeys(ctx, signal);
  const matched = await matchAllUnmatched(ctx, { signal });
  const report: SyncReport = {
    user: ctx.user,
    mode,
    requests: counters.requests,
    added: counters.added,
    unloved,
    matched: matched.matched,
    favorited: matched.favorited,
    total,
    durationMs: ctx.now() - started,
    dryRun: false,
    previews: [],
  };
  ctx.events.emit('sync:done', { user: ctx.user, report });
  return report;
}

/**
 * A sync that writes nothing: it fetches what a real sync would fetch (new
 * pages, or every page when a full pass is due) and reports what would be
 * added, unloved, matched and favorited. The cursor does not move. The track
 * index is built first if it does not exist yet (it is a copy of the host's
 * library, not a decision).
 *
 * @internal
 */
export async function previewSync(ctx: EngineContext, options: SyncRunOptions): Promise<SyncReport> {
  const started = ctx.now();
  const signal = options.signal;
  signal?.throwIfAborted();
  const state = await ctx.store.getSyncState(ctx.user);
  const mode = chooseMode(ctx, state, options.full === true, started);
  const counters: Counters = { requests: 0, added: 0, received: 0 };
  const fetched = new Map<string, LovedTrack>();
  let total = 0;
  const cursor = mode === 'incremental' ? (state?.cursorLovedAt ?? null) : null;
  for (let page = 1; ; page += 1) {
    signal?.throwIfAborted();
    const result = await fetch(ctx, page, counters, signal);
    total = result.total;
    for (const love of result.tracks) fetched.set(`${love.artist}\u0000${love.title}`, love);
    counters.received += result.tracks.length;
    ctx.events.emit('sync:page', { user: ctx.user, mode, page, totalPages: result.totalPages, lovesSoFar: counters.received, total, added: 0 });
    const reachedCursor = cursor !== null && result.tracks.some((track) => track.lovedAt !== null && track.lovedAt < cursor);
    if (reachedCursor || page >= result.totalPages || result.tracks.length === 0) break;
  }
  const known = await ctx.store.knownLoves(ctx.user, [...fetched.values()]);
  const fresh = [...fetched.values()].filter((love) => !known.has(`${love.artist}\u0000${love.title}`));
  const unloved = mode === 'full' ? Math.max(0, (await ctx.store.counts(ctx.user)).loved - (fetched.size - fresh.length)) : 0;
  await ensureTrackIndex(ctx, { signal });
  const previews = [...(await previewLoves(ctx, fresh)), ...(await matchAllUnmatched(ctx, { dryRun: true, signal })).previews];
  return {
    user: ctx.user,
    mode,
    requests: counters.requests,
    added: fresh.length,
    unloved,
    matched: new Set(previews.map((p) => `${p.artist}\u0000${p.title}`)).size,
    favorited: new Set(previews.filter((p) => p.wouldFavorite).map((p) => p.trackId)).size,
    total,
    durationMs: ctx.now() - started,
    dryRun: true,
    previews,
  };
}

function chooseMode(ctx: EngineContext, state: SyncState | undefined, full: boolean, nowMs: number): SyncMode {
  if (full || state === undefined || state.cursorLovedAt === null) return 'full';
  if (state.fullPassStartedAt !== null) return 'full'; // a crashed full pass: resume it
  if (state.lastFullSyncAt === null || (nowMs - state.lastFullSyncAt * 1000) >= ctx.reconcileEveryMs) return 'full';
  return 'incremental';
}

async function fetch(ctx: EngineContext, page: number, counters: Counters, signal: AbortSignal | undefined): Promise<LovedTrackPage> {
  counters.requests += 1;
  return ctx.source.fetchPage(ctx.user, page, { signal });
}

function keyLoves(ctx: EngineContext, tracks: readonly LovedTrack[]): KeyedLove[] {
  return tracks.map((love) => {
    const keys = ctx.matcher.lovedKeys(love);
    return { ...love, artistKey: keys.artist, titleKey: keys.title };
  });
}

function newestOf(tracks: readonly LovedTrack[], current: number | null): number | null {
  let newest = current;
  for (const track of tracks) if (track.lovedAt !== null && (newest === null || track.lovedAt > newest)) newest = track.lovedAt;
  return newest;
}

/**
 * Reads pages newest-first until a page holds a love strictly older than the
 * cursor: loves at the cursor's own second are read again (several loves can
 * share a timestamp) and deduplicated by the upsert.
 */
async function incrementalPass(ctx: EngineContext, cursor: number, stamp: number, counters: Counters, options: SyncRunOptions): Promise<number> {
  let newest: number | null = cursor;
  for (let page = 1; ; page += 1) {
    options.signal?.throwIfAborted();
    const result = await fetch(ctx, page, counters, options.signal);
    newest = newestOf(result.tracks, newest);
    const reachedCursor = result.tracks.some((track) => track.lovedAt !== null && track.lovedAt < cursor);
    const last = reachedCursor || page >= result.totalPages || result.tracks.length === 0;
    const written = await ctx.store.writeLoves(
      ctx.user,
      keyLoves(ctx, result.tracks),
      stamp,
      ctx.matcher.fingerprint,
      last ? { cursorLovedAt: newest, totalReported: result.total, lastIncrementalSyncAt: seconds(ctx.now()) } : undefined,
    );
    counters.added += written.inserted;
    counters.received += result.tracks.length;
    ctx.events.emit('sync:page', {
      user: ctx.user,
      mode: 'incremental',
      page,
      totalPages: result.totalPages,
      lovesSoFar: counters.received,
      total: result.total,
      added: written.inserted,
    });
    await options.onPage?.();
    if (last) return result.total;
  }
}

/**
 * Reads every page. Pages are offset-based, so a love during paging pushes
 * one item down a page (a duplicate, absorbed by the upsert) and an unlove
 * pulls one up (a miss). At the end the loves seen are counted against the
 * total; when short, pages are read once more until the count is reached.
 * Only then are loves not seen in this pass marked unloved.
 */
async function fullPass(
  ctx: EngineContext,
  pass: { passStartedAt: number; startPage: number; stamp: number },
  counters: Counters,
  options: SyncRunOptions,
): Promise<{ total: number; unloved: number }> {
  let newest: number | null = null;
  let total = 0;
  let totalPages = pass.startPage;
  for (let page = pass.startPage; page <= totalPages; page += 1) {
    options.signal?.throwIfAborted();
    const result = await fetch(ctx, page, counters, options.signal);
    totalPages = result.totalPages;
    total = result.total;
    newest = newestOf(result.tracks, newest);
    const written = await ctx.store.writeLoves(ctx.user, keyLoves(ctx, result.tracks), pass.stamp, ctx.matcher.fingerprint, {
      fullPassStartedAt: pass.passStartedAt,
      fullPassPage: page,
    });
    counters.added += written.inserted;
    counters.received += result.tracks.length;
    ctx.events.emit('sync:page', { user: ctx.user, mode: 'full', page, totalPages, lovesSoFar: counters.received, total, added: written.inserted });
    await options.onPage?.();
    if (result.tracks.length === 0) break;
  }

  // Verify: paging can miss loves (an unlove pulls one over a page edge; a
  // love made mid-pass lands on a page already read). Loves a resumed pass
  // committed before the crash carry a stamp of this pass, so they count.
  let seen = await ctx.store.countSeenSince(ctx.user, pass.passStartedAt);
  if (seen < total) {
    for (let page = 1; page <= totalPages && seen < total; page += 1) {
      options.signal?.throwIfAborted();
      const result = await fetch(ctx, page, counters, options.signal);
      totalPages = result.totalPages;
      total = result.total;
      newest = newestOf(result.tracks, newest);
      const written = await ctx.store.writeLoves(ctx.user, keyLoves(ctx, result.tracks), pass.stamp, ctx.matcher.fingerprint);
      counters.added += written.inserted;
      await options.onPage?.();
      seen = await ctx.store.countSeenSince(ctx.user, pass.passStartedAt);
      if (result.tracks.length === 0) break;
    }
  }

  const now = ctx.now();
  const gone = await ctx.store.markUnlovedNotSeenSince(ctx.user, pass.passStartedAt, seconds(now));
  const matchedGone = gone.filter((love): love is { id: number; trackId: string } => love.trackId !== null);
  await undoMatches(ctx, matchedGone, 'unloved', { removeFavorites: ctx.onUnlove === 'remove-favorite' });
  const state = await ctx.store.getSyncState(ctx.user);
  await ctx.store.updateSyncState(ctx.user, {
    cursorLovedAt: newestOf([], newest ?? state?.cursorLovedAt ?? null),
    totalReported: total,
    lastFullSyncAt: seconds(now),
    lastIncrementalSyncAt: seconds(now),
    fullPassStartedAt: null,
    fullPassPage: null,
  });
  return { total, unloved: gone.length };
}
