import type { LibraryTrack, LovedTrack, TrackId } from '../types.js';
import type { MatchPreview } from '../types-reports.js';
import type { KeyedTrack, LoveForMatching, MatchDecision, MatchWrite } from '../store/loved-track-store.js';
import { delay } from '../internal/abort.js';
import { chunk, unique } from '../internal/chunk.js';
import { seconds, type EngineContext } from './context.js';
import { addFavorites, removeOwnFavorites, type FavoriteRequest } from './favorites.js';

/** Result of matching a batch of loves. @internal */
export interface MatchOutcome {
  matched: number;
  favorited: number;
  previews: MatchPreview[];
}

/** Computes the index keys of library tracks. @internal */
export function keyTracks(ctx: EngineContext, tracks: readonly LibraryTrack[]): KeyedTrack[] {
  return tracks.map((track) => {
    const keys = ctx.matcher.trackKeys(track);
    return { track, artistKeys: keys.artists, titleKey: keys.title };
  });
}

/**
 * Makes sure the track index was built by the current matcher; rebuilds it
 * from the library otherwise (or when `force`). The index state is cleared
 * before the rebuild, so a crash midway leads to a new rebuild, never to a
 * half index taken for whole.
 *
 * @internal
 */
export async function ensureTrackIndex(ctx: EngineContext, options: { force?: boolean; signal?: AbortSignal | undefined }): Promise<boolean> {
  // Caches of several users share one index: one rebuild at a time, under a
  // lease, and a cache that waited finds the index built and uses it.
  for (;;) {
    options.signal?.throwIfAborted();
    const state = await ctx.store.getIndexState();
    if (options.force !== true && state?.fingerprint === ctx.matcher.fingerprint) return false;
    const lease = await ctx.store.acquireLease(INDEX_LEASE, ctx.owner, INDEX_LEASE_TTL_MS, ctx.now());
    if (lease.acquired) break;
    await delay(100, options.signal);
  }
  try {
    if (options.force !== true && (await ctx.store.getIndexState())?.fingerprint === ctx.matcher.fingerprint) return false;
    await ctx.store.beginTrackIndexRebuild();
    const indexedAt = seconds(ctx.now());
    let done = 0;
    for await (const batch of ctx.library.tracks({ batchSize: ctx.batchSize, signal: options.signal })) {
      options.signal?.throwIfAborted();
      await ctx.store.upsertTrackKeys(keyTracks(ctx, batch), indexedAt, { replace: false });
      done += batch.length;
      ctx.events.emit('index:progress', { done });
      // A million tracks take a while: keep the lease alive.
      if (done % (ctx.batchSize * 50) === 0) await ctx.store.acquireLease(INDEX_LEASE, ctx.owner, INDEX_LEASE_TTL_MS, ctx.now());
    }
    await ctx.store.finishTrackIndexRebuild({ fingerprint: ctx.matcher.fingerprint, builtAt: indexedAt });
    return true;
  } finally {
    await ctx.store.releaseLease(INDEX_LEASE, ctx.owner);
  }
}

/** Lease key of track index rebuilds (not a Last.fm user name: those are letters, digits, "-" and "_"). */
const INDEX_LEASE = ':track-index';
const INDEX_LEASE_TTL_MS = 10 * 60 * 1000;

/**
 * Recomputes the keys of this user's loves that older rules made.
 *
 * @internal
 */
export async function refreshLoveKeys(ctx: EngineContext, signal?: AbortSignal): Promise<number> {
  let refreshed = 0;
  for (;;) {
    signal?.throwIfAborted();
    const stale = await ctx.store.lovesWithStaleKeys(ctx.user, ctx.matcher.fingerprint, ctx.batchSize);
    if (stale.length === 0) return refreshed;
    await ctx.store.updateLoveKeys(
      stale.map((love) => {
        const keys = ctx.matcher.lovedKeys(love);
        return { id: love.id, artistKey: keys.artist, titleKey: keys.title };
      }),
      ctx.matcher.fingerprint,
      ctx.user,
    );
    refreshed += stale.length;
  }
}

/**
 * Matches a batch of loves against the given candidates (or, without
 * `candidates`, the index's candidates for them), records the matches and
 * favorites the tracks. Manual decisions win: a linked track is taken as is,
 * a rejected pair is never considered.
 *
 * @internal
 */
export async function matchLoves(
  ctx: EngineContext,
  loves: readonly LoveForMatching[],
  options: { candidates?: ReadonlyMap<number, readonly LibraryTrack[]>; dryRun?: boolean; markUnmatchedChecked?: boolean },
): Promise<MatchOutcome> {
  const outcome: MatchOutcome = { matched: 0, favorited: 0, previews: [] };
  if (loves.length === 0) return outcome;
  // A love is compared only with tracks indexed since it was last checked:
  // "check for new matches" costs nothing when nothing is new. A rule
  // change rebuilds the index, which makes every track new again.
  const candidates = options.candidates ?? (await ctx.store.candidates(loves, { fuzzy: true, perLove: ctx.candidatesPerLove, onlyUnchecked: true, user: ctx.user }));
  const decisions = await decisionsByLove(ctx);
  const visible = await visibleTracks(ctx, [...candidates.values()].flat());
  const now = seconds(ctx.now());
  const writes: MatchWrite[] = [];
  const favorites: FavoriteRequest[] = [];
  const unmatched: number[] = [];
  const pendingPreviews: Omit<MatchPreview, 'wouldFavorite'>[] = [];

  const linkedIds = unique([...decisions.values()].flatMap((list) => list.filter((d) => d.decision === 'link').map((d) => d.trackId)));
  const linkedTracks = linkedIds.length === 0 ? new Map<string, LibraryTrack>() : new Map((await ctx.library.getTracks(linkedIds)).map((track) => [String(track.id), track]));

  for (const love of loves) {
    const own = decisions.get(pairKey(love)) ?? [];
    const link = own.find((d) => d.decision === 'link' && linkedTracks.has(d.trackId));
    if (link !== undefined) {
      writes.push({ loveId: love.id, trackId: link.trackId, score: 1, reasons: ['linked by hand'], origin: 'manual', fingerprint: ctx.matcher.fingerprint });
      favorites.push({ trackId: link.trackId, loveId: love.id });
      pendingPreviews.push({ loveId: love.id, artist: love.artist, title: love.title, trackId: link.trackId, score: 1, reasons: ['linked by hand'] });
      continue;
    }
    const rejected = new Set(own.filter((d) => d.decision === 'reject').map((d) => d.trackId));
    const pool = (candidates.get(love.id) ?? []).filter((track) => !rejected.has(String(track.id)) && (visible === undefined || visible.has(String(track.id))));
    if (pool.length === 0) continue;
    const best = ctx.matcher.best(love, pool);
    const first = best[0];
    if (first === undefined) {
      // Compared and rejected: next time only tracks indexed after now are
      // candidates. Loves without any candidate need no mark (the join finds
      // nothing for them either way) and cost no write.
      unmatched.push(love.id);
      continue;
    }
    writes.push({ loveId: love.id, trackId: String(first.track.id), score: first.score, reasons: first.reasons, origin: 'auto', fingerprint: ctx.matcher.fingerprint });
    for (const chosen of best) {
      favorites.push({ trackId: String(chosen.track.id), loveId: love.id });
      pendingPreviews.push({ loveId: love.id, artist: love.artist, title: love.title, trackId: String(chosen.track.id), score: chosen.score, reasons: chosen.reasons });
    }
  }

  outcome.matched = writes.length;
  if (options.dryRun === true) {
    const would = await addFavorites(ctx, favorites, { dryRun: true });
    outcome.previews = pendingPreviews.map((preview) => ({ ...preview, wouldFavorite: would.has(preview.trackId) }));
    return outcome;
  }
  await ctx.store.setMatches(writes, now, ctx.user);
  if (options.markUnmatchedChecked !== false) await ctx.store.markChecked(unmatched, now, ctx.user);
  outcome.favorited = (await addFavorites(ctx, favorites)).size;
  return outcome;
}

/**
 * What matching would make of loves that are not stored (a dry-run sync):
 * candidates come straight from the track index by key. Writes nothing.
 *
 * @internal
 */
export async function previewLoves(ctx: EngineContext, loves: readonly LovedTrack[]): Promise<MatchPreview[]> {
  const previews: MatchPreview[] = [];
  const decisions = await decisionsByLove(ctx);
  for (const batch of chunk(loves, ctx.batchSize)) {
    const keyed = batch.map((love) => ({ love, keys: ctx.matcher.lovedKeys(love) }));
    const tracks = await ctx.store.tracksByKeys(
      keyed.map((k) => k.keys.artist),
      keyed.map((k) => k.keys.title),
      ctx.candidatesPerLove,
    );
    const byArtist = new Map<string, LibraryTrack[]>();
    const byTitle = new Map<string, LibraryTrack[]>();
    for (const track of tracks) {
      push(byArtist, track.artistKey, track);
      push(byTitle, track.titleKey, track);
    }
    const pending: Omit<MatchPreview, 'wouldFavorite'>[] = [];
    const visible = await visibleTracks(ctx, tracks);
    for (const { love, keys } of keyed) {
      const rejected = new Set((decisions.get(pairKey(love)) ?? []).filter((d) => d.decision === 'reject').map((d) => d.trackId));
      const pool = new Map<string, LibraryTrack>();
      for (const track of [...(byArtist.get(keys.artist) ?? []), ...(byTitle.get(keys.title) ?? [])]) {
        if (!rejected.has(String(track.id)) && (visible === undefined || visible.has(String(track.id)))) pool.set(String(track.id), track);
      }
      for (const chosen of pool.size === 0 ? [] : ctx.matcher.best(love, [...pool.values()])) {
        pending.push({ loveId: null, artist: love.artist, title: love.title, trackId: String(chosen.track.id), score: chosen.score, reasons: chosen.reasons });
      }
    }
    const would = await addFavorites(ctx, pending.map((p) => ({ trackId: p.trackId, loveId: null })), { dryRun: true });
    previews.push(...pending.map((p) => ({ ...p, wouldFavorite: would.has(p.trackId) })));
  }
  return previews;
}

/**
 * Matches every unmatched love of the user against the index, in batches.
 *
 * @internal
 */
export async function matchAllUnmatched(ctx: EngineContext, options: { dryRun?: boolean; signal?: AbortSignal | undefined }): Promise<MatchOutcome & { checked: number }> {
  const total = (await ctx.store.counts(ctx.user)).loved;
  const result = { matched: 0, favorited: 0, previews: [] as MatchPreview[], checked: 0 };
  let afterId = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const loves = await ctx.store.unmatchedLoves(ctx.user, { afterId, limit: ctx.batchSize });
    if (loves.length === 0) break;
    const outcome = await matchLoves(ctx, loves, { dryRun: options.dryRun ?? false });
    result.matched += outcome.matched;
    result.favorited += outcome.favorited;
    result.previews.push(...outcome.previews);
    result.checked += loves.length;
    afterId = loves[loves.length - 1]!.id;
    ctx.events.emit('match:progress', { user: ctx.user, done: Math.min(result.checked, total), total });
    if (loves.length < ctx.batchSize) break;
  }
  return result;
}

/**
 * Re-checks automatic matches made under another matcher fingerprint; a
 * match the current rules no longer accept is undone, and its favorite
 * removed if this library created it. Returns how many were undone.
 *
 * @internal
 */
export async function recheckStaleMatches(ctx: EngineContext, options: { dryRun?: boolean }): Promise<number> {
  let undone = 0;
  let afterId = 0;
  for (;;) {
    const loves = await ctx.store.matchedLoves(ctx.user, { afterId, limit: ctx.batchSize, staleFingerprint: ctx.matcher.fingerprint });
    if (loves.length === 0) return undone;
    afterId = loves[loves.length - 1]!.id;
    const auto = loves.filter((love) => love.origin === 'auto');
    const tracks = new Map((await ctx.store.indexedTracks(unique(auto.map((love) => love.trackId)))).map((track) => [String(track.id), track]));
    const keep: MatchWrite[] = [];
    const drop: typeof auto = [];
    for (const love of auto) {
      const track = tracks.get(love.trackId);
      const verdict = track === undefined ? undefined : ctx.matcher.compare(love, track);
      if (verdict?.accepted === true) {
        keep.push({ loveId: love.id, trackId: love.trackId, score: verdict.score, reasons: verdict.reasons, origin: 'auto', fingerprint: ctx.matcher.fingerprint });
      } else drop.push(love);
    }
    if (options.dryRun !== true) {
      await ctx.store.setMatches(keep, seconds(ctx.now()), ctx.user);
      await undoMatches(ctx, drop, 'unmatched');
    }
    undone += drop.length;
    if (loves.length < ctx.batchSize) return undone;
  }
}

/**
 * Undoes matches: the loves become unmatched and the favorites of those
 * tracks go, when this library made them and no other love still points at
 * the track. Returns the favorites removed.
 *
 * @internal
 */
export async function undoMatches(ctx: EngineContext, loves: readonly { id: number; trackId: string }[], reason: 'unmatched' | 'unloved' | 'track_removed', options: { removeFavorites?: boolean } = {}): Promise<number> {
  if (loves.length === 0) return 0;
  await ctx.store.clearMatches(loves.map((love) => love.id), ctx.user);
  if (options.removeFavorites === false) return 0;
  const trackIds = unique(loves.map((love) => love.trackId));
  const stillLoved = new Set((await ctx.store.matchedLoves(ctx.user, { trackIds })).map((love) => love.trackId));
  return (await removeOwnFavorites(ctx, trackIds.filter((id) => !stillLoved.has(id)), reason)).length;
}

/**
 * Indexes these library tracks (new or re-tagged) and matches them against
 * the user's unmatched loves that share a key with them.
 *
 * @internal
 */
export async function matchNewTracks(ctx: EngineContext, ids: readonly TrackId[], options: { dryRun?: boolean } = {}): Promise<MatchOutcome> {
  const total: MatchOutcome = { matched: 0, favorited: 0, previews: [] };
  for (const batch of chunk(unique(ids.map(String)), ctx.batchSize)) {
    const outcome = await matchTracks(ctx, await ctx.library.getTracks(batch), options);
    total.matched += outcome.matched;
    total.favorited += outcome.favorited;
    total.previews.push(...outcome.previews);
  }
  return total;
}

/**
 * One batch of {@link matchNewTracks}, for callers that have read the
 * tracks already (re-tags): indexes them and matches them against the
 * unmatched loves that share a key with them.
 *
 * @internal
 */
export async function matchTracks(ctx: EngineContext, tracks: readonly LibraryTrack[], options: { dryRun?: boolean } = {}): Promise<MatchOutcome> {
  const none: MatchOutcome = { matched: 0, favorited: 0, previews: [] };
  if (tracks.length === 0) return none;
  const keyed = keyTracks(ctx, tracks);
  if (options.dryRun !== true) await ctx.store.upsertTrackKeys(keyed, seconds(ctx.now()), { replace: true });
  const loves = await ctx.store.unmatchedLovesByKeys(
    ctx.user,
    keyed.flatMap((k) => k.artistKeys),
    keyed.map((k) => k.titleKey),
  );
  if (loves.length === 0) return none;
  // Candidates are only the new tracks: every other track was already
  // compared with these loves and did not match.
  return matchLoves(ctx, loves, { candidates: candidatesAmong(keyed, loves), dryRun: options.dryRun ?? false, markUnmatchedChecked: false });
}

/**
 * For each love, the tracks of `keyed` that share its artist key or its
 * title key: the candidates of a scanner hook, where only the new tracks
 * can be new matches.
 *
 * @internal
 */
export function candidatesAmong(keyed: readonly KeyedTrack[], loves: readonly LoveForMatching[]): Map<number, LibraryTrack[]> {
  const byArtist = new Map<string, LibraryTrack[]>();
  const byTitle = new Map<string, LibraryTrack[]>();
  for (const k of keyed) {
    for (const artistKey of k.artistKeys) push(byArtist, artistKey, k.track);
    push(byTitle, k.titleKey, k.track);
  }
  const candidates = new Map<number, LibraryTrack[]>();
  for (const love of loves) {
    const pool = new Map<string, LibraryTrack>();
    for (const track of [...(byArtist.get(love.artistKey) ?? []), ...(byTitle.get(love.titleKey) ?? [])]) pool.set(String(track.id), track);
    candidates.set(love.id, [...pool.values()]);
  }
  return candidates;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

// The track index is shared by every host user: a private upload of one
// user must never be favorited for another. Filtered before the matcher
// picks, so a visible track can still win. `undefined`: all are visible.
async function visibleTracks(ctx: EngineContext, tracks: readonly LibraryTrack[]): Promise<ReadonlySet<string> | undefined> {
  if (ctx.library.visibleTo === undefined) return undefined;
  const ids = unique(tracks.map((track) => String(track.id)));
  return ids.length === 0 ? new Set() : ctx.library.visibleTo(ctx.hostUser, ids);
}

function pairKey(love: { artist: string; title: string }): string {
  return `${love.artist}\u0000${love.title}`;
}

async function decisionsByLove(ctx: EngineContext): Promise<Map<string, MatchDecision[]>> {
  const out = new Map<string, MatchDecision[]>();
  // Decisions are made by hand, so a user has few: one indexed read of all
  // of them beats a lookup of every love of the batch.
  const decisions = await ctx.store.decisions(ctx.user);
  for (const decision of decisions) push(out, pairKey(decision), decision);
  return out;
}
