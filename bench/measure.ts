/**
 * Timing and memory helpers of the benchmark, and the row it reports.
 *
 * @module
 */

/** One line of bench/results.json. */
export interface ResultRow {
  readonly backend: string;
  readonly scenario: string;
  readonly libraryTracks: number;
  readonly lovedTracks: number;
  /** Median of {@link runs}, in ms. */
  readonly medianMs: number;
  /** The seed player's one-query-per-love time on the same data, when the scenario has a baseline. */
  readonly baselineMs: number | null;
  /** `baselineMs / medianMs`. */
  readonly ratio: number | null;
  /** High-water mark of the benchmark process's RSS at the end of the scenario, in MB. */
  readonly peakRssMb: number;
  /** Every repetition, in ms, in the order run. */
  readonly runs: readonly number[];
  /** How the figure was obtained, when that needs saying (extrapolation, what is subtracted). */
  readonly notes: string | null;
}

/** The median; the mean of the middle two for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Process RSS high-water mark in MB (`getrusage` maxrss: the kernel's own peak, nothing missed between samples). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Current RSS in MB. */
export function rssMb(): number {
  return Math.round(process.memoryUsage.rss() / 1048576);
}

/** Collects garbage when the process runs with --expose-gc, so one run's garbage is not billed to the next. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Times `run` once, after a GC, in ms. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  collectGarbage();
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Rounds ms for the report: 0.01 below 10 ms, 0.1 below 1 s, whole above. */
export function roundMs(ms: number): number {
  if (ms < 10) return Math.round(ms * 100) / 100;
  if (ms < 1000) return Math.round(ms * 10) / 10;
  return Math.round(ms);
}

/** Writes a progress line to stderr (stdout carries the table). */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
