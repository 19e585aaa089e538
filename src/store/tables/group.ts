import { chunk } from '../../internal/chunk.js';
import type { StoreCounts, SyncState } from '../loved-track-store.js';
import type { StoreContext } from '../store-context.js';
import { countColumns, toCounts } from './loves.js';
import { toSyncState } from './rows.js';

// Queries across users, for LovedTrackCacheGroup: one statement per chunk of
// keys or users instead of one per user (the loves lookup by key is shared
// with the per-user hooks and lives in loves.ts). Every statement names the
// user column (in the select list, the filter or the grouping), so a
// distributed engine can route or co-locate it (docs/distributed-postgres.md).

/** Love counts of every one of `users` (zeros for a user without loves), one grouped statement per chunk of users. */
export async function countsByUser(ctx: StoreContext, users: readonly string[]): Promise<ReadonlyMap<string, StoreCounts>> {
  const out = new Map<string, StoreCounts>(users.map((user) => [user, { loved: 0, matched: 0, unloved: 0 }]));
  await ctx.run('count loves', async () => {
    for (const batch of chunk([...new Set(users)], ctx.inListSize)) {
      const rows = await ctx.db
        .selectFrom('loved_tracks')
        .select((eb) => ['user', ...countColumns(eb)])
        .where('user', 'in', batch)
        .groupBy('user')
        .execute();
      for (const row of rows) out.set(row.user, toCounts(row));
    }
  });
  return out;
}

/** Sync states of `users` that have one. */
export async function syncStates(ctx: StoreContext, users: readonly string[]): Promise<ReadonlyMap<string, SyncState>> {
  const out = new Map<string, SyncState>();
  await ctx.run('read sync states', async () => {
    for (const batch of chunk([...new Set(users)], ctx.inListSize)) {
      const rows = await ctx.db.selectFrom('sync_state').selectAll().where('user', 'in', batch).execute();
      for (const row of rows) out.set(row.user, toSyncState(row));
    }
  });
  return out;
}

/** Standing auto-favorites per `user + "\u0000" + hostUser` of these users. */
export async function activeAutoFavoriteCounts(ctx: StoreContext, users: readonly string[]): Promise<ReadonlyMap<string, number>> {
  const out = new Map<string, number>();
  await ctx.run('count favorite records', async () => {
    for (const batch of chunk([...new Set(users)], ctx.inListSize)) {
      const rows = await ctx.db
        .selectFrom('auto_favorites')
        .select((eb) => ['user', 'host_user', eb.fn.countAll().as('n')])
        .where('user', 'in', batch)
        .where('removed_reason', 'is', null)
        .groupBy(['user', 'host_user'])
        .execute();
      for (const row of rows) out.set(`${row.user}\u0000${row.host_user}`, Number(row.n));
    }
  });
  return out;
}

/** The users with a (loved) love matched to one of these tracks: one indexed lookup per chunk of tracks. */
export async function usersMatchedTo(ctx: StoreContext, trackIds: readonly string[]): Promise<ReadonlySet<string>> {
  const out = new Set<string>();
  await ctx.run('look up loves by track', async () => {
    for (const batch of chunk([...new Set(trackIds)], ctx.inListSize)) {
      const rows = await ctx.db.selectFrom('loved_tracks').select('user').distinct().where('matched_track_id', 'in', batch).execute();
      for (const row of rows) out.add(row.user);
    }
  });
  return out;
}
