import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { TableLibraryAdapter, type TableLibraryAdapterOptions } from '../../../src/library/table-library-adapter.js';
import { LovedTrackCache } from '../../../src/loved-track-cache.js';
import { KyselyLovedTrackStore } from '../../../src/store/kysely-store.js';
import { startFakeLastfm } from '../../../src/testing/fake-lastfm-server.js';
import type { LovedTrack } from '../../../src/types.js';
import { fastSource } from '../../support/cache-fixture.js';
import type { HostSeed } from '../seed.js';

/** What a player's test tells the shared flow. */
export interface HostFlowPlayer {
  readonly name: string;
  readonly db: Kysely<any>;
  readonly seed: HostSeed;
  /** The recipe's options: the built-in adapter with this configuration only. */
  readonly options: TableLibraryAdapterOptions;
  /**
   * The player's scanner loses a file: a hard delete (rows gone, with what
   * the player deletes along) or a soft one (a flag). Returns how to bring
   * the file back as the scanner would.
   */
  removeTrack(trackId: string): Promise<() => Promise<void>>;
  /** The player's scanner re-tags a file (its title). Returns how to undo it. */
  retagTrack(trackId: string, title: string): Promise<() => Promise<void>>;
  /** The store's prefix (a player may hold a `lastfm_*` table of its own). */
  readonly tablePrefix?: string;
}

/** Numbers a run measured, for the report. */
export interface HostFlowResult {
  readonly player: string;
  readonly presentLoves: number;
  readonly eligible: number;
  readonly favoritedFirstUser: number;
  readonly favoritedSecondUser: number;
  readonly syncMs: number;
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

/**
 * The whole flow on a player's own database with the built-in adapter:
 * migrate, sync with the seed's loves and tag variants, a second user,
 * scanner hooks (changed, removed, added), soft delete and return, reset.
 * After every step the player's own tables are read its way: the
 * favorites it shows, every play count and rating untouched (the seed's
 * snapshot), no manual favorite changed.
 */
export async function runHostFlow(player: HostFlowPlayer): Promise<HostFlowResult> {
  const { db, seed } = player;
  // Desktop players have one local user and no user column: the cache runs without hostUser.
  type User = { readonly id: string | number | undefined; readonly name: string };
  const single = seed.users.length === 0;
  const users: User[] = single ? [{ id: undefined, name: 'alice' }] : seed.users.map((u) => ({ id: u.id, name: u.name }));
  const first = users[0]!;
  const second: User | undefined = users[1];
  const loves: LovedTrack[] = seed.loves.map((love) => ({ artist: love.artist, title: love.title, lovedAt: love.lovedAt }));
  // The second user loves every other song of the first one's list.
  const secondLoves = loves.filter((_, i) => i % 2 === 0);
  const lastfm = await startFakeLastfm({ users: { [first.name]: loves, ...(second === undefined ? {} : { [second.name]: secondLoves }) } });
  try {
    const before = await seed.snapshot(db);
    const manual = new Map<string | number | undefined, string[]>();
    for (const user of users) manual.set(user.id, await seed.favoritesShown(db, user.id as string | number));
    for (const user of users) {
      const own = sorted(seed.manualFavorites.filter((f) => (f.user ?? undefined) === user.id).map((f) => f.trackId));
      // favoritesShown reads the player's way; it must agree with what the seed wrote (modulo tracks the player hides).
      expect(manual.get(user.id)!.every((id) => own.includes(id))).toBe(true);
    }
    const tracks = new Map(seed.tracks.map((track) => [track.id, track]));
    const eligibleFor = (user: string | number | undefined, list: readonly { artist: string; title: string }[]) => {
      const wanted = new Set(list.map((love) => `${love.artist}\u0000${love.title}`));
      return new Set(
        seed.loves
          .filter((love) => love.trackId !== null && wanted.has(`${love.artist}\u0000${love.title}`))
          .map((love) => love.trackId!)
          .filter((id) => {
            const track = tracks.get(id);
            return track !== undefined && track.missing !== true && (track.visibleOnlyTo === undefined || track.visibleOnlyTo === user);
          }),
      );
    };
    // The song list spells a few songs twice ("BALLAD OF JOHN AND YOKO" beside
    // the love "The Ballad Of John And Yoko", planned as absent): a favorite of
    // such a spelling is the loved song, not a false match.
    const crude = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/^the /, '').replace(/[^a-z0-9]/g, '');
    const sameSong = (user: string | number | undefined, list: readonly { artist: string; title: string }[]) => {
      const keys = new Set(list.map((love) => `${crude(love.artist)}|${crude(love.title)}`));
      return (id: string) => {
        const track = tracks.get(id);
        return track !== undefined && track.missing !== true && (track.visibleOnlyTo === undefined || track.visibleOnlyTo === user) && keys.has(`${crude(track.artist)}|${crude(track.title)}`);
      };
    };
    const eligibleFirst = eligibleFor(first.id, loves);
    const eligibleSecond = second === undefined ? new Set<string>() : eligibleFor(second.id, secondLoves);
    const prefix = player.tablePrefix === undefined ? {} : { tablePrefix: player.tablePrefix };
    const cacheOf = (user: User) =>
      new LovedTrackCache({
        user: user.name,
        ...(user.id === undefined ? {} : { hostUser: user.id }),
        store: new KyselyLovedTrackStore({ db, ...prefix }),
        source: fastSource(lastfm),
        library: new TableLibraryAdapter(player.options),
      });
    const shown = async (user: User) => new Set(await seed.favoritesShown(db, user.id as string | number));
    const added = async (user: User) => {
      const own = new Set(manual.get(user.id));
      return sorted([...(await shown(user))].filter((id) => !own.has(id)));
    };
    const untouched = async (step: string) => {
      expect(await seed.snapshot(db), `the player's own rows after ${step}`).toEqual(before);
      for (const user of users) {
        const now = await shown(user);
        for (const id of manual.get(user.id)!) expect(now.has(id), `manual favorite ${id} of ${user.name} after ${step}`).toBe(true);
      }
    };

    // 1. migrate and sync the first user.
    const alice = cacheOf(first);
    await alice.migrate();
    const started = performance.now();
    const report = await alice.sync();
    const syncMs = performance.now() - started;
    expect(report.added).toBe(loves.length);
    const aliceAdded = await added(first);
    expect(report.favorited).toBe(aliceAdded.length);
    const sameSongFirst = sameSong(first.id, loves);
    for (const id of aliceAdded) expect(eligibleFirst.has(id) || sameSongFirst(id), `favorited ${id} (${tracks.get(id)?.artist} - ${tracks.get(id)?.title}) is a present, visible, loved track`).toBe(true);
    const aliceHas = new Set([...aliceAdded, ...manual.get(first.id)!]);
    const covered = [...eligibleFirst].filter((id) => aliceHas.has(id)).length;
    expect(covered / eligibleFirst.size, 'share of present loves favorited').toBeGreaterThanOrEqual(0.9);
    expect((await alice.stats()).autoFavorites).toBe(aliceAdded.length);
    await untouched('the first sync');

    // 2. A second user: only their own favorites change.
    let bob: LovedTrackCache | undefined;
    let bobAdded: string[] = [];
    if (second !== undefined) {
      bob = cacheOf(second);
      await bob.sync();
      bobAdded = await added(second);
      const sameSongSecond = sameSong(second.id, secondLoves);
      for (const id of bobAdded) expect(eligibleSecond.has(id) || sameSongSecond(id), `favorited ${id} (${tracks.get(id)?.artist} - ${tracks.get(id)?.title}) for the second user`).toBe(true);
      expect(bobAdded.length).toBeGreaterThan(0);
      expect(await added(first)).toEqual(aliceAdded);
      await untouched("the second user's sync");
    }

    // 3. Scanner: a re-tag that breaks the match removes our favorite; undoing it restores it.
    const manualAnywhere = new Set(seed.manualFavorites.map((f) => f.trackId));
    const ours = aliceAdded.filter((id) => !manualAnywhere.has(id) && !bobAdded.includes(id));
    expect(ours.length).toBeGreaterThan(2);
    const retagged = ours[0]!;
    const untag = await player.retagTrack(retagged, 'Completely Different Demo Take 99');
    await alice.onTracksChanged([retagged]);
    expect((await shown(first)).has(retagged)).toBe(false);
    await untag();
    await alice.onTracksChanged([retagged]);
    expect((await shown(first)).has(retagged)).toBe(true);
    await untouched('a re-tag and its undo');

    // 4. Scanner: a file goes (hard or soft delete) and comes back.
    const removed = ours[1]!;
    const restore = await player.removeTrack(removed);
    await alice.onTracksRemoved([removed]);
    await bob?.onTracksRemoved([removed]);
    // A soft-delete host that keeps the favorite row shows (or hides) it its own way.
    if (player.options.favoritesOfRemovedTracks !== 'keep') expect((await shown(first)).has(removed), 'the player does not show a favorite of a removed file').toBe(false);
    expect(await alice.rematch()).toMatchObject({ favorited: 0 });
    await restore();
    await alice.onTracksAdded([removed]);
    await bob?.onTracksAdded([removed]);
    expect((await shown(first)).has(removed), 'the favorite is back with the file').toBe(true);
    expect(await added(first)).toEqual(aliceAdded);
    await untouched('a removal and return');

    // 5. reset() keeps the record of which favorites are ours; a later
    // reset({ removeAutoFavorites }) removes exactly those, nothing manual.
    await alice.reset();
    expect(await added(first)).toEqual(aliceAdded);
    await alice.sync();
    expect(await added(first)).toEqual(aliceAdded);
    const { removedFavorites } = await alice.reset({ removeAutoFavorites: true });
    expect(removedFavorites).toBe(aliceAdded.length);
    expect(sorted(await shown(first))).toEqual(manual.get(first.id));
    if (second !== undefined && bob !== undefined) {
      expect(await added(second)).toEqual(bobAdded);
      await bob.reset({ removeAutoFavorites: true });
      expect(sorted(await shown(second))).toEqual(manual.get(second.id));
    }
    await untouched('both resets');

    return {
      player: player.name,
      presentLoves: seed.loves.filter((love) => love.trackId !== null).length,
      eligible: eligibleFirst.size,
      favoritedFirstUser: aliceAdded.length,
      favoritedSecondUser: bobAdded.length,
      syncMs: Math.round(syncMs),
    };
  } finally {
    await lastfm.close();
  }
}

/**
 * A hard delete as a player's scanner does it: the track row goes, and
 * with it (by ON DELETE CASCADE, or explicitly here, dependents first) the
 * rows that point at it. The returned function brings the file back: the
 * track row and its plays, ratings and credits, but not the favorites the
 * player deleted with it (making those again is the cache's job).
 */
export async function hardDeleteTrack(
  db: Kysely<any>,
  track: { readonly table: string; readonly id: string; readonly value: string | number },
  dependents: readonly { readonly table: string; readonly column: string; readonly isFavorites?: boolean }[],
): Promise<() => Promise<void>> {
  const saved: { table: string; rows: Record<string, unknown>[]; isFavorites: boolean }[] = [];
  for (const dep of dependents) {
    saved.push({ table: dep.table, rows: (await db.selectFrom(dep.table).selectAll().where(dep.column, '=', track.value).execute()) as Record<string, unknown>[], isFavorites: dep.isFavorites === true });
  }
  const row = await db.selectFrom(track.table).selectAll().where(track.id, '=', track.value).executeTakeFirstOrThrow();
  for (const dep of [...dependents].reverse()) await db.deleteFrom(dep.table).where(dep.column, '=', track.value).execute();
  await db.deleteFrom(track.table).where(track.id, '=', track.value).execute();
  return async () => {
    await db.insertInto(track.table).values(row).execute();
    for (const dep of saved) if (!dep.isFavorites && dep.rows.length > 0) await db.insertInto(dep.table).values(dep.rows).execute();
  };
}

/** A re-tag of the title column, undone by the returned function. */
export async function retagTitle(db: Kysely<any>, table: string, id: string, column: string, value: string | number, title: string): Promise<() => Promise<void>> {
  const old = (await db.selectFrom(table).select(`${column} as t`).where(id, '=', value).executeTakeFirstOrThrow()).t;
  await db.updateTable(table).set({ [column]: title }).where(id, '=', value).execute();
  return async () => {
    await db.updateTable(table).set({ [column]: old }).where(id, '=', value).execute();
  };
}
