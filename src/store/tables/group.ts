import { chunk } from '../../internal/chunk.js';
import type { LoveForMatching, StoreCounts, SyncState } from '../loved-track-store.js';
import type { StoreContext } from '../store-context.js';
import { toLoveForMatching, toSyncState } from './rows.js';

// Queries across users, for LovedTrackCacheGroup: one statement per chunk of
// keys or users instead of one per user. Every statement still names the
// user column (in the select list, the filter or the grouping), so a
// distributed engine can route or co-locate it (docs/performance.md).

const LOVE_ROW_COLUMNS = ['id', 'user', 'artist', 'title', 'mbid', 'artist_key', 'title_key'] as const;

/** A love with the Last.fm user it belongs to. */
export type UserLoveForMatching = LoveForMatching & { readonly user: string };

/**
 * Unmatched, loved loves of any of `users` whose artist key or title key is
 * one of the given keys. Two indexed lookups per chunk of keys (one per key
 * column), whatever the number of users.
 */
export async function unmatchedLovesByKeysForUsers(
  ctx: StoreContext,
  users: readonly string[],
  artistKeys: readonly string[],
  titleKeys: readonly string[],
): Promise<readonly UserLoveForMatching[]> {
  const found = new Map<number, UserLoveForMatching>();
  if (users.length === 0) return [];
  const wanted = new Set(users);
  // With few users the list is a cheap extra filter; with many, the keys
  // are selective enough that filtering the (few) rows here is cheaper than
  // binding thousands of user names into every statement.
  const userFilter = users.length <= 100 ? [...wanted] : undefined;
  await ctx.run('look up loves by key', async () => {
    for (const [column, keys] of [
      ['artist_key', artistKeys],
      ['title_key', titleKeys],
    ] as const) {
      for (const batch of chunk([...new Set(keys)], ctx.inListSize - (userFilter?.length ?? 0))) {
        let query = ctx.db
          .selectFrom('loved_tracks')
          .select(LOVE_ROW_COLUMNS)
          .where(column, 'in', batch)
          .where('matched_track_id', 'is', null)
          .where('unloved_at', 'is', null);
        if (userFilter !== undefined) query = query.where('user', 'in', userFilter);
        for (const row of await query.execute()) {
          if (!wanted.has(row.user)) continue;
          found.set(Number(row.id), { ...toLoveForMatching(row), user: row.user });
        }
      }
    }
  });
  return [...found.values()].sort((a, b) => a.id - b.id);
}

/** Love counts of every one of `users` (zeros for a user without loves), one grouped statement per chunk of users. */
export async function countsByUser(ctx: StoreContext, users: readonly string[]): Promise<ReadonlyMap<string, StoreCounts>> {
  const out = new Map<string, StoreCounts>(users.map((user) => [user, { loved: 0, matched: 0, unloved: 0 }]));
  await ctx.run('count loves', async () => {
    for (const batch of chunk([...new Set(users)], ctx.inListSize)) {
      const rows = await ctx.db
        .selectFrom('loved_tracks')
        .select((eb) => [
          'user',
          eb.fn.sum<number>(eb.case().when('unloved_at', 'is', null).then(1).else(0).end()).as('loved'),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(eb.and([eb('unloved_at', 'is', null), eb('matched_track_id', 'is not', null)]))
                .then(1)
                .else(0)
                .end(),
            )
            .as('matched'),
          eb.fn.sum<number>(eb.case().when('unloved_at', 'is not', null).then(1).else(0).end()).as('unloved'),
        ])
        .where('user', 'in', batch)
        .groupBy('user')
        .execute();
      for (const row of rows) out.set(row.user, { loved: Number(row.loved ?? 0), matched: Number(row.matched ?? 0), unloved: Number(row.unloved ?? 0) });
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
