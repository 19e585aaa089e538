import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';

/**
 * The shared seed plan every player fixture writes into its own tables: real
 * songs from data/classic-rock-song-list.csv (CC BY 4.0), tagged the way real
 * files are (remaster suffixes, "feat." credits, case, diacritics, "The" moved),
 * two host users with play counts, ratings and manual favorites, and the
 * Last.fm loves of the first user (some present in the library, some not).
 *
 * Everything is derived from a fixed seed, so two runs produce the same rows.
 * The CSV has no albums and no durations: albums are grouped per artist and
 * release year ("<Artist> – <Year>", or "<Artist> – Singles" without a year),
 * durations are drawn from 2:30–7:00. Artists, titles and years are the CSV's.
 */

/** How the host's tags differ from the way Last.fm spells a love. */
export type TagVariant = 'remaster' | 'feat-artist' | 'feat-title' | 'case' | 'diacritics' | 'the-moved';

/** One song of the host's library, as the player's scanner would have tagged it. */
export interface PlanSong {
  /** Stable position in the plan (0-based); player ids are derived from it. */
  readonly index: number;
  /** The song as Last.fm (and the CSV) spells it. */
  readonly canonical: { readonly artist: string; readonly title: string };
  /** Track artist as tagged in the file. */
  readonly artist: string;
  /** Track title as tagged in the file. */
  readonly title: string;
  /** The artist credited with `feat.`, when the variant adds one. */
  readonly featuring: string | null;
  readonly albumIndex: number;
  readonly album: string;
  readonly albumArtist: string;
  readonly year: number | null;
  readonly trackNumber: number;
  readonly durationMs: number;
  readonly variant: TagVariant | null;
  /** Index into {@link Plan.loves} when this song is loved, else `null`. */
  readonly loveIndex: number | null;
  /** The file is gone; players that soft-delete keep the row with a flag. */
  readonly missing: boolean;
  /** A private upload of the second user (players with per-user visibility). */
  readonly privateToSecondUser: boolean;
  /** How often radio played it (CSV "PlayCount"); used to weigh play counts. */
  readonly popularity: number;
}

export interface PlanAlbum {
  readonly index: number;
  readonly title: string;
  readonly artist: string;
  readonly year: number | null;
}

/** A Last.fm love of the first host user. */
export interface PlanLove {
  readonly artist: string;
  readonly title: string;
  /** Unix seconds. */
  readonly lovedAt: number;
  /** The library song this love is for, or `null` when the song is not in the library. */
  readonly songIndex: number | null;
}

/** What one host user did with one song, in the player's own tables. */
export interface PlanUserData {
  /** 0 = the first host user (the Last.fm account owner), 1 = the second. */
  readonly user: 0 | 1;
  readonly songIndex: number;
  readonly playCount: number;
  /** Unix seconds of the last play, when `playCount > 0`. */
  readonly lastPlayedAt: number | null;
  /** 1–5, or `null`. */
  readonly rating: number | null;
  /** Unix seconds when the user favorited it by hand, or `null`. */
  readonly favoritedAt: number | null;
}

export interface PlanUser {
  readonly name: string;
  readonly email: string;
  /** Unix seconds. */
  readonly createdAt: number;
}

export interface Plan {
  readonly users: readonly [PlanUser, PlanUser];
  readonly songs: readonly PlanSong[];
  readonly albums: readonly PlanAlbum[];
  readonly loves: readonly PlanLove[];
  readonly userData: readonly PlanUserData[];
}

const CSV_URL = new URL('../../../data/classic-rock-song-list.csv', import.meta.url);

/** Library size: every CSV song except those held out as absent loves. */
export const ABSENT_LOVES = 309;
export const PRESENT_LOVES = 250;
/** Present loves whose tags differ from the Last.fm spelling. */
export const PRESENT_LOVES_WITH_VARIANTS = 180;
/** Library songs that are not loved but are tagged with a variant too. */
export const OTHER_SONGS_WITH_VARIANTS = 150;
export const MISSING_SONGS = 20;
export const MANUAL_FAVORITES: readonly [number, number] = [60, 40];
/** How many manual favorites of each user are also loved on Last.fm. */
export const MANUAL_FAVORITES_LOVED: readonly [number, number] = [25, 10];

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

interface CsvSong {
  readonly artist: string;
  readonly title: string;
  readonly year: number | null;
  readonly popularity: number;
}

/** Every song of the CSV, in file order. */
export function readCsvSongs(): CsvSong[] {
  const [header, ...rows] = parseCsv(readFileSync(CSV_URL, 'utf8'));
  const col = (name: string) => header!.indexOf(name);
  const [title, artist, year, plays] = [col('Song Clean'), col('ARTIST CLEAN'), col('Release Year'), col('PlayCount')];
  return rows
    .filter((r) => r.length > 1 && r[title] !== '')
    .map((r) => ({
      artist: r[artist]!.trim(),
      title: r[title]!.trim(),
      // Two CSV quirks ('SONGFACTS.COM', 1071) are treated as untagged years.
      year: /^\d{4}$/.test(r[year]!) && Number(r[year]) >= 1901 ? Number(r[year]) : null,
      popularity: Number(r[plays] || 0),
    }));
}

const DIACRITICS: readonly (readonly [string, string])[] = [
  ['o', 'ö'],
  ['O', 'Ö'],
  ['e', 'é'],
  ['a', 'á'],
  ['u', 'ü'],
  ['i', 'í'],
];

/** "Motorhead" → "Motörhead", "Blue Oyster Cult" → "Blue Öyster Cult": the first o, else e, a, u, i. */
function addDiacritic(s: string): string {
  for (const [plain, accented] of DIACRITICS) {
    const i = s.indexOf(plain);
    if (i >= 0) return s.slice(0, i) + accented + s.slice(i + 1);
  }
  return s;
}

const REMASTERS = [' (Remastered 2011)', ' - 2009 Remaster', ' (2015 Remaster)', ' - Remastered'];

let cached: Plan | undefined;

/** The plan (built once per process; it is immutable). */
export function seedPlan(): Plan {
  cached ??= buildPlan();
  return cached;
}

function buildPlan(): Plan {
  const random = rng(20261201);
  const all = shuffle(readCsvSongs(), random);
  const absent = all.slice(0, ABSENT_LOVES);
  const library = all.slice(ABSENT_LOVES).sort((a, b) => a.artist.localeCompare(b.artist) || (a.year ?? 0) - (b.year ?? 0) || a.title.localeCompare(b.title));

  // Albums: one per (artist, year), tracks numbered in title order.
  const albums: PlanAlbum[] = [];
  const albumOf = new Map<string, PlanAlbum>();
  const trackNumbers = new Map<number, number>();
  const albumIndexes: number[] = [];
  const trackNumberOf: number[] = [];
  for (const song of library) {
    const key = `${song.artist}\u0000${song.year ?? ''}`;
    let album = albumOf.get(key);
    if (album === undefined) {
      album = { index: albums.length, title: `${song.artist} – ${song.year ?? 'Singles'}`, artist: song.artist, year: song.year };
      albums.push(album);
      albumOf.set(key, album);
    }
    const n = (trackNumbers.get(album.index) ?? 0) + 1;
    trackNumbers.set(album.index, n);
    albumIndexes.push(album.index);
    trackNumberOf.push(n);
  }

  const indexes = shuffle(library.map((_, i) => i), random);
  const loved = indexes.slice(0, PRESENT_LOVES);
  const lovedWithVariant = new Set(loved.slice(0, PRESENT_LOVES_WITH_VARIANTS));
  const others = indexes.slice(PRESENT_LOVES);
  const otherWithVariant = new Set(others.slice(0, OTHER_SONGS_WITH_VARIANTS));
  const artists = [...new Set(library.map((s) => s.artist))];
  const kinds: TagVariant[] = ['remaster', 'feat-artist', 'feat-title', 'case', 'diacritics'];

  // Loves: present and absent ones interleaved, newest first as Last.fm sends them.
  const loveSources: { artist: string; title: string; songIndex: number | null }[] = shuffle(
    [...loved.map((i) => ({ artist: library[i]!.artist, title: library[i]!.title, songIndex: i as number | null })), ...absent.map((s) => ({ artist: s.artist, title: s.title, songIndex: null }))],
    random,
  );
  let at = 1_262_304_000; // 2010-01-01
  const lovedAts = loveSources.map(() => (at += 3_600 + Math.floor(random() * 6 * 86_400)));
  const loves: PlanLove[] = loveSources.map((s, i) => ({ ...s, lovedAt: lovedAts[i]! })).reverse();
  const loveIndexOf = new Map<number, number>();
  loves.forEach((love, i) => {
    if (love.songIndex !== null) loveIndexOf.set(love.songIndex, i);
  });

  const missing = new Set([...loved.slice(PRESENT_LOVES - 5), ...others.slice(OTHER_SONGS_WITH_VARIANTS, OTHER_SONGS_WITH_VARIANTS + MISSING_SONGS - 5)]);
  const privateToSecond = new Set([...loved.slice(PRESENT_LOVES - 8, PRESENT_LOVES - 5), ...others.slice(OTHER_SONGS_WITH_VARIANTS + MISSING_SONGS, OTHER_SONGS_WITH_VARIANTS + MISSING_SONGS + 2)]);

  let variantCounter = 0;
  let theCounter = 0;
  const songs: PlanSong[] = library.map((song, i) => {
    let variant: TagVariant | null = null;
    let artist = song.artist;
    let title = song.title;
    let featuring: string | null = null;
    if (lovedWithVariant.has(i) || otherWithVariant.has(i)) {
      // Every other "The …" artist gets "…, The"; the rest cycle through the other kinds.
      variant = song.artist.startsWith('The ') && theCounter++ % 2 === 0 ? 'the-moved' : kinds[variantCounter++ % kinds.length]!;
      const other = artists[(i * 7 + 3) % artists.length]!;
      switch (variant) {
        case 'remaster':
          title += REMASTERS[i % REMASTERS.length]!;
          break;
        case 'feat-artist':
          featuring = other === artist ? artists[(i + 1) % artists.length]! : other;
          artist = `${artist} feat. ${featuring}`;
          break;
        case 'feat-title':
          featuring = other === artist ? artists[(i + 1) % artists.length]! : other;
          title = `${title} (feat. ${featuring})`;
          break;
        case 'case':
          title = i % 2 === 0 ? title.toUpperCase() : title.toLowerCase();
          break;
        case 'diacritics':
          if (/[aeiouO]/.test(artist)) artist = addDiacritic(artist);
          else title = addDiacritic(title);
          break;
        case 'the-moved':
          artist = `${artist.slice(4)}, The`;
          break;
      }
      // A variant must differ from the Last.fm spelling ("AC/DC" has no vowel to accent).
      if (artist === song.artist && title === song.title) {
        variant = 'remaster';
        title += REMASTERS[i % REMASTERS.length]!;
      }
    }
    const album = albums[albumIndexes[i]!]!;
    return {
      index: i,
      canonical: { artist: song.artist, title: song.title },
      artist,
      title,
      featuring,
      albumIndex: album.index,
      album: album.title,
      albumArtist: album.artist,
      year: song.year,
      trackNumber: trackNumberOf[i]!,
      durationMs: 150_000 + Math.floor(random() * 270_000),
      variant,
      loveIndex: loveIndexOf.get(i) ?? null,
      missing: missing.has(i),
      privateToSecondUser: privateToSecond.has(i),
      popularity: song.popularity,
    };
  });

  // Host users' own data: plays, ratings and manual favorites on both users,
  // some on loved songs (so the cache meets rows it must leave alone).
  const userData: PlanUserData[] = [];
  const lovedSet = new Set(loved);
  for (const user of [0, 1] as const) {
    const r = rng(7_000 + user);
    const favorites = new Set<number>();
    const lovedPool = shuffle(loved.filter((i) => !privateToSecond.has(i) || user === 1), r);
    const otherPool = shuffle(others.filter((i) => !privateToSecond.has(i) || user === 1), r);
    for (const i of lovedPool.slice(0, MANUAL_FAVORITES_LOVED[user])) favorites.add(i);
    for (const i of otherPool.slice(0, MANUAL_FAVORITES[user] - MANUAL_FAVORITES_LOVED[user])) favorites.add(i);
    // One manual favorite of the first user is a missing file.
    if (user === 0) favorites.add([...missing].find((i) => !lovedSet.has(i))!);
    for (const song of songs) {
      if (song.privateToSecondUser && user === 0) continue;
      const plays = r() < (user === 0 ? 0.35 : 0.2) ? 1 + Math.floor(r() * Math.min(200, 5 + song.popularity)) : 0;
      const rating = r() < (user === 0 ? 0.12 : 0.08) ? 1 + Math.floor(r() * 5) : null;
      const favoritedAt = favorites.has(song.index) ? 1_420_070_400 + Math.floor(r() * 300_000_000) : null;
      if (plays === 0 && rating === null && favoritedAt === null) continue;
      userData.push({
        user,
        songIndex: song.index,
        playCount: plays,
        lastPlayedAt: plays > 0 ? 1_500_000_000 + Math.floor(r() * 250_000_000) : null,
        rating,
        favoritedAt,
      });
    }
  }

  return {
    users: [
      { name: 'alice', email: 'alice@example.org', createdAt: 1_400_000_000 },
      { name: 'bob', email: 'bob@example.org', createdAt: 1_400_086_400 },
    ],
    songs,
    albums,
    loves,
    userData,
  };
}

/** Deterministic UUID (v4 layout) from a name, so fixture ids are stable. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Unix seconds to SQLite's `YYYY-MM-DD HH:MM:SS` (UTC), as `CURRENT_TIMESTAMP` writes. */
export function sqliteDateTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Inserts rows in chunks (SQLite and MySQL limit the bound values of one statement). */
export async function insertChunked(
  insert: (rows: Record<string, unknown>[]) => Promise<unknown>,
  rows: readonly Record<string, unknown>[],
  chunk = 200,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await insert(rows.slice(i, i + chunk));
}

/** A host user of a seeded player: `id` is the value in the player's user column. */
export interface SeededUser {
  readonly id: string | number;
  readonly name: string;
}

/** A track of the seeded player, as the player's own tables describe it. */
export interface SeededTrack {
  /** The player's id, as a string. */
  readonly id: string;
  readonly artist: string;
  readonly title: string;
  readonly album?: string;
  readonly durationMs?: number;
  /** The player flags the file as missing (soft delete). */
  readonly missing?: boolean;
  /** Only this user may see it (a private upload); absent = everyone. */
  readonly visibleOnlyTo?: string | number;
}

/** What a `seed<Player>()` wrote, for tests to compare with. */
export interface HostSeed {
  readonly player: string;
  /**
   * `users[0]` owns the Last.fm loves; `users[1]` is a second account.
   * Empty for single-user players (mt): the adapter has no user column.
   */
  readonly users: readonly SeededUser[];
  /** Music tracks only (no podcast episodes, videos or other item types). */
  readonly tracks: readonly SeededTrack[];
  /**
   * Last.fm loves of `users[0]`, newest first. `trackId` is the library
   * track the love is for (its tags may differ), or `null` when absent.
   */
  readonly loves: readonly { readonly artist: string; readonly title: string; readonly lovedAt: number; readonly trackId: string | null }[];
  /** Favorites the users made in the player themselves (never to be touched). */
  readonly manualFavorites: readonly { readonly user: string | number | null; readonly trackId: string }[];
  /**
   * The player's own rows that must never change: play counts, ratings,
   * manual favorites, other item types. Compare before and after with
   * `expect(await seed.snapshot(db)).toEqual(before)`.
   */
  snapshot(db: Kysely<any>): Promise<Record<string, unknown>>;
  /** The track ids the player itself shows as favorites of `user` (omit it for single-user players), sorted. */
  favoritesShown(db: Kysely<any>, user?: string | number): Promise<string[]>;
}

/** The loves of a plan, with the player's ids for the present ones. */
export function lovesWithIds(plan: Plan, trackId: (song: PlanSong) => string): HostSeed['loves'] {
  return plan.loves.map((love) => ({
    artist: love.artist,
    title: love.title,
    lovedAt: love.lovedAt,
    trackId: love.songIndex === null ? null : trackId(plan.songs[love.songIndex]!),
  }));
}
