import { sql } from 'kysely';
import { chunk } from '../../internal/chunk.js';
import type { LibraryTrack } from '../../types.js';
import type { IndexSpec } from '../dialect.js';
import { TEXT_INDEX_PREFIX as P } from '../migrations/0001-initial.js';
import type { KeyedTrack, LoveForMatching } from '../loved-track-store.js';
import type { StoreContext } from '../store-context.js';
import { setIndexState } from './meta.js';
import { toLibraryTrack, type TrackIndexRowLike } from './rows.js';

// Table family "track index": `track_keys`, the normalized keys of the host's
// tracks (one row per artist key a track answers to), and the match-candidate
// queries that join it with `loved_tracks`.

/** Bound values per index row in `upsertTrackKeys`. */
const KEY_COLUMNS = 11;

/**
 * Secondary indexes of `track_keys`: created by migration 0001, dropped at the
 * start of a rebuild and built again at its end. `prefix` is the table prefix.
 */
export function trackKeyIndexes(prefix: string): readonly IndexSpec[] {
  return [
    { name: `${prefix}track_keys_keys`, table: 'track_keys', columns: ['artist_key', 'title_key'], prefixLengths: { artist_key: P, title_key: P } },
    { name: `${prefix}track_keys_title`, table: 'track_keys', columns: ['title_key'], prefixLengths: { title_key: P } },
  ];
}

export async function beginTrackIndexRebuild(ctx: StoreContext): Promise<void> {
  await setIndexState(ctx, undefined);
  await ctx.run('clear the track index', async () => {
    await ctx.dialect.clearTable(ctx, 'track_keys');
    // Loading a million rows into a table without its secondary indexes and
    // building them afterwards is several times faster than maintaining them
    // row by row.
    for (const index of trackKeyIndexes(ctx.prefix)) await ctx.dialect.dropIndex(ctx.db, { ...index, schema: ctx.schema });
  });
}

export async function finishTrackIndexRebuild(ctx: StoreContext, state: { fingerprint: string; builtAt: number }): Promise<void> {
  await ctx.run('index the track index', async () => {
    for (const index of trackKeyIndexes(ctx.prefix)) await ctx.dialect.createIndex(ctx.db, index);
    await ctx.dialect.analyzeTable(ctx, 'track_keys');
  });
  await setIndexState(ctx, state);
}

export async function upsertTrackKeys(ctx: StoreContext, tracks: readonly KeyedTrack[], indexedAt: number, options: { replace: boolean }): Promise<void> {
  if (tracks.length === 0) return;
  const rows = tracks.flatMap((keyed) =>
    keyed.artistKeys.map((artistKey, index) => ({
      track_id: String(keyed.track.id),
      artist_key: artistKey,
      title_key: keyed.titleKey,
      artist: keyed.track.artist,
      title: keyed.track.title,
      album: keyed.track.album ?? null,
      album_artist: keyed.track.albumArtist ?? null,
      duration_ms: keyed.track.durationMs ?? null,
      mbid: keyed.track.mbid ?? null,
      is_primary: index === 0 ? 1 : 0,
      indexed_at: indexedAt,
    })),
  );
  const ids = [...new Set(rows.map((row) => row.track_id))];
  await ctx.run('write the track index', () =>
    ctx.db.transaction().execute(async (trx) => {
      // A re-tagged track may have lost an artist key: replace its rows.
      if (options.replace) for (const batch of chunk(ids, ctx.inListSize)) await trx.deleteFrom('track_keys').where('track_id', 'in', batch).execute();
      for (const batch of chunk(rows, ctx.rowsPerStatement(KEY_COLUMNS, 1000))) {
        await ctx.dialect.insertIgnore(trx.insertInto('track_keys').values(batch), ['track_id', 'artist_key']).execute();
      }
    }),
  );
}

export async function deleteTrackKeys(ctx: StoreContext, trackIds: readonly string[]): Promise<void> {
  await ctx.run('delete from the track index', async () => {
    for (const batch of chunk(trackIds, ctx.inListSize)) await ctx.db.deleteFrom('track_keys').where('track_id', 'in', batch).execute();
  });
}

export async function indexedTracks(ctx: StoreContext, trackIds: readonly string[]): Promise<readonly LibraryTrack[]> {
  const out: LibraryTrack[] = [];
  await ctx.run('read the track index', async () => {
    for (const batch of chunk(trackIds, ctx.inListSize)) {
      const rows = await ctx.db.selectFrom('track_keys').selectAll().where('track_id', 'in', batch).where('is_primary', '=', 1).execute();
      for (const row of rows) out.push(toLibraryTrack(row));
    }
  });
  return out;
}

export async function candidates(
  ctx: StoreContext,
  loves: readonly LoveForMatching[],
  options: { fuzzy: boolean; perLove: number; onlyUnchecked?: boolean; user?: string },
): Promise<ReadonlyMap<number, readonly LibraryTrack[]>> {
  const out = new Map<number, Map<string, LibraryTrack>>();
  if (loves.length === 0) return out as unknown as Map<number, readonly LibraryTrack[]>;
  const add = (loveId: number, row: TrackIndexRowLike) => {
    let tracks = out.get(loveId);
    if (tracks === undefined) out.set(loveId, (tracks = new Map()));
    if (!tracks.has(row.track_id)) tracks.set(row.track_id, toLibraryTrack(row));
  };
  const db = ctx.db;
  await ctx.run('find match candidates', async () => {
    // Parameters: ids of loves; the keys are read from the loves' own rows by the join.
    for (const batch of chunk(loves, ctx.inListSize)) {
      const ids = batch.map((love) => love.id);
      const exact = await db
        .selectFrom('loved_tracks as l')
        .innerJoin('track_keys as k', (join) => join.onRef('k.artist_key', '=', 'l.artist_key').onRef('k.title_key', '=', 'l.title_key'))
        .select(['l.id as love_id', 'k.track_id', 'k.artist', 'k.title', 'k.album', 'k.album_artist', 'k.duration_ms', 'k.mbid'])
        .where('l.id', 'in', ids)
        .$if(options.user !== undefined, (q) => q.where('l.user', '=', options.user!))
        .$if(options.onlyUnchecked === true, (q) => q.where(sql<boolean>`${sql.ref('k.indexed_at')} >= coalesce(${sql.ref('l.last_checked_at')}, 0)`))
        .execute();
      for (const row of exact) add(Number(row.love_id), row);
      if (!options.fuzzy) continue;
      const remaining = ids.filter((id) => !out.has(id));
      if (remaining.length === 0) continue;
      for (const column of ['artist_key', 'title_key'] as const) {
        const rows = await db
          .selectFrom((eb) =>
            eb
              .selectFrom('loved_tracks as l')
              .innerJoin('track_keys as k', `k.${column}`, `l.${column}`)
              .select((inner) => [
                'l.id as love_id',
                'k.track_id',
                'k.artist',
                'k.title',
                'k.album',
                'k.album_artist',
                'k.duration_ms',
                'k.mbid',
                sql<number>`row_number() over (partition by ${inner.ref('l.id')} order by ${inner.ref('k.track_id')})`.as('rn'),
              ])
              .where('l.id', 'in', remaining)
              .$if(options.user !== undefined, (q) => q.where('l.user', '=', options.user!))
              .$if(options.onlyUnchecked === true, (q) => q.where(sql<boolean>`${sql.ref('k.indexed_at')} >= coalesce(${sql.ref('l.last_checked_at')}, 0)`))
              .as('c'),
          )
          .selectAll()
          .where('rn', '<=', options.perLove)
          .execute();
        for (const row of rows) add(Number(row.love_id), row);
      }
    }
  });
  return new Map([...out].map(([id, tracks]) => [id, [...tracks.values()]]));
}

export async function indexedTrackCount(ctx: StoreContext): Promise<number> {
  const row = await ctx.run('count indexed tracks', () =>
    ctx.db.selectFrom('track_keys').select((eb) => eb.fn.countAll().as('n')).where('is_primary', '=', 1).executeTakeFirstOrThrow(),
  );
  return Number(row.n);
}

export async function tracksByKeys(
  ctx: StoreContext,
  artistKeys: readonly string[],
  titleKeys: readonly string[],
  limit: number,
): Promise<readonly (LibraryTrack & { readonly artistKey: string; readonly titleKey: string })[]> {
  const out = new Map<string, LibraryTrack & { artistKey: string; titleKey: string }>();
  await ctx.run('look up tracks by key', async () => {
    for (const [column, keys] of [
      ['artist_key', artistKeys],
      ['title_key', titleKeys],
    ] as const) {
      for (const batch of chunk([...new Set(keys)], ctx.inListSize)) {
        const rows = await ctx.db
          .selectFrom((eb) =>
            eb
              .selectFrom('track_keys')
              .selectAll()
              .select((inner) => sql<number>`row_number() over (partition by ${inner.ref(column)} order by ${inner.ref('track_id')})`.as('rn'))
              .where(column, 'in', batch)
              .as('c'),
          )
          .selectAll()
          .where('rn', '<=', limit)
          .execute();
        for (const row of rows) out.set(`${row.track_id}\u0000${row.artist_key}`, { ...toLibraryTrack(row), artistKey: row.artist_key, titleKey: row.title_key });
      }
    }
  });
  return [...out.values()];
}
