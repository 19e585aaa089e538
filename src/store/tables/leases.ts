import type { StoreContext } from '../store-context.js';

// Table family "leases": `sync_leases`, one row per user while a sync runs.

export async function acquireLease(ctx: StoreContext, user: string, owner: string, ttlMs: number, nowMs: number): Promise<{ readonly acquired: boolean; readonly expiresAtMs: number }> {
  const expiresAtMs = nowMs + ttlMs;
  const acquired = await ctx.run('take the sync lease', async () => {
    if (ctx.dialect.supports.conditionalUpsert) {
      // One statement, so two processes racing for the lease cannot both win:
      // the update branch only fires when the lease is ours or has expired.
      const row = await ctx.db
        .insertInto('sync_leases')
        .values({ user, owner, expires_at_ms: expiresAtMs })
        .onConflict((oc) =>
          oc
            .column('user')
            .doUpdateSet({ owner, expires_at_ms: expiresAtMs })
            .where((eb) => eb.or([eb('sync_leases.owner', '=', owner), eb('sync_leases.expires_at_ms', '<', nowMs)])),
        )
        .returning(['owner', 'expires_at_ms'])
        .executeTakeFirst();
      return row !== undefined;
    }
    // Without a conditional upsert (MySQL): make sure the row exists (a
    // no-op when it does), then take it with one conditional UPDATE. Each
    // statement locks the row, so of two racing owners exactly one matches
    // the UPDATE's condition (our own fresh row matches it as ours); the other
    // sees the winner's fresh expiry.
    // (The insert's row count cannot tell: with CLIENT_FOUND_ROWS, mysql2's
    // default, a skipped duplicate counts 1 like an insert.)
    await ctx.dialect.insertIgnore(ctx.db.insertInto('sync_leases').values({ user, owner, expires_at_ms: expiresAtMs }), ['user']).execute();
    const updated = await ctx.db
      .updateTable('sync_leases')
      .set({ owner, expires_at_ms: expiresAtMs })
      .where('user', '=', user)
      .where((eb) => eb.or([eb('owner', '=', owner), eb('expires_at_ms', '<', nowMs)]))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) return true;
    // A server that counts changed rather than matched rows reports 0 when
    // the owner renews with the very same expiry: read it back.
    const row = await ctx.db.selectFrom('sync_leases').select(['owner', 'expires_at_ms']).where('user', '=', user).executeTakeFirst();
    return row !== undefined && row.owner === owner && Number(row.expires_at_ms) === expiresAtMs;
  });
  if (acquired) return { acquired: true, expiresAtMs };
  const current = await ctx.run('read the sync lease', () => ctx.db.selectFrom('sync_leases').select('expires_at_ms').where('user', '=', user).executeTakeFirst());
  return { acquired: false, expiresAtMs: Number(current?.expires_at_ms ?? 0) };
}

export async function releaseLease(ctx: StoreContext, user: string, owner: string): Promise<void> {
  await ctx.run('release the sync lease', () => ctx.db.deleteFrom('sync_leases').where('user', '=', user).where('owner', '=', owner).execute());
}
