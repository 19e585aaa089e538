import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LovedTrack } from '../types.js';

/** One song of the bundled classic-rock list. */
export interface ClassicRockSong {
  readonly artist: string;
  readonly title: string;
  readonly year: number | null;
}

let cached: readonly ClassicRockSong[] | undefined;

/**
 * The 2,229 real songs bundled in `data/classic-rock-song-list.csv`
 * (FiveThirtyEight, CC BY 4.0; see data/SOURCES.md), in file order.
 *
 * @example
 * ```ts
 * const songs = classicRockSongs();
 * songs[0]; // { artist: '.38 Special', title: 'Caught Up in You', year: 1982 }
 * ```
 */
export function classicRockSongs(): readonly ClassicRockSong[] {
  if (cached !== undefined) return cached;
  const lines = readFileSync(findDataFile('classic-rock-song-list.csv'), 'utf8').split('\n').slice(1);
  const songs: ClassicRockSong[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const [title, artist, year] = parseCsvLine(line);
    if (title === undefined || artist === undefined) continue;
    songs.push({ artist, title, year: year === undefined || year === '' ? null : Number(year) });
  }
  cached = songs;
  return songs;
}

/**
 * A deterministic pseudo-random generator (mulberry32): the same seed gives
 * the same sequence, so sample data and benchmarks repeat exactly.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * random(); // 0.6011...
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` loves built from the classic-rock list (repeating it with a
 * numbered title suffix past 2,229), newest first, loved one minute apart
 * before `newestAt` (unix seconds).
 *
 * @example
 * ```ts
 * const loves = sampleLoves(2500, { newestAt: 1_700_000_000 });
 * ```
 */
export function sampleLoves(count: number, options: { newestAt?: number; seed?: number } = {}): LovedTrack[] {
  const songs = classicRockSongs();
  const random = seededRandom(options.seed ?? 1);
  const order = songs.map((_, index) => index);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const newestAt = options.newestAt ?? 1_700_000_000;
  const loves: LovedTrack[] = [];
  for (let i = 0; i < count; i += 1) {
    const song = songs[order[i % order.length]!]!;
    const round = Math.floor(i / order.length);
    loves.push({ artist: song.artist, title: round === 0 ? song.title : `${song.title} (Take ${round + 1})`, lovedAt: newestAt - i * 60 });
  }
  return loves;
}

function findDataFile(name: string): string {
  // Works from src/testing (tests, tsx) and from dist (the built package).
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = join(dir, 'data', name);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`Bundled data file ${name} not found next to loved-track-cache`);
}

function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char !== '\r') field += char;
  }
  fields.push(field);
  return fields;
}
