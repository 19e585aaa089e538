import { chunk } from '../../internal/chunk.js';
import type { AutoFavoriteRecord, AutoFavoriteRemovalReason, MatchDecision } from '../loved-track-store.js';
import type { StoreContext } from '../store-context.js';
import { toFavoriteRecord } from './rows.js';

// Table family "auto-favorites and decisions": `auto_favorites` (the
// favorites this library created, and why they went) and `match_decisions`
// (manual links and rejects).

export async function autoFavorites(ctx: StoreContext, user: string, hostUser: string, trackIds: readonly string[]): Promise<ReadonlyMap<string, AutoFavoriteRecord>> {
  const out = new Map<string, AutoFavoriteRecord>();
  await ctx.run('read favorite records', async () => {
    for (const batch of chunk(trackIds, ctx.inListSize)) {
      const rows = await ctx.db
        .selectFrom('auto_favorites')
        .selectAll()
        .where('user', '=', user)
        .where('host_user', '=', hostUser)
        .where('track_id', 'in', batch)
        .execute();
      for (const row of rows) out.set(row.track_id, toFavoriteRecord(row));
    }
  });
  return out;
}

export async function activeAutoFavorites(
  ctx: StoreContext,
  user: string,
  hostUser: string,
  options: { afterTrackId?: string; limit: number },
): Promise<readonly AutoFavoriteRecord[]> {
  let query = ctx.db.selectFrom('auto_favorites').selectAll().where('user', '=', user).where('host_user', '=', hostUser).where('removed_reason', 'is', null);
  if (options.afterTrackId !== undefined) query = query.where('track_id', '>', options.afterTrackId);
  const rows = await ctx.run('read favorite records', () => query.orderBy('track_id').limit(options.limit).execute());
  return rows.map(toFavoriteRecord);
}

export async function recordAutoFavorites(
  ctx: StoreContext,
  user: string,
  hostUser: string,
  rows: readonly { trackId: string; lovedId: number | null }[],
  now: number,
): Promise<void> {
  if (rows.length === 0) return;
  await ctx.run('record favorites', () =>
    ctx.db.transaction().execute(async (trx) => {
      for (const batch of chunk(rows, ctx.rowsPerStatement(7, 500))) {
        const insert = trx
          .insertInto('auto_favorites')
          .values(batch.map((row) => ({ user, host_user: hostUser, track_id: row.trackId, loved_id: row.lovedId, created_at: now, removed_reason: null, removed_at: null })));
        await ctx.dialect
          .upsert(insert, {
            table: 'auto_favorites',
            conflict: ['user', 'host_user', 'track_id'],
            set: ({ excluded }) => ({ loved_id: excluded('loved_id'), created_at: excluded('created_at'), removed_reason: null, removed_at: null }),
          })
          .execute();
      }
    }),
  );
}

export async function markAutoFavoritesRemoved(
  ctx: StoreContext,
  user: string,
  hostUser: string,
  trackIds: readonly string[],
  reason: AutoFavoriteRemovalReason,
  now: number,
): Promise<void> {
  await ctx.run('update favorite records', async () => {
    for (const batch of chunk(trackIds, ctx.inListSize)) {
      let query = ctx.db
        .updateTable('auto_favorites')
        .set({ removed_reason: reason, removed_at: now })
        .where('user', '=', user)
        .where('host_user', '=', hostUser)
        .where('track_id', 'in', batch);
      // The user's own removal is final; any other reason only ends a
      // favorite that still stands (a later "track removed" must not turn
      // "the user removed it" back into something we may re-add).
      if (reason !== 'user') query = query.where('removed_reason', 'is', null);
      await query.execute();
    }
  });
}

export async function countActiveAutoFavorites(ctx: StoreContext, user: string, hostUser: string): Promise<number> {
  const row = await ctx.run('count favorite records', () =>
    ctx.db
      .selectFrom('auto_favorites')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user', '=', user)
      .where('host_user', '=', hostUser)
      .where('removed_reason', 'is', null)
      .executeTakeFirstOrThrow(),
  );
  return Number(row.n);
}

export async function deleteAutoFavoriteRecords(ctx: StoreContext, user: string, hostUser: string): Promise<void> {
  await ctx.run('delete favorite records', () => ctx.db.deleteFrom('auto_favorites').where('user', '=', user).where('host_user', '=', hostUser).execute());
}

export async function addDecision(ctx: StoreContext, user: string, decision: MatchDecision, now: number): Promise<void> {
  await ctx.run('record a match decision', () =>
    ctx.db.transaction().execute(async (trx) => {
      // A link replaces every earlier link of that love; a reject only its own pair.
      if (decision.decision === 'link') {
        await trx
          .deleteFrom('match_decisions')
          .where('user', '=', user)
          .where('artist', '=', decision.artist)
          .where('title', '=', decision.title)
          .where('decision', '=', 'link')
          .execute();
      }
      const insert = trx
        .insertInto('match_decisions')
        .values({ user, artist: decision.artist, title: decision.title, track_id: decision.trackId, decision: decision.decision, created_at: now });
      await ctx.dialect
        .upsert(insert, { table: 'match_decisions', conflict: ['user', 'artist', 'title', 'track_id'], set: () => ({ decision: decision.decision, created_at: now }) })
        .execute();
    }),
  );
}

export async function decisions(ctx: StoreContext, user: string, pairs?: readonly { artist: string; title: string }[]): Promise<readonly MatchDecision[]> {
  const rows = await ctx.run('read match decisions', async () => {
    if (pairs === undefined) return ctx.db.selectFrom('match_decisions').selectAll().where('user', '=', user).execute();
    const out = [];
    for (const batch of chunk(pairs, Math.floor(ctx.inListSize / 2))) {
      out.push(
        ...(await ctx.db
          .selectFrom('match_decisions')
          .selectAll()
          .where('user', '=', user)
          .where((eb) => eb.or(batch.map((pair) => eb.and([eb('artist', '=', pair.artist), eb('title', '=', pair.title)]))))
          .execute()),
      );
    }
    return out;
  });
  return rows.map((row) => ({ artist: row.artist, title: row.title, trackId: row.track_id, decision: row.decision }));
}

export async function deleteDecisions(ctx: StoreContext, user: string): Promise<void> {
  await ctx.run('delete match decisions', async () => {
    await ctx.db.deleteFrom('match_decisions').where('user', '=', user).execute();
    // A forgotten reject may free older candidates: compare everything again.
    await ctx.db.updateTable('loved_tracks').set({ last_checked_at: null }).where('user', '=', user).execute();
  });
}
