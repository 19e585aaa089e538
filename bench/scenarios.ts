/**
 * The measured scenarios for one backend and one library size. Runs in its
 * own process (see run.ts), so its peak RSS is this size's alone.
 *
 * Setup (seeding, adding tracks "from the scanner", resetting between
 * repetitions) may use the driver directly; every measured call goes through
 * the library's public API: `LovedTrackCache` with `KyselyLovedTrackStore`
 * and `TableLibraryAdapter` on the host's Kysely instance.
 *
 * @module
 */
import { availableParallelism, loadavg } from 'node:os';
import {
  KyselyLovedTrackStore,
  LastfmSource,
  LovedTrackCache,
  createMatcher,
  type KeyedLove,
  type LovedTrackPage,
  type LovedTrackSource,
  type Matcher,
} from '../src/index.js';
import { startFakeLastfm } from '../src/testing/index.js';
import { hostLibrary } from '../test/support/host-schema.js';
import { openBackend, type BackendName, type BenchBackend } from './backends.js';
import { createDataset, type Dataset, type LibraryRow } from './generate.js';
import { collectGarbage, log, median, peakRssMb, roundMs, rssMb, timed, type ResultRow } from './measure.js';

/** Repetitions per scenario. */
export interface Repetitions {
  readonly store: number;
  readonly firstRematch: number;
  readonly rematch: number;
  readonly added1: number;
  readonly added1000: number;
  readonly sync: number;
}

/** What one worker process runs. */
export interface WorkerTask {
  readonly backend: BackendName;
  readonly libraryTracks: number;
  readonly lovedTracks: number;
  readonly repetitions: Repetitions;
  /** Wall-clock budget of the baseline; when it runs out the rest is extrapolated. 0: run every love. */
  readonly baselineBudgetMs: number;
  readonly pgUrl: string | undefined;
  readonly sqliteSynchronous: 'full' | 'normal';
}

/** What one worker process reports. */
export interface WorkerResult {
  readonly backend: BackendName;
  readonly description: string;
  readonly rows: readonly ResultRow[];
  /** Sanity figures (matches found, RSS floor), printed under the table. */
  readonly checks: readonly string[];
}

const MAIN_USER = 'bench';
/** Tracks per scanner batch that are loves the user did not have yet. */
const MATCHING_PER_1000 = 50;

/** Runs every scenario of `task` and returns its rows. */
export async function runWorker(task: WorkerTask): Promise<WorkerResult> {
  const rows: ResultRow[] = [];
  const checks: string[] = [];
  const floorMb = rssMb();
  const data = createDataset({ libraryTracks: task.libraryTracks, lovedTracks: task.lovedTracks });
  const backend = await openBackend(task.backend, task.pgUrl, { sqliteSynchronous: task.sqliteSynchronous });
  const loadAtStart = loadavg()[0]!;
  const label = task.backend;
  const row = (scenario: string, runs: readonly number[], extra: { baselineMs?: number | null; notes?: string | null } = {}): ResultRow => {
    const medianMs = median(runs);
    const baselineMs = extra.baselineMs ?? null;
    const result: ResultRow = {
      backend: label,
      scenario,
      libraryTracks: task.libraryTracks,
      lovedTracks: task.lovedTracks,
      medianMs: roundMs(medianMs),
      baselineMs: baselineMs === null ? null : roundMs(baselineMs),
      ratio: baselineMs === null ? null : Math.round((baselineMs / medianMs) * 10) / 10,
      peakRssMb: peakRssMb(),
      runs: runs.map(roundMs),
      notes: extra.notes ?? null,
    };
    rows.push(result);
    log(`${label} ${task.libraryTracks}: ${scenario}: median ${result.medianMs} ms (${result.runs.join(', ')}), peak RSS ${result.peakRssMb} MB`);
    return result;
  };

  try {
    // Seed the host library (setup; reported for the RSS floor and seeding speed).
    log(`${label} ${task.libraryTracks}: seeding ${backend.description}`);
    const seedMs = await timed(async () => {
      // Small batches and a GC after each keep the generator's garbage out of the RSS high-water mark.
      for (const batch of data.batches(5_000)) {
        await backend.insertTracks(batch);
        collectGarbage();
      }
      await backend.afterSeed();
    });
    const manual = manualFavorites(task.libraryTracks);
    await backend.insertFavorites(manual);
    row('seed host library (setup: raw driver, not library code)', [seedMs], {
      notes: `RSS before seeding ${floorMb} MB (node + tsx + imports); ${manual.length} manual favorites`,
    });

    // Last.fm pages, fetched once from the fake server: the store is measured on local work only.
    await using lastfm = await startFakeLastfm({ users: { [MAIN_USER]: data.loves } });
    const source = new LastfmSource({ apiKey: lastfm.apiKey, baseUrl: lastfm.url, requestsPerSecond: 1000 });
    const pages: LovedTrackPage[] = [];
    for (let page = 1; ; page += 1) {
      const result = await source.fetchPage(MAIN_USER, page);
      pages.push(result);
      if (page >= result.totalPages) break;
    }

    const store = new KyselyLovedTrackStore({ db: backend.db });
    const library = hostLibrary(backend.db);
    const matcher = createMatcher();
    const cacheFor = (user: string, src: LovedTrackSource = source) => new LovedTrackCache({ user, store, source: src, library, matcher });
    await cacheFor(MAIN_USER).migrate();

    // 1. Storing the loves: keys + writeLoves per page, as a full sync does, without HTTP.
    const storeRuns: number[] = [];
    for (let rep = 0; rep < task.repetitions.store; rep += 1) {
      const user = `store-${rep}`;
      storeRuns.push(await timed(() => writePages(store, matcher, user, pages)));
      await store.deleteUserData(user);
    }
    row(`store ${task.lovedTracks} loves (keys + writeLoves of ${pages.length} pre-fetched pages)`, storeRuns, {
      notes: 'store.writeLoves per page in its own transaction, as sync() does, with matcher.lovedKeys; HTTP excluded by fetching the pages first',
    });

    // 2. First rematch: empty track index, every love unmatched (a fresh cache).
    const firstRuns: number[] = [];
    let firstMatched = 0;
    for (let rep = 0; rep < task.repetitions.firstRematch; rep += 1) {
      const last = rep === task.repetitions.firstRematch - 1;
      const user = last ? MAIN_USER : `first-${rep}`;
      await backend.resetFavorites(manual);
      // An empty index with no state, as in a fresh cache.
      await store.beginTrackIndexRebuild();
      await writePages(store, matcher, user, pages);
      const cache = cacheFor(user);
      let report: Awaited<ReturnType<LovedTrackCache['rematch']>> | undefined;
      firstRuns.push(await timed(async () => (report = await cache.rematch())));
      firstMatched = report!.matched;
      if (!report!.indexRebuilt) throw new Error('first rematch() did not rebuild the index');
      if (!last) {
        await store.deleteAutoFavoriteRecords(user, '');
        await store.deleteUserData(user);
      }
    }
    checks.push(`${label} ${task.libraryTracks}: first rematch() matched ${firstMatched} of ${data.presentLoves} loves present in the library (${task.lovedTracks} loves)`);
    const matchedLoves = await cacheFor(MAIN_USER).matched({ limit: 100_000 });
    const unexpected = matchedLoves.filter((love) => !data.isPresent(love));
    const missed = data.presentLoves - (matchedLoves.length - unexpected.length);
    if (unexpected.length > 0 || missed > 0) {
      const tracks = await library.getTracks(unexpected.slice(0, 3).map((love) => love.matchedTrackId!));
      const shown = unexpected.slice(0, 3).map((love) => {
        const track = tracks.find((candidate) => String(candidate.id) === love.matchedTrackId);
        return `"${love.artist} - ${love.title}" -> "${track?.artist} - ${track?.title}"`;
      });
      checks.push(`${label} ${task.libraryTracks}: ${missed} present loves unmatched; ${unexpected.length} loves generated as absent were matched${shown.length > 0 ? `, e.g. ${shown.join('; ')}` : ''}`);
    }

    // 3. Rematch with the index present: the unmatched loves checked again.
    const cache = cacheFor(MAIN_USER);
    const secondRuns: number[] = [];
    for (let rep = 0; rep < task.repetitions.rematch; rep += 1) secondRuns.push(await timed(() => cache.rematch()));

    // 4. The baseline on the same library, before the scanner scenarios add tracks.
    const baseline = await runBaseline(backend, data, task.baselineBudgetMs);
    checks.push(`${label} ${task.libraryTracks}: baseline found ${baseline.found} of ${baseline.done} loves queried (case-insensitive equality only)`);
    const baselineNote =
      baseline.done === data.loves.length
        ? `baseline: all ${data.loves.length} queries run`
        : `baseline extrapolated from ${baseline.done} of ${data.loves.length} loves (evenly spaced sample; every query scans the whole table, so its cost does not depend on the love)`;
    row(`rematch() first run (index built)`, firstRuns, { baselineMs: baseline.estimatedMs, notes: baselineNote });
    row(`rematch() index present`, secondRuns, { baselineMs: baseline.estimatedMs, notes: baselineNote });

    // 5. Scanner hook, 1 and 1,000 new tracks. Each single track is a love the user did not have.
    let nextId = task.libraryTracks + 1;
    let absentIndex = 0;
    const added1: number[] = [];
    let matched1 = 0;
    for (let rep = 0; rep < task.repetitions.added1; rep += 1) {
      const track = data.trackFor(nextId, data.absent[absentIndex++]!);
      nextId += 1;
      await backend.insertTracks([track]);
      let matched = 0;
      added1.push(await timed(async () => (matched = (await cache.onTracksAdded([track.id])).matched)));
      matched1 += matched;
    }
    checks.push(`${label} ${task.libraryTracks}: onTracksAdded(1) matched ${matched1} of ${task.repetitions.added1} added loved tracks`);
    row('onTracksAdded(1 id)', added1, { notes: 'each run adds one track that is an unmatched love (matched and favorited)' });

    const added1000: number[] = [];
    let matched1000 = 0;
    let newTrack = 0;
    for (let rep = 0; rep < task.repetitions.added1000; rep += 1) {
      const batch: LibraryRow[] = [];
      for (let i = 0; i < 1000; i += 1) {
        const absent = i % Math.floor(1000 / MATCHING_PER_1000) === 0 ? data.absent[absentIndex++] : undefined;
        batch.push(absent === undefined ? data.newTrack(nextId, newTrack++) : data.trackFor(nextId, absent));
        nextId += 1;
      }
      await backend.insertTracks(batch);
      let matched = 0;
      added1000.push(await timed(async () => (matched = (await cache.onTracksAdded(batch.map((track) => track.id))).matched)));
      matched1000 += matched;
    }
    checks.push(`${label} ${task.libraryTracks}: onTracksAdded(1000) matched ${matched1000} of ${task.repetitions.added1000 * MATCHING_PER_1000} added loved tracks`);
    row('onTracksAdded(1000 ids)', added1000, { notes: `${MATCHING_PER_1000} of each 1,000 are unmatched loves, the rest new tracks by known and new artists` });

    // 6. A first sync end to end against the fake server, HTTP subtracted.
    const syncRuns: number[] = [];
    const syncTotals: number[] = [];
    for (let rep = 0; rep < task.repetitions.sync; rep += 1) {
      const user = `sync-${rep}`;
      lastfm.setLoves(user, data.loves);
      await backend.resetFavorites(manual);
      const timing = new TimedSource(source);
      const syncCache = cacheFor(user, timing);
      const total = await timed(() => syncCache.sync());
      syncTotals.push(total);
      syncRuns.push(total - timing.ms);
      await store.deleteAutoFavoriteRecords(user, '');
      await store.deleteUserData(user);
    }
    row(`sync() first sync of ${task.lovedTracks} loves, local work`, syncRuns, {
      notes: `sync() time minus time inside source.fetchPage (HTTP to the local fake server, JSON parse, validation); includes storing, matching against the index, favoriting; whole sync() medians ${roundMs(median(syncTotals))} ms`,
    });

    checks.push(`${label} ${task.libraryTracks}: 1-minute load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end (${availableParallelism()} CPUs)`);
    return { backend: task.backend, description: backend.description, rows, checks };
  } finally {
    await backend.close();
  }
}

/** Keys and stores the pages the way a full sync does. */
async function writePages(store: KyselyLovedTrackStore, matcher: Matcher, user: string, pages: readonly LovedTrackPage[]): Promise<void> {
  const stamp = Date.now();
  let page = 0;
  for (const result of pages) {
    page += 1;
    const keyed: KeyedLove[] = result.tracks.map((love) => {
      const keys = matcher.lovedKeys(love);
      return { ...love, artistKey: keys.artist, titleKey: keys.title };
    });
    await store.writeLoves(user, keyed, stamp, matcher.fingerprint, { fullPassStartedAt: stamp, fullPassPage: page });
  }
}

/** The user's own favorites: one track in a thousand, at least a few. */
function manualFavorites(libraryTracks: number): number[] {
  const count = Math.max(5, Math.min(100, Math.floor(libraryTracks / 1000)));
  const step = Math.floor(libraryTracks / count);
  return Array.from({ length: count }, (_, i) => 1 + i * step + 5).filter((id) => id <= libraryTracks);
}

/** Runs the baseline on an evenly spaced sample until the budget is spent; extrapolates to every love. */
async function runBaseline(backend: BenchBackend, data: Dataset, budgetMs: number): Promise<{ estimatedMs: number; done: number; found: number }> {
  const loves = data.loves;
  // Every 37th love first (coprime with the variant cycle), then the rest: a sample spread over the list.
  const order: number[] = [];
  const stride = 37;
  for (let start = 0; start < stride; start += 1) for (let i = start; i < loves.length; i += stride) order.push(i);
  collectGarbage();
  const started = performance.now();
  let done = 0;
  let found = 0;
  while (done < order.length) {
    const chunk = order.slice(done, done + 25).map((index) => loves[index]!);
    found += await backend.baseline(chunk);
    done += chunk.length;
    if (budgetMs > 0 && performance.now() - started > budgetMs) break;
  }
  const elapsed = performance.now() - started;
  log(`${backend.name} ${data.libraryTracks}: baseline ${done} queries in ${Math.round(elapsed)} ms`);
  return { estimatedMs: (elapsed / done) * loves.length, done, found };
}

/** A source that counts the time spent inside `fetchPage`, to subtract it from sync(). */
class TimedSource implements LovedTrackSource {
  ms = 0;
  readonly #inner: LovedTrackSource;

  constructor(inner: LovedTrackSource) {
    this.#inner = inner;
  }

  async fetchPage(...args: Parameters<LovedTrackSource['fetchPage']>): Promise<LovedTrackPage> {
    const started = performance.now();
    try {
      return await this.#inner.fetchPage(...args);
    } finally {
      this.ms += performance.now() - started;
    }
  }
}
