import { unique } from '../internal/chunk.js';
import type { AutoFavoriteRemovalReason } from '../store/loved-track-store.js';
import { seconds, type EngineContext } from './context.js';

/** A track to favorite on behalf of a love. */
export interface FavoriteRequest {
  readonly trackId: string;
  readonly loveId: number | null;
}

/**
 * Decides which of `requests` become favorites and writes them. Skips a
 * track the user already favorited (it stays a manual favorite, never
 * recorded as ours), one we favorited before and still stands, and one the
 * user unfavorited after we favorited it.
 *
 * The host favorite is written before our record: a crash in between leaves
 * a favorite we do not know as ours, which we then never remove. The other
 * order could leave a record claiming a favorite that the user "removed".
 *
 * @internal
 */
export async function addFavorites(ctx: EngineContext, requests: readonly FavoriteRequest[], options: { dryRun?: boolean } = {}): Promise<ReadonlySet<string>> {
  const byTrack = new Map<string, FavoriteRequest>();
  for (const request of requests) if (!byTrack.has(request.trackId)) byTrack.set(request.trackId, request);
  if (byTrack.size === 0) return new Set();
  const ids = [...byTrack.keys()];
  const records = await ctx.store.autoFavorites(ctx.user, ctx.hostUserKey, ids);
  const open = ids.filter((id) => {
    const record = records.get(id);
    if (record === undefined) return true;
    // Ours and standing, or the user took it away: either way, leave it.
    return record.removedReason !== null && record.removedReason !== 'user';
  });
  if (open.length === 0) return new Set();
  const manual = await ctx.library.favorited(ctx.hostUser, open);
  const toAdd = open.filter((id) => !manual.has(id));
  if (toAdd.length === 0 || options.dryRun === true) return new Set(toAdd);
  await ctx.library.addFavorites(ctx.hostUser, toAdd);
  await ctx.store.recordAutoFavorites(
    ctx.user,
    ctx.hostUserKey,
    toAdd.map((trackId) => ({ trackId, lovedId: byTrack.get(trackId)?.loveId ?? null })),
    seconds(ctx.now()),
  );
  ctx.events.emit('favorite:added', { user: ctx.user, hostUser: ctx.hostUser, trackIds: toAdd });
  return new Set(toAdd);
}

/**
 * Removes favorites of these tracks if, and only if, this library created
 * them and they still stand. Returns the ids removed.
 *
 * @internal
 */
export async function removeOwnFavorites(ctx: EngineContext, trackIds: readonly string[], reason: AutoFavoriteRemovalReason): Promise<readonly string[]> {
  const ids = unique(trackIds);
  if (ids.length === 0) return [];
  const records = await ctx.store.autoFavorites(ctx.user, ctx.hostUserKey, ids);
  const ours = ids.filter((id) => records.get(id)?.removedReason === null);
  if (ours.length === 0) return [];
  await ctx.library.removeFavorites(ctx.hostUser, ours);
  await ctx.store.markAutoFavoritesRemoved(ctx.user, ctx.hostUserKey, ours, reason, seconds(ctx.now()));
  ctx.events.emit('favorite:removed', { user: ctx.user, hostUser: ctx.hostUser, trackIds: ours, reason });
  return ours;
}

/**
 * Finds auto-favorites the user removed in the host since we made them, and
 * records that, so they are never re-added. Returns how many were found.
 *
 * @internal
 */
export async function detectUserRemovedFavorites(ctx: EngineContext): Promise<number> {
  let after: string | undefined;
  let found = 0;
  for (;;) {
    const page = await ctx.store.activeAutoFavorites(ctx.user, ctx.hostUserKey, { ...(after === undefined ? {} : { afterTrackId: after }), limit: ctx.batchSize });
    if (page.length === 0) return found;
    const ids = page.map((record) => record.trackId);
    const present = await ctx.library.favorited(ctx.hostUser, ids);
    const gone = ids.filter((id) => !present.has(id));
    if (gone.length > 0) {
      // A favorite can also vanish because the track left the library; the
      // track index tells the two apart.
      const stillInLibrary = new Set((await ctx.library.getTracks(gone)).map((track) => String(track.id)));
      const byUser = gone.filter((id) => stillInLibrary.has(id));
      const byRemoval = gone.filter((id) => !stillInLibrary.has(id));
      if (byUser.length > 0) await ctx.store.markAutoFavoritesRemoved(ctx.user, ctx.hostUserKey, byUser, 'user', seconds(ctx.now()));
      // A soft-delete host that keeps favorites hides them while the file is
      // missing and shows them again on its return: still ours, still standing.
      if (byRemoval.length > 0 && ctx.library.favoritesOfRemovedTracks !== 'keep') await ctx.store.markAutoFavoritesRemoved(ctx.user, ctx.hostUserKey, byRemoval, 'track_removed', seconds(ctx.now()));
      found += byUser.length;
    }
    after = ids[ids.length - 1];
    if (page.length < ctx.batchSize) return found;
  }
}
