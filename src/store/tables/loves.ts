import { sql, type Kysely, type Transaction } from 'kysely';
import { chunk } from '../../internal/chunk.js';
import type { CachedLovedTrack } from '../../types.js';
import type { KeyedLove, LoveForMatching, MatchedLove, MatchWrite, StoreCounts, SyncState, SyncStatePatch } from '../loved-track-store.js';
import type { CacheDatabase, SyncStateRow } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { pairKey, toCachedLove, toLoveForMatching, toMatchedLove, toSyncState } from './rows.js';

// Table family "loves and sync state": `loved_tracks` and `sync_state`.

type Db = Kysely<CacheDatabase> | Transaction<CacheDatabase>;

/** Bound values per love row in `writeLoves`. */
const LOVE_COLUMNS = 10;
const LOVE_ROW_COLUMNS = ['id', 'artist', 'title', 'mbid', 'artist_key', 'title_key'] as const;

export async function getSyncState(ctx: StoreContext, user: string): Promise<SyncState | undefined> {
  const row = await ctx.run('read the sync state', () => ctx.db.selectFrom('sync_state').selectAll().where('user', '=', user).executeTakeFirst());
  return row === undefined ? undefined : toSyncState(row);
}

export async function updateSyncState(ctx: StoreContext, user: string, patch: SyncStatePatch): Promise<void> {
  await ctx.run('update the sync state', () => patchState(ctx, ctx.db, user, patch));
}

/** Upserts the sync state row of `user` with the fields `patch` sets. */
export async function patchState(ctx: StoreContext, db: Db, user: string, patch: SyncStatePatch): Promise<void> {
  const values: Partial<SyncStateRow> = {};
  if (patch.cursorLovedAt !== undefined) values.cursor_loved_at = patch.cursorLovedAt;
  if (patch.totalReported !== undefined) values.total_reported = patch.totalReported;
  if (patch.lastFullSyncAt !== undefined) values.last_full_sync_at = patch.lastFullSyncAt;
  if (patch.lastIncrementalSyncAt !== undefined) values.last_incremental_sync_at = patch.lastIncrementalSyncAt;
  if (patch.fullPassStartedAt !== undefined) values.full_pass_started_at = patch.fullPassStartedAt;
  if (patch.fullPassPage !== undefined) values.full_pass_page = patch.fullPassPage;
  if (Object.keys(values).length === 0) return;
  await ctx.dialect.upsert(db.insertInto('sync_state').values({ user, ...values }), { table: 'sync_state', conflict: ['user'], set: () => values }).execute();
}

export async function writeLoves(
  ctx: StoreContext,
  user: string,
  loves: readonly KeyedLove[],
  seenAt: number,
  fingerprint: string,
  statePatch?: SyncStatePatch,
): Promise<{ readonly inserted: number }> {
  return ctx.run('store loved tracks', () =>
    ctx.db.transaction().execute(async (trx) => {
      // Last.fm can list one track twice on a page boundary; keep one.
      const unique = new Map<string, KeyedLove>();
      for (const love of loves) unique.set(pairKey(love.artist, love.title), love);
      // New rows = the user's count after minus before: no dialect tells
      // inserted from updated rows of an upsert portably, and counting on the
      // (user, artist, title) index is cheaper than reading the page back.
      const before = await countLoves(trx, user);
      for (const batch of chunk([...unique.values()], ctx.rowsPerStatement(LOVE_COLUMNS, 500))) {
        const insert = trx.insertInto('loved_tracks').values(
          batch.map((love) => ({
            user,
            artist: love.artist,
            title: love.title,
            artist_key: love.artistKey,
            title_key: love.titleKey,
            keys_fingerprint: fingerprint,
            mbid: love.mbid ?? null,
            loved_at: love.lovedAt,
            first_seen_at: Math.floor(seenAt / 1000),
            last_seen_at: seenAt,
          })),
        );
        await ctx.dialect
          .upsert(insert, {
            table: 'loved_tracks',
            conflict: ['user', 'artist', 'title'],
            set: ({ excluded, current }) => ({
              last_seen_at: excluded('last_seen_at'),
              unloved_at: null,
              mbid: sql`coalesce(${excluded('mbid')}, ${current('mbid')})`,
              loved_at: sql`coalesce(${excluded('loved_at')}, ${current('loved_at')})`,
            }),
          })
          .execute();
      }
      const inserted = (await countLoves(trx, user)) - before;
      if (statePatch !== undefined) await patchState(ctx, trx, user, statePatch);
      return { inserted };
    }),
  );
}

async function countLoves(db: Db, user: string): Promise<number> {
  const row = await db
    .selectFrom('loved_tracks')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user', '=', user)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function maxSeenStamp(ctx: StoreContext, user: string): Promise<number> {
  const row = await ctx.run('read the last sync stamp', () =>
    ctx.db
      .selectFrom('loved_tracks')
      .select((eb) => eb.fn.max('last_seen_at').as('m'))
      .where('user', '=', user)
      .executeTakeFirst(),
  );
  return Number(row?.m ?? 0);
}

export async function countSeenSince(ctx: StoreContext, user: string, passStartedAt: number): Promise<number> {
  const row = await ctx.run('count loves', () =>
    ctx.db
      .selectFrom('loved_tracks')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user', '=', user)
      .where('last_seen_at', '>=', passStartedAt)
      .executeTakeFirstOrThrow(),
  );
  return Number(row.n);
}

export async function markUnlovedNotSeenSince(
  ctx: StoreContext,
  user: string,
  passStartedAt: number,
  now: number,
): Promise<readonly { readonly id: number; readonly trackId: string | null }[]> {
  const rows = await ctx.run('mark unloved tracks', async () => {
    if (ctx.dialect.supports.updateReturning) {
      return ctx.db
        .updateTable('loved_tracks')
        .set({ unloved_at: now })
        .where('user', '=', user)
        .where('unloved_at', 'is', null)
        .where('last_seen_at', '<', passStartedAt)
        .returning(['id', 'matched_track_id'])
        .execute();
    }
    // Without UPDATE ... RETURNING: lock the rows, then update exactly those.
    return ctx.db.transaction().execute(async (trx) => {
      const found = await ctx.dialect
        .forUpdate(
          trx
            .selectFrom('loved_tracks')
            .select(['id', 'matched_track_id'])
            .where('user', '=', user)
            .where('unloved_at', 'is', null)
            .where('last_seen_at', '<', passStartedAt),
        )
        .execute();
      for (const ids of chunk(
        found.map((row) => row.id),
        ctx.inListSize,
      )) {
        await trx.updateTable('loved_tracks').set({ unloved_at: now }).where('id', 'in', ids).execute();
      }
      return found;
    });
  });
  return rows.map((row) => ({ id: Number(row.id), trackId: row.matched_track_id }));
}

export async function unmatchedLoves(ctx: StoreContext, user: string, options: { afterId: number; limit: number }): Promise<readonly LoveForMatching[]> {
  const rows = await ctx.run('read unmatched loves', () =>
    ctx.db
      .selectFrom('loved_tracks')
      .select(LOVE_ROW_COLUMNS)
      .where('user', '=', user)
      .where('matched_track_id', 'is', null)
      .where('unloved_at', 'is', null)
      .where('id', '>', options.afterId)
      .orderBy('id')
      .limit(options.limit)
      .execute(),
  );
  return rows.map(toLoveForMatching);
}

export async function lovesWithStaleKeys(ctx: StoreContext, user: string, fingerprint: string, limit: number): Promise<readonly LoveForMatching[]> {
  const rows = await ctx.run('read loves with stale keys', () =>
    ctx.db
      .selectFrom('loved_tracks')
      .select(LOVE_ROW_COLUMNS)
      .where('user', '=', user)
      .where('keys_fingerprint', '!=', fingerprint)
      .orderBy('id')
      .limit(limit)
      .execute(),
  );
  return rows.map(toLoveForMatching);
}

export async function updateLoveKeys(ctx: StoreContext, rows: readonly { id: number; artistKey: string; titleKey: string }[], fingerprint: string, user?: string): Promise<void> {
  if (rows.length === 0) return;
  await ctx.run('update love keys', () =>
    ctx.db.transaction().execute(async (trx) => {
      for (const batch of chunk(rows, ctx.rowsPerStatement(3, 1000))) {
        await ctx.dialect.updateFromRows(trx, {
          table: 'loved_tracks',
          key: 'id',
          columns: [
            { name: 'id', type: 'integer' },
            { name: 'artist_key', type: 'text' },
            { name: 'title_key', type: 'text' },
          ],
          rows: batch.map((row) => [row.id, row.artistKey, row.titleKey]),
          set: { artist_key: { from: 'artist_key' }, title_key: { from: 'title_key' }, keys_fingerprint: { value: fingerprint } },
          filter: userFilter(user),
        });
      }
    }),
  );
}

export async function matchedLoves(
  ctx: StoreContext,
  user: string,
  options: { trackIds?: readonly string[]; afterId?: number; limit?: number; staleFingerprint?: string },
): Promise<readonly MatchedLove[]> {
  if (options.trackIds !== undefined && options.trackIds.length === 0) return [];
  const read = async (trackIds: readonly string[] | undefined) => {
    let query = ctx.db
      .selectFrom('loved_tracks')
      .select([...LOVE_ROW_COLUMNS, 'matched_track_id', 'match_origin'])
      .where('user', '=', user)
      .where('matched_track_id', 'is not', null);
    if (trackIds !== undefined) query = query.where('matched_track_id', 'in', trackIds);
    if (options.afterId !== undefined) query = query.where('id', '>', options.afterId);
    if (options.staleFingerprint !== undefined) {
      const fp = options.staleFingerprint;
      query = query.where((eb) => eb.or([eb('match_fingerprint', 'is', null), eb('match_fingerprint', '!=', fp)]));
    }
    query = query.orderBy('id');
    if (options.limit !== undefined) query = query.limit(options.limit);
    return query.execute();
  };
  const rows = await ctx.run('read matched loves', async () => {
    if (options.trackIds === undefined) return read(undefined);
    const out = [];
    for (const ids of chunk(options.trackIds, ctx.inListSize)) out.push(...(await read(ids)));
    return out;
  });
  return rows.map(toMatchedLove);
}

export async function unmatchedLovesByKeys(ctx: StoreContext, user: string, artistKeys: readonly string[], titleKeys: readonly string[]): Promise<readonly LoveForMatching[]> {
  const found = new Map<number, LoveForMatching>();
  await ctx.run('look up loves by key', async () => {
    for (const [column, keys] of [
      ['artist_key', artistKeys],
      ['title_key', titleKeys],
    ] as const) {
      for (const batch of chunk([...new Set(keys)], ctx.inListSize)) {
        const rows = await ctx.db
          .selectFrom('loved_tracks')
          .select(LOVE_ROW_COLUMNS)
          .where('user', '=', user)
          .where(column, 'in', batch)
          .where('matched_track_id', 'is', null)
          .where('unloved_at', 'is', null)
          .execute();
        for (const row of rows) found.set(Number(row.id), toLoveForMatching(row));
      }
    }
  });
  return [...found.values()].sort((a, b) => a.id - b.id);
}

export async function setMatches(ctx: StoreContext, matches: readonly MatchWrite[], checkedAt: number, user?: string): Promise<void> {
  if (matches.length === 0) return;
  await ctx.run('record matches', () =>
    ctx.db.transaction().execute(async (trx) => {
      // One batch update per 500 loves instead of one statement per love.
      for (const batch of chunk(matches, ctx.rowsPerStatement(6, 500))) {
        await ctx.dialect.updateFromRows(trx, {
          table: 'loved_tracks',
          key: 'id',
          columns: [
            { name: 'id', type: 'integer' },
            { name: 'track_id', type: 'text' },
            { name: 'score', type: 'real' },
            { name: 'reasons', type: 'text' },
            { name: 'origin', type: 'text' },
            { name: 'fingerprint', type: 'text' },
          ],
          rows: batch.map((m) => [m.loveId, m.trackId, m.score, JSON.stringify(m.reasons), m.origin, m.fingerprint]),
          set: {
            matched_track_id: { from: 'track_id' },
            match_score: { from: 'score' },
            match_reasons: { from: 'reasons' },
            match_origin: { from: 'origin' },
            match_fingerprint: { from: 'fingerprint' },
            last_checked_at: { value: checkedAt },
          },
          filter: userFilter(user),
        });
      }
    }),
  );
}

export async function clearMatches(ctx: StoreContext, loveIds: readonly number[], user?: string): Promise<void> {
  await ctx.run('clear matches', async () => {
    for (const ids of chunk(loveIds, ctx.inListSize)) {
      await ctx.db
        .updateTable('loved_tracks')
        .set({ matched_track_id: null, match_score: null, match_reasons: null, match_origin: null, match_fingerprint: null, last_checked_at: null })
        .where('id', 'in', ids)
        .$if(user !== undefined, (q) => q.where('user', '=', user!))
        .execute();
    }
  });
}

export async function markChecked(ctx: StoreContext, loveIds: readonly number[], checkedAt: number, user?: string): Promise<void> {
  await ctx.run('mark loves checked', async () => {
    for (const ids of chunk(loveIds, ctx.inListSize)) {
      await ctx.db
        .updateTable('loved_tracks')
        .set({ last_checked_at: checkedAt })
        .where('id', 'in', ids)
        .$if(user !== undefined, (q) => q.where('user', '=', user!))
        .execute();
    }
  });
}

/** The user condition of a batch update: on a distributed engine it routes the statement to the user's shard. */
function userFilter(user: string | undefined): { column: string; value: string } | undefined {
  return user === undefined ? undefined : { column: 'user', value: user };
}

export async function listLoves(ctx: StoreContext, user: string, options: { matched?: boolean; limit: number; offset: number }): Promise<readonly CachedLovedTrack[]> {
  let query = ctx.db.selectFrom('loved_tracks').selectAll().where('user', '=', user).where('unloved_at', 'is', null);
  if (options.matched === true) query = query.where('matched_track_id', 'is not', null);
  if (options.matched === false) query = query.where('matched_track_id', 'is', null);
  const rows = await ctx.run('list loves', () => query.orderBy('loved_at', 'desc').orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute());
  return rows.map(toCachedLove);
}

export async function findLove(ctx: StoreContext, user: string, artist: string, title: string): Promise<CachedLovedTrack | undefined> {
  const row = await ctx.run('find a love', () =>
    ctx.db.selectFrom('loved_tracks').selectAll().where('user', '=', user).where('artist', '=', artist).where('title', '=', title).executeTakeFirst(),
  );
  return row === undefined ? undefined : toCachedLove(row);
}

export async function counts(ctx: StoreContext, user: string): Promise<StoreCounts> {
  const row = await ctx.run('count loves', () =>
    ctx.db
      .selectFrom('loved_tracks')
      .select((eb) => [
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
      .where('user', '=', user)
      .executeTakeFirstOrThrow(),
  );
  return { loved: Number(row.loved ?? 0), matched: Number(row.matched ?? 0), unloved: Number(row.unloved ?? 0) };
}

export async function deleteUserData(ctx: StoreContext, user: string): Promise<void> {
  await ctx.run('delete user data', () =>
    ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('loved_tracks').where('user', '=', user).execute();
      await trx.deleteFrom('sync_state').where('user', '=', user).execute();
    }),
  );
}

export async function knownLoves(ctx: StoreContext, user: string, loves: readonly { artist: string; title: string }[]): Promise<ReadonlyMap<string, { readonly matched: boolean }>> {
  const out = new Map<string, { matched: boolean }>();
  await ctx.run('look up loves', async () => {
    for (const batch of chunk(loves, ctx.inListSize)) {
      const rows = await ctx.db
        .selectFrom('loved_tracks')
        .select(['artist', 'title', 'matched_track_id'])
        .where('user', '=', user)
        .where('title', 'in', [...new Set(batch.map((love) => love.title))])
        .execute();
      for (const row of rows) out.set(pairKey(row.artist, row.title), { matched: row.matched_track_id !== null });
    }
  });
  return out;
}

export async function matchedLovesWithoutTrack(ctx: StoreContext, user: string): Promise<readonly MatchedLove[]> {
  const rows = await ctx.run('find matches to vanished tracks', () =>
    ctx.db
      .selectFrom('loved_tracks as l')
      .leftJoin('track_keys as k', (join) => join.onRef('k.track_id', '=', 'l.matched_track_id').on('k.is_primary', '=', 1))
      .select(['l.id', 'l.artist', 'l.title', 'l.mbid', 'l.artist_key', 'l.title_key', 'l.matched_track_id', 'l.match_origin'])
      .where('l.user', '=', user)
      .where('l.matched_track_id', 'is not', null)
      .where('k.track_id', 'is', null)
      .execute(),
  );
  return rows.map(toMatchedLove);
}
