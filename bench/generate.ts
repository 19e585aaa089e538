/**
 * The benchmark's data: a synthetic host library and a user's loved tracks,
 * generated deterministically from a seed, so every run (and every backend)
 * sees exactly the same rows.
 *
 * Library: the real classic-rock songs (three quarters of the 2,229 bundled
 * ones; the other quarter is held out so some loves are real songs the user
 * does not own) spread evenly over the ids, and synthetic tracks built by
 * recombining real artist and title words, grouped twelve to an artist like
 * albums, with a numbered suffix so they do not collide ("Boston Cheap Trick
 * 4711 - Night Highway 93017"). One synthetic title in twenty has no number,
 * so some titles repeat across artists ("Love Night"), as "Intro" does in a
 * real library. One synthetic artist in ten is "The ...", one in twenty is
 * tagged the sort-name way ("Kinks, The").
 *
 * Loves: {@link PRESENT_FRACTION} of them (2 %) are library tracks written the
 * way Last.fm writes them differently from the tags (see {@link VARIANTS}):
 * case, "The" moved, remaster and version suffixes, feat. credits,
 * diacritics. The rest are absent, like for real users (one measured user:
 * 31 of 9,852 in the library): the held-out real songs, new songs by artists
 * the library has (40 % of the rest) and songs by artists it does not have.
 * A third of the absent loves carry a variant too, so normalization is
 * exercised on them as well.
 *
 * @module
 */
import { classicRockSongs, seededRandom } from '../src/testing/sample-data.js';
import type { LovedTrack } from '../src/types.js';

/** Share of the loves that are in the library (documented in docs/performance.md). */
export const PRESENT_FRACTION = 0.02;
/** Share of the absent synthetic loves by an artist the library has. */
const KNOWN_ARTIST_FRACTION = 0.4;
/** Tracks per synthetic artist. */
const TRACKS_PER_ARTIST = 12;
/** Share of the real songs kept out of the library. */
const HELD_OUT_FRACTION = 0.25;

/** One row of the example host's `library` table. */
export interface LibraryRow {
  readonly id: number;
  readonly filepath: string;
  readonly artist: string;
  readonly album: string | null;
  readonly albumArtist: string | null;
  readonly title: string;
  /** Seconds, as the example host stores it. */
  readonly duration: number;
}

/** How a love is written differently from the library's tags. */
export type Variant = 'exact' | 'case' | 'the' | 'remaster' | 'feat' | 'diacritics' | 'version';

/** The variants, in the order present loves cycle through them. */
export const VARIANTS: readonly Variant[] = ['exact', 'case', 'the', 'remaster', 'feat', 'diacritics', 'version'];

/** A love that is absent from the library, with the tags its track would have. */
export interface AbsentLove {
  readonly love: LovedTrack;
  /** The track as a scanner would add it, when the user gets the file. */
  readonly track: { readonly artist: string; readonly title: string };
}

/** The generated data of one benchmark size. */
export interface Dataset {
  readonly seed: number;
  readonly libraryTracks: number;
  /** Loves, newest first (Last.fm's order). */
  readonly loves: readonly LovedTrack[];
  /** How many of {@link loves} are in the library. */
  readonly presentLoves: number;
  /** Whether this love (as generated) is one of the {@link presentLoves}. */
  isPresent(love: { readonly artist: string; readonly title: string }): boolean;
  /** The absent loves with their would-be library tags, in a shuffled order. */
  readonly absent: readonly AbsentLove[];
  /** The library row with this id (1 ... libraryTracks); pure, random access. */
  row(id: number): LibraryRow;
  /** Library rows in id order, `size` per batch, generated on the fly. */
  batches(size: number): Generator<LibraryRow[]>;
  /** A synthetic track that matches no love, for scanner hooks; `n` from 0. */
  newTrack(id: number, n: number): LibraryRow;
  /** The library row a scanner would add for an absent love. */
  trackFor(id: number, absent: AbsentLove): LibraryRow;
}

/** Word pools from the real list: the synthetic names are recombined real words. */
interface Pools {
  readonly artistWords: readonly string[];
  readonly titleWords: readonly string[];
  readonly inLibrary: readonly { artist: string; title: string }[];
  readonly heldOut: readonly { artist: string; title: string }[];
  readonly featArtists: readonly string[];
}

function pools(seed: number): Pools {
  const songs = classicRockSongs();
  const random = seededRandom(seed);
  const order = songs.map((_, index) => index);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const heldCount = Math.round(songs.length * HELD_OUT_FRACTION);
  const pick = (indexes: number[]) => indexes.map((index) => ({ artist: songs[index]!.artist, title: songs[index]!.title }));
  const words = (texts: string[]) => [...new Set(texts.flatMap((text) => text.split(/\s+/)).filter((word) => /^[A-Za-z][A-Za-z']{2,}$/.test(word)))].sort();
  return {
    // Words that would read as a credit ("feat.", "and", "with") would turn a synthetic name into two artists.
    artistWords: words(songs.map((song) => song.artist)).filter((word) => !/^(?:the|and|feat|featuring|ft|with|vs|x)$/i.test(word)),
    titleWords: words(songs.map((song) => song.title)),
    heldOut: pick(order.slice(0, heldCount)),
    inLibrary: pick(order.slice(heldCount)),
    featArtists: [...new Set(songs.map((song) => song.artist))].sort(),
  };
}

/** A per-item seed, so any row can be generated on its own. */
function mix(seed: number, stream: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35) ^ index;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

function pickFrom<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/**
 * Generates the dataset for a library of `libraryTracks` rows and
 * `lovedTracks` loves.
 *
 * @example
 * ```ts
 * const data = createDataset({ libraryTracks: 100_000, lovedTracks: 10_000 });
 * for (const batch of data.batches(10_000)) insert(batch);
 * ```
 */
export function createDataset(options: { libraryTracks: number; lovedTracks: number; seed?: number }): Dataset {
  const seed = options.seed ?? 20240611;
  const n = options.libraryTracks;
  const p = pools(seed);
  const realCount = Math.min(p.inLibrary.length, Math.floor(n / 3));
  const stride = realCount === 0 ? Number.POSITIVE_INFINITY : Math.floor(n / realCount);
  const artistGroups = Math.ceil(n / TRACKS_PER_ARTIST);

  /** Index into p.inLibrary when id holds a real song. */
  const realAt = (id: number): number | undefined => {
    const i = id - 1;
    if (i % stride !== 0) return undefined;
    const k = i / stride;
    return k < realCount ? k : undefined;
  };

  const artistName = (group: number): { artist: string; tagged: string } => {
    const random = seededRandom(mix(seed, 1, group));
    const base = `${pickFrom(random, p.artistWords)} ${pickFrom(random, p.artistWords)} ${group + 1}`;
    const style = random();
    if (style < 0.05) return { artist: `The ${base}`, tagged: `${base}, The` };
    if (style < 0.15) return { artist: `The ${base}`, tagged: `The ${base}` };
    return { artist: base, tagged: base };
  };

  const titleWords = (random: () => number): string => {
    const count = 1 + Math.floor(random() * 3);
    const out: string[] = [];
    for (let i = 0; i < count; i += 1) out.push(pickFrom(random, p.titleWords));
    return out.join(' ');
  };

  const row = (id: number): LibraryRow => {
    const random = seededRandom(mix(seed, 2, id));
    const duration = 120 + Math.floor(random() * 300);
    const real = realAt(id);
    if (real !== undefined) {
      const song = p.inLibrary[real]!;
      return { id, filepath: `/music/${song.artist}/${song.title}.flac`, artist: song.artist, album: 'Greatest Hits', albumArtist: song.artist, title: song.title, duration };
    }
    const group = Math.floor((id - 1) / TRACKS_PER_ARTIST);
    const { tagged } = artistName(group);
    const album = `${titleWords(seededRandom(mix(seed, 3, group)))} ${group + 1}`;
    const words = titleWords(random);
    const title = random() < 0.05 ? words : `${words} ${id}`;
    return { id, filepath: `/music/${tagged}/${album}/${title}.flac`, artist: tagged, album, albumArtist: tagged, title, duration };
  };

  // Loves. Every id and number below is outside the library's, so absent loves stay absent.
  const random = seededRandom(mix(seed, 4, n));
  const loves: LovedTrack[] = [];
  const absent: AbsentLove[] = [];
  const seen = new Set<string>();
  const add = (love: { artist: string; title: string }): boolean => {
    const key = `${love.artist.toLowerCase()}\u0000${love.title.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    loves.push({ artist: love.artist, title: love.title, lovedAt: null });
    return true;
  };

  const presentTarget = Math.round(options.lovedTracks * PRESENT_FRACTION);
  let presentLoves = 0;
  const present = new Set<string>();
  const usedIds = new Set<number>();
  for (let attempt = 0; presentLoves < presentTarget && attempt < presentTarget * 20; attempt += 1) {
    // Half of them real songs, half synthetic tracks.
    const id = attempt % 2 === 0 && realCount > 0 ? Math.floor(random() * realCount) * stride + 1 : 1 + Math.floor(random() * n);
    if (usedIds.has(id)) continue;
    usedIds.add(id);
    const track = row(id);
    const plain = realAt(id) === undefined ? artistName(Math.floor((id - 1) / TRACKS_PER_ARTIST)).artist : track.artist;
    const love = variant(VARIANTS[presentLoves % VARIANTS.length]!, { artist: plain, title: track.title }, random, p.featArtists);
    if (add(love)) {
      presentLoves += 1;
      present.add(`${love.artist}\u0000${love.title}`);
    }
  }

  const absentTarget = options.lovedTracks - presentLoves;
  const addAbsent = (track: { artist: string; title: string }) => {
    const love = random() < 1 / 3 ? variant(pickFrom(random, VARIANTS), track, random, p.featArtists) : track;
    if (add(love)) absent.push({ love: loves[loves.length - 1]!, track });
  };
  for (const song of p.heldOut) {
    if (absent.length >= Math.min(absentTarget, Math.floor(absentTarget / 3))) break;
    addAbsent(song);
  }
  for (let k = 0; absent.length < absentTarget; k += 1) {
    const number = n + 1 + k;
    if (random() < KNOWN_ARTIST_FRACTION) addAbsent({ artist: artistName(Math.floor(random() * artistGroups)).artist, title: `${titleWords(random)} ${number}` });
    else {
      const artist = `${pickFrom(random, p.artistWords)} ${pickFrom(random, p.artistWords)} ${artistGroups + 1 + k}`;
      addAbsent({ artist, title: `${titleWords(random)} ${number}` });
    }
  }

  // Shuffle, then date them newest first, one hour apart.
  for (let i = loves.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [loves[i], loves[j]] = [loves[j]!, loves[i]!];
  }
  const newestAt = 1_700_000_000;
  const dated = loves.map((love, index) => ({ ...love, lovedAt: newestAt - index * 3600 }));
  const datedByKey = new Map(dated.map((love) => [`${love.artist}\u0000${love.title}`, love]));
  const absentDated = absent.map((entry) => ({ love: datedByKey.get(`${entry.love.artist}\u0000${entry.love.title}`)!, track: entry.track }));
  for (let i = absentDated.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [absentDated[i], absentDated[j]] = [absentDated[j]!, absentDated[i]!];
  }

  return {
    seed,
    libraryTracks: n,
    loves: dated,
    presentLoves,
    isPresent: (love) => present.has(`${love.artist}\u0000${love.title}`),
    absent: absentDated,
    row,
    *batches(size: number) {
      for (let start = 1; start <= n; start += size) {
        const batch: LibraryRow[] = [];
        for (let id = start; id < Math.min(n + 1, start + size); id += 1) batch.push(row(id));
        yield batch;
      }
    },
    newTrack(id: number, k: number): LibraryRow {
      const r = seededRandom(mix(seed, 5, k));
      // Half by an artist the library has, half by a new one; a title no love has.
      const artist = r() < 0.5 ? artistName(Math.floor(r() * artistGroups)).tagged : `${pickFrom(r, p.artistWords)} ${pickFrom(r, p.artistWords)} ${10 * artistGroups + k}`;
      const title = `${titleWords(r)} ${10 * n + 10 * options.lovedTracks + k}`;
      return { id, filepath: `/music/new/${id}.flac`, artist, album: 'New Arrivals', albumArtist: artist, title, duration: 200 };
    },
    trackFor(id: number, entry: AbsentLove): LibraryRow {
      const { artist, title } = entry.track;
      return { id, filepath: `/music/new/${id}.flac`, artist, album: 'New Arrivals', albumArtist: artist, title, duration: 200 };
    },
  };
}

const ACCENTS: Readonly<Record<string, string>> = { o: 'ö', e: 'é', a: 'á', u: 'ü', i: 'í' };

/** The love as Last.fm writes it, given the track's tags. */
function variant(kind: Variant, track: { artist: string; title: string }, random: () => number, featArtists: readonly string[]): { artist: string; title: string } {
  const { artist, title } = track;
  switch (kind) {
    case 'exact':
      return track;
    case 'case':
      // Last.fm keeps the first scrobble's spelling: "Hold On Loosely" vs "Hold on loosely".
      return random() < 0.5 ? { artist, title: title.toLowerCase() } : { artist: artist.toUpperCase(), title };
    case 'the': {
      // Sort-name tags vs Last.fm: "Kinks, The" / "The Kinks" / "Kinks".
      if (/^the\s/i.test(artist)) return { artist: `${artist.slice(4)}, The`, title };
      if (/, the$/i.test(artist)) return { artist: `The ${artist.slice(0, -5)}`, title };
      return { artist: `The ${artist}`, title };
    }
    case 'remaster':
      return { artist, title: `${title} - Remastered ${2009 + Math.floor(random() * 10)}` };
    case 'feat':
      // Last.fm writes the guest in the artist when the scrobbler sent it that way.
      return { artist: `${artist} feat. ${pickFrom(random, featArtists)}`, title };
    case 'diacritics': {
      const accented = artist.replace(/[oeaui]/, (vowel) => ACCENTS[vowel] ?? vowel);
      return accented === artist ? { artist, title: title.replace(/[oeaui]/, (vowel) => ACCENTS[vowel] ?? vowel) } : { artist: accented, title };
    }
    case 'version':
      return { artist, title: `${title} (${pickFrom(random, ['Single Version', 'Album Version', 'Radio Edit', 'Mono', '2011 Remaster'])})` };
  }
}
