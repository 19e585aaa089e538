/**
 * The benchmark: `npx tsx bench/run.ts [--small | --smoke] [--backend sqlite|postgres|pglite|mysql]...`
 *
 * - default (`npm run bench`): 100k and 1M library tracks, 10k loves;
 * - `--small` (`npm run bench:small`): 100k library tracks, 10k loves;
 * - `--smoke`: 5k tracks, 500 loves, one repetition each (proves it runs in seconds).
 *
 * Backends: SQLite (a file in a temp dir, WAL) and PostgreSQL (the server at
 * `LOVED_CACHE_PG_URL`, a fresh database dropped afterwards; without it,
 * PGlite, reported as `pglite`). `--backend` (repeatable or comma-separated)
 * picks some. Other flags: `--sizes 100000,1000000`, `--loves 10000`,
 * `--baseline-budget <seconds>` (0 = query every love), `--out <file>`,
 * `--no-matcher` (skip bench/matcher.ts), `--sqlite-synchronous full|normal`
 * (default full, SQLite's own default).
 *
 * Each backend and size runs in its own process, so peak RSS is that
 * size's. Writes the rows to bench/results.json (a complete default run),
 * bench/results.local.json (git-ignored: `--small`, or a run with
 * `--backend`, `--sizes`, `--loves`, `--baseline-budget` or
 * `--sqlite-synchronous normal`) or a temp file (`--smoke`).
 * See docs/performance.md.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveBackends } from './backends.js';
import { log, type ResultRow } from './measure.js';
import { runWorker, type Repetitions, type WorkerResult, type WorkerTask } from './scenarios.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Mode {
  readonly name: 'full' | 'small' | 'smoke';
  readonly sizes: readonly number[];
  readonly loves: number;
  readonly repetitions: (libraryTracks: number) => Repetitions;
  /** Baseline wall-clock budget per backend and size, by library size. */
  readonly baselineBudgetMs: (libraryTracks: number) => number;
  readonly out: string | undefined;
}

const MODES: Record<Mode['name'], Mode> = {
  full: {
    name: 'full',
    sizes: [100_000, 1_000_000],
    loves: 10_000,
    repetitions: (n) => ({ store: 5, firstRematch: n >= 1_000_000 ? 1 : 3, rematch: 5, added1: 15, added1000: 7, sync: 3 }),
    baselineBudgetMs: (n) => (n >= 1_000_000 ? 60_000 : 90_000),
    out: join(here, 'results.json'),
  },
  small: {
    name: 'small',
    sizes: [100_000],
    loves: 10_000,
    repetitions: () => ({ store: 5, firstRematch: 3, rematch: 5, added1: 15, added1000: 7, sync: 3 }),
    baselineBudgetMs: () => 30_000,
    out: join(here, 'results.local.json'),
  },
  smoke: {
    name: 'smoke',
    sizes: [5_000],
    loves: 500,
    repetitions: () => ({ store: 1, firstRematch: 1, rematch: 1, added1: 3, added1000: 1, sync: 1 }),
    baselineBudgetMs: () => 5_000,
    out: undefined,
  },
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      small: { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      backend: { type: 'string', multiple: true },
      sizes: { type: 'string' },
      loves: { type: 'string' },
      'baseline-budget': { type: 'string' },
      out: { type: 'string' },
      'no-matcher': { type: 'boolean', default: false },
      'sqlite-synchronous': { type: 'string', default: 'full' },
      worker: { type: 'string' },
    },
    strict: true,
  });

  if (values.worker !== undefined) {
    // Child process: one backend, one size.
    const task = JSON.parse(readFileSync(values.worker, 'utf8')) as WorkerTask & { resultFile: string };
    const result = await runWorker(task);
    writeFileSync(task.resultFile, JSON.stringify(result));
    return;
  }

  const mode = MODES[values.smoke ? 'smoke' : values.small ? 'small' : 'full'];
  const pgUrl = process.env.LOVED_CACHE_PG_URL;
  const backends = resolveBackends((values.backend ?? []).flatMap((value) => value.split(',')).filter((value) => value !== ''), pgUrl, {
    mysqlUrl: process.env.LOVED_CACHE_MYSQL_URL,
    fullRun: mode.name === 'full',
  });
  const sizes = values.sizes === undefined ? mode.sizes : values.sizes.split(',').map((size) => positive(size, '--sizes'));
  const loves = values.loves === undefined ? mode.loves : positive(values.loves, '--loves');
  const budgetOverride = values['baseline-budget'] === undefined ? undefined : Number(values['baseline-budget']) * 1000;
  if (budgetOverride !== undefined && !(budgetOverride >= 0)) throw new Error(`Expected \`--baseline-budget\` to be a number of seconds >= 0, got ${values['baseline-budget']}`);

  const sqliteSynchronous = values['sqlite-synchronous'];
  if (sqliteSynchronous !== 'full' && sqliteSynchronous !== 'normal') throw new Error(`Expected \`--sqlite-synchronous\` to be full or normal, got ${JSON.stringify(sqliteSynchronous)}`);
  log(`mode ${mode.name}: backends ${backends.join(', ')}; library sizes ${sizes.join(', ')}; ${loves} loves`);
  const scratch = mkdtempSync(join(tmpdir(), 'loved-track-cache-bench-run-'));
  const results: WorkerResult[] = [];
  try {
    for (const backend of backends) {
      for (const libraryTracks of sizes) {
        const task: WorkerTask & { resultFile: string } = {
          backend,
          libraryTracks,
          lovedTracks: loves,
          repetitions: mode.repetitions(libraryTracks),
          baselineBudgetMs: budgetOverride ?? mode.baselineBudgetMs(libraryTracks),
          pgUrl,
          sqliteSynchronous,
          resultFile: join(scratch, `${backend}-${libraryTracks}.json`),
        };
        const taskFile = join(scratch, `${backend}-${libraryTracks}.task.json`);
        writeFileSync(taskFile, JSON.stringify(task));
        // Same node and loader flags (tsx) as this process, plus a GC hook for clean repetitions.
        const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', fileURLToPath(import.meta.url), '--worker', taskFile], {
          stdio: 'inherit',
          env: process.env,
        });
        if (child.status !== 0 || !existsSync(task.resultFile)) throw new Error(`Benchmark worker for ${backend} at ${libraryTracks} tracks failed (exit ${child.status ?? child.signal})`);
        results.push(JSON.parse(readFileSync(task.resultFile, 'utf8')) as WorkerResult);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const rows = results.flatMap((result) => result.rows);
  console.log('');
  console.log(machine());
  console.log(revision());
  for (const backend of backends) console.log(`${backend}: ${results.find((result) => result.backend === backend)?.description ?? ''}`);
  console.log('');
  console.log(table(rows));
  console.log('');
  for (const check of results.flatMap((result) => result.checks)) console.log(`check: ${check}`);
  console.log('');
  for (const line of targets(rows)) console.log(line);

  // Only a complete default run replaces the committed figures; partial runs go to the git-ignored local file.
  const partial = values.backend !== undefined || values.sizes !== undefined || values.loves !== undefined || budgetOverride !== undefined || sqliteSynchronous !== 'full';
  const defaultOut = mode.name === 'full' && partial ? join(here, 'results.local.json') : mode.out;
  const out = values.out ?? defaultOut ?? join(mkdtempSync(join(tmpdir(), 'loved-track-cache-bench-')), 'results.json');
  writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`);
  console.log('');
  console.log(`wrote ${relative(process.cwd(), out).startsWith('..') ? out : relative(process.cwd(), out)}`);

  const matcherBench = join(here, 'matcher.ts');
  if (!values['no-matcher'] && existsSync(matcherBench)) {
    console.log('\n== matcher micro-benchmark (bench/matcher.ts) ==');
    // bench/matcher.ts takes --tracks and --csv (its own flags); sized like this run.
    const csv = join(here, '..', 'data', 'classic-rock-song-list.csv');
    const args = [...process.execArgv, matcherBench, '--tracks', String(Math.max(...sizes)), ...(existsSync(csv) ? ['--csv', csv] : [])];
    const child = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
    if (child.status !== 0) throw new Error(`bench/matcher.ts failed (exit ${child.status ?? child.signal})`);
  }
}

function positive(text: string, flag: string): number {
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`Expected \`${flag}\` to hold positive integers, got ${JSON.stringify(text)}`);
  return value;
}

/** Which code was measured: the commit, and whether src/ had uncommitted changes. */
function revision(): string {
  const git = (...args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD');
  if (commit === '') return 'code: not a git checkout';
  const changed = git('status', '--porcelain', '--', 'src').split('\n').filter((line) => line !== '').length;
  return `code: commit ${commit}${changed > 0 ? ` with ${changed} uncommitted change(s) in src/` : ', src/ clean'}`;
}

function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? model;
  } catch {
    // not Linux
  }
  return `machine: ${cpus().length} CPUs (${model}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, node ${process.version}, ${process.platform}; load average now ${loadavg().map((value) => value.toFixed(1)).join(' ')}`;
}

function table(rows: readonly ResultRow[]): string {
  const header = ['backend', 'scenario', 'library', 'loves', 'median ms', 'baseline ms', 'ratio', 'peak RSS MB', 'runs'];
  const lines = rows.map((row) => [
    row.backend,
    row.scenario,
    row.libraryTracks.toLocaleString('en-US'),
    row.lovedTracks.toLocaleString('en-US'),
    String(row.medianMs),
    row.baselineMs === null ? '' : String(row.baselineMs),
    row.ratio === null ? '' : `${row.ratio}x`,
    String(row.peakRssMb),
    String(row.runs.length),
  ]);
  const widths = header.map((title, index) => Math.max(title.length, ...lines.map((line) => line[index]!.length)));
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8]);
  const format = (cells: readonly string[]) => `| ${cells.map((cell, index) => (numeric.has(index) ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!))).join(' | ')} |`;
  return [format(header), `|${widths.map((width, index) => (numeric.has(index) ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`, ...lines.map(format)].join('\n');
}

/** The issue's targets (10k loves; 1M tracks, the baseline ratio at 100k), judged only on rows of those sizes. */
export function targets(rows: readonly ResultRow[]): string[] {
  const find = (backend: string, prefix: string, library: number) =>
    rows.find((row) => row.backend === backend && row.scenario.startsWith(prefix) && row.libraryTracks === library && row.lovedTracks === 10_000);
  const out: string[] = [];
  const check = (label: string, value: number | undefined, limit: number, unit: string, better: 'below' | 'above' = 'below') => {
    if (value === undefined) return;
    const met = better === 'below' ? value < limit : value >= limit;
    out.push(`target ${met ? 'MET   ' : 'MISSED'} ${label}: ${value}${unit} (${better === 'below' ? '<' : '>='} ${limit}${unit})`);
  };
  const M = 1_000_000;
  check('SQLite rematch() with keys present, 1M tracks', find('sqlite', 'rematch() index present', M)?.medianMs, 1000, ' ms');
  check('SQLite first rematch() (keys built), 1M tracks', find('sqlite', 'rematch() first run', M)?.medianMs, 15_000, ' ms');
  check('SQLite rematch() vs one query per love, 100k tracks', find('sqlite', 'rematch() index present', 100_000)?.ratio ?? undefined, 100, 'x', 'above');
  check('SQLite onTracksAdded(1000 ids), 1M tracks', find('sqlite', 'onTracksAdded(1000', M)?.medianMs, 25, ' ms');
  check('SQLite storing 10,000 loves, 1M tracks', find('sqlite', 'store ', M)?.medianMs, 500, ' ms');
  const peak = rows.filter((row) => row.backend === 'sqlite' && row.libraryTracks === M).map((row) => row.peakRssMb);
  check('SQLite peak RSS, 1M tracks', peak.length === 0 ? undefined : Math.max(...peak), 256, ' MB');
  for (const pgName of ['postgres', 'pglite']) {
    for (const prefix of ['rematch() index present', 'rematch() first run', 'onTracksAdded(1000', 'onTracksAdded(1 ', 'store ']) {
      const pgRow = find(pgName, prefix, M);
      const sqliteRow = find('sqlite', prefix, M);
      if (pgRow === undefined || sqliteRow === undefined) continue;
      check(`${pgName} within 3x of SQLite: ${prefix.replace(/[( ]+$/, '')}, 1M tracks`, Math.round((pgRow.medianMs / sqliteRow.medianMs) * 10) / 10, 3, 'x');
    }
  }
  if (out.length === 0) out.push('targets: judged at 10k loves x 1M tracks (the baseline ratio at 100k); this run has none of those sizes');
  return out;
}

await main();
