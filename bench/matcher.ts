/**
 * Times the default matcher's normalization on about a million generated
 * library tracks: `trackKeys()` (artist, credits, album artist and title
 * keys) per track, plus `lovedKeys()` and `compare()` for scale.
 *
 * Names are built from the FiveThirtyEight classic-rock song list
 * (/work/shared/data/classic-rock-song-list.csv, CC BY 4.0), dressed the way
 * real libraries and services dress them: "The ", ", The", "feat." credits,
 * remaster and live suffixes, accents, curly apostrophes, Unicode hyphens.
 *
 * Run: npx tsx bench/matcher.ts [--tracks 1000000] [--csv path]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createMatcher } from '../src/matcher/index.js';
import type { LibraryTrack } from '../src/types.js';

const { values } = parseArgs({
  options: {
    tracks: { type: 'string', default: '1000000' },
    csv: { type: 'string', default: '/work/shared/data/classic-rock-song-list.csv' },
  },
});
const total = Number(values.tracks);

/** RFC 4180 rows (quoted fields, doubled quotes, LF or CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (char !== '\r') field += char;
  }
  if (field.length > 0 || row.length > 0) rows.push([...row, field]);
  return rows;
}

const songs = parseCsv(readFileSync(values.csv, 'utf8'))
  .slice(1)
  .map(([title = '', artist = '']) => ({ title, artist }))
  .filter((song) => song.title.length > 0 && song.artist.length > 0);

const TITLE_DRESS = [
  (t: string) => t,
  (t: string) => t,
  (t: string) => t,
  (t: string) => `${t} - 2011 Remaster`,
  (t: string) => `${t} (Live)`,
  (t: string) => `${t} [Remastered 2009]`,
  (t: string) => `${t} (feat. Guest Singer)`,
  (t: string) => t.replace(/'/g, '’'),
  (t: string) => `${t} - Single Version`,
  (t: string) => `${t} (Butch Vig Mix)`,
];
const ARTIST_DRESS = [
  (a: string) => a,
  (a: string) => a,
  (a: string) => a,
  (a: string) => (a.startsWith('The ') ? `${a.slice(4)}, The` : `The ${a}`),
  (a: string) => `${a} feat. Guest Singer`,
  (a: string) => a.replace(/-/g, '\u2010'),
  (a: string) => a.replace(/o/g, 'ö'),
  (a: string) => `${a} & Friends`,
];
const ALBUMS = ['Greatest Hits', 'Live at Leeds', 'Rumours', '', 'Now 42'];

const tracks: LibraryTrack[] = [];
for (let index = 0; tracks.length < total; index++) {
  const song = songs[index % songs.length];
  if (song === undefined) break;
  const round = Math.floor(index / songs.length);
  const titleDress = TITLE_DRESS[(index + round) % TITLE_DRESS.length] ?? ((t: string) => t);
  const artistDress = ARTIST_DRESS[(index * 7 + round) % ARTIST_DRESS.length] ?? ((a: string) => a);
  // A round number keeps every name distinct, so no cache in any layer could help.
  tracks.push({
    id: index,
    artist: artistDress(round === 0 ? song.artist : `${song.artist} ${round}`),
    title: titleDress(round === 0 ? song.title : `${song.title} ${round}`),
    album: ALBUMS[index % ALBUMS.length] ?? null,
    albumArtist: index % 5 === 4 ? 'Various Artists' : song.artist,
  });
}

const matcher = createMatcher();

/**
 * Runs `run` three times and prints the best run: wall-clock time, and the
 * CPU time of this process (user + system), which other processes on a busy
 * machine disturb less. ns/op is CPU time / ops.
 */
function time(label: string, count: number, run: () => void): void {
  let bestWall = Number.POSITIVE_INFINITY;
  let bestCpu = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3; attempt++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    run();
    bestWall = Math.min(bestWall, Number(process.hrtime.bigint() - start));
    const used = process.cpuUsage(cpu);
    bestCpu = Math.min(bestCpu, (used.user + used.system) * 1000);
  }
  console.log(
    `${label.padEnd(52)} ${count.toLocaleString('en-US').padStart(10)} ops  wall ${(bestWall / 1e6).toFixed(0).padStart(6)} ms  cpu ${(bestCpu / 1e6).toFixed(0).padStart(6)} ms  ${(bestCpu / count).toFixed(0).padStart(6)} ns/op`,
  );
}

// Warm up the JIT on a slice first, so the figure is the steady state a long scan sees.
let sink = 0;
for (const track of tracks.slice(0, 20_000)) sink += matcher.trackKeys(track).artists.length;

console.log(`default matcher ${matcher.fingerprint}, ${songs.length} songs from the CSV, ${tracks.length.toLocaleString('en-US')} generated tracks`);
// A yardstick for this machine: one native string call per track.
time('reference: title.toLowerCase() (one native call)', tracks.length, () => {
  for (const track of tracks) sink += track.title.toLowerCase().length;
});
time('trackKeys (artist, credits, album artist, title)', tracks.length, () => {
  for (const track of tracks) sink += matcher.trackKeys(track).title.length;
});
const undressed: LibraryTrack[] = tracks.slice(0, 200_000).map((track, index) => {
  const song = songs[index % songs.length] ?? { artist: '', title: '' };
  const round = Math.floor(index / songs.length);
  return { id: index, artist: `${song.artist} ${round}`, title: `${song.title} ${round}`, album: track.album, albumArtist: song.artist };
});
time('trackKeys, CSV names without dressing', undressed.length, () => {
  for (const track of undressed) sink += matcher.trackKeys(track).title.length;
});
const loves = tracks.slice(0, 200_000);
time('lovedKeys (artist + title)', loves.length, () => {
  for (const love of loves) sink += matcher.lovedKeys(love).title.length;
});
const pairs = tracks.slice(0, 100_000);
time('compare (both sides, with reasons)', pairs.length, () => {
  for (let index = 0; index < pairs.length; index++) {
    const love = pairs[index];
    const track = pairs[(index * 31) % pairs.length];
    if (love !== undefined && track !== undefined) sink += matcher.compare(love, track).score;
  }
});
if (sink === 42) console.log('');
