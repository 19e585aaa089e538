import type { StoreContext } from '../store-context.js';

// Table family "meta": `cache_meta`, small key/value records of the cache
// (today the track index state).

const INDEX_STATE_KEY = 'track_index';

export async function getIndexState(ctx: StoreContext): Promise<{ readonly fingerprint: string; readonly builtAt: number } | undefined> {
  const row = await ctx.run('read the index state', () => ctx.db.selectFrom('cache_meta').select('value').where('key', '=', INDEX_STATE_KEY).executeTakeFirst());
  if (row === undefined) return undefined;
  return JSON.parse(row.value) as { fingerprint: string; builtAt: number };
}

export async function setIndexState(ctx: StoreContext, state: { fingerprint: string; builtAt: number } | undefined): Promise<void> {
  await ctx.run('write the index state', async () => {
    if (state === undefined) {
      await ctx.db.deleteFrom('cache_meta').where('key', '=', INDEX_STATE_KEY).execute();
      return;
    }
    const value = JSON.stringify(state);
    await ctx.dialect.upsert(ctx.db.insertInto('cache_meta').values({ key: INDEX_STATE_KEY, value }), { table: 'cache_meta', conflict: ['key'], set: () => ({ value }) }).execute();
  });
}
