/**
 * Custom matching: host rules, an alias map, a stricter threshold, a
 * disabled rule, the tie policy, and a whole custom Matcher.
 *
 *   npx tsx examples/custom-matching.ts
 *
 * Prints each verdict with its reasons and exits with status 1 when an
 * outcome is not the expected one, so CI running it means something.
 */
import { createMatcher } from '../src/matcher/index.js';
import type { HostRule, LovedTrackInput, Matcher } from '../src/matcher/index.js';
import type { LibraryTrack } from '../src/types.js';

// A host whose ripper left "01 - " track numbers in titles. Runs before the
// featured-credits rule, on the folded title ("01 - heroes").
const stripTrackNumbers: HostRule = {
  name: 'strip-track-numbers',
  description: 'Drops "01 - " prefixes left by an old ripper',
  version: 1,
  before: 'featured-credits',
  apply: (value) => value.replace(/^\d{1,3}\s*-\s*/, ''),
};

// A German-language library: "Die Toten Hosen" and "Toten Hosen, Die".
// Same name as the built-in rule, so it replaces it in place.
const leadingArticles: HostRule = {
  name: 'leading-the',
  description: 'Leading The/Die/Der/Das and trailing ", The"/", Die" removed',
  version: 'de-1',
  apply: (value) => value.replace(/^(?:the|die|der|das)\s+(?=\S)/, '').replace(/\s*,\s*(?:the|die|der|das)$/, ''),
};

const matcher = createMatcher({
  threshold: 0.9,
  rules: { title: [stripTrackNumbers], artist: [leadingArticles] },
  aliases: { 'Prince and the Revolution': 'Prince', BTO: 'Bachman-Turner Overdrive' },
});

interface Case {
  readonly loved: LovedTrackInput;
  readonly track: LibraryTrack;
  readonly expected: boolean;
  readonly why: string;
}

const cases: Case[] = [
  { loved: { artist: 'David Bowie', title: 'Heroes' }, track: { id: 1, artist: 'David Bowie', title: '07 - Heroes (2017 Remaster)' }, expected: true, why: 'host rule strips the track number' },
  { loved: { artist: 'Die Toten Hosen', title: 'Tage wie diese' }, track: { id: 2, artist: 'Toten Hosen, Die', title: 'Tage wie diese' }, expected: true, why: 'host rule replaces leading-the' },
  { loved: { artist: 'Prince and the Revolution', title: 'Purple Rain' }, track: { id: 3, artist: 'Prince', title: 'Purple Rain' }, expected: true, why: 'alias map' },
  { loved: { artist: 'BTO', title: "Takin' Care of Business" }, track: { id: 4, artist: 'Bachman–Turner Overdrive', title: 'Takin’ Care of Business' }, expected: true, why: 'alias map, keys normalized' },
  { loved: { artist: 'Queen', title: 'Bohemian Rhapsody' }, track: { id: 5, artist: 'Queen', title: 'Bohemian Rapsody' }, expected: true, why: 'one typo scores 0.92, above 0.9' },
  { loved: { artist: 'Queen', title: 'Under Pressure' }, track: { id: 6, artist: 'Queen & David Bowie', title: 'Under Presure' }, expected: false, why: 'credited artist and a typo: below the stricter threshold' },
  { loved: { artist: 'Green Day', title: 'Holiday (Live)' }, track: { id: 7, artist: 'Green Day', title: 'Holiday' }, expected: false, why: 'live is another recording' },
  { loved: { artist: 'Johnny Cash', title: 'Hurt' }, track: { id: 8, artist: 'Nine Inch Nails', title: 'Hurt' }, expected: false, why: 'same title, another artist' },
];

let failures = 0;
const check = (label: string, ok: boolean, detail: string): void => {
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}\n     ${detail}`);
};

console.log(`matcher ${matcher.fingerprint}\n`);
for (const { loved, track, expected, why } of cases) {
  const result = matcher.compare(loved, track);
  check(
    `${loved.artist} - ${loved.title}  vs  ${track.artist} - ${track.title}: ${result.accepted ? 'match' : 'no match'} (${why})`,
    result.accepted === expected,
    `score ${result.score}: ${result.reasons.join('; ')}`,
  );
}

// Disabling a rule by name: without `different-recording`, "(Live)" is just words of the title.
const lenient = createMatcher({ disableRules: ['different-recording'] });
const live = lenient.compare({ artist: 'Green Day', title: 'Holiday (Live)' }, { id: 7, artist: 'Green Day', title: 'Holiday (Live)' });
check('disableRules: ["different-recording"] still matches identical titles', live.accepted, `score ${live.score}`);
check('the fingerprint changes with the rules', lenient.fingerprint !== createMatcher().fingerprint, `${lenient.fingerprint} vs ${createMatcher().fingerprint}`);

// Ties: the same song on the studio album and on a compilation.
const copies: LibraryTrack[] = [
  { id: 20, artist: 'Queen', title: 'Killer Queen', album: 'Greatest Hits', albumArtist: 'Queen' },
  { id: 21, artist: 'Queen', title: 'Killer Queen', album: 'Sheer Heart Attack', albumArtist: 'Queen' },
];
const one = createMatcher().best({ artist: 'Queen', title: 'Killer Queen' }, copies);
check('ties: prefer-original picks the studio album', one.length === 1 && one[0]?.track.id === 21, one.map((c) => `${c.track.id}: ${c.reasons.at(-1)}`).join('; '));
const all = createMatcher({ ties: 'all' }).best({ artist: 'Queen', title: 'Killer Queen' }, copies);
check('ties: all returns both, original first', all.map((c) => c.track.id).join(',') === '21,20', all.map((c) => c.track.id).join(', '));

// A completely different Matcher: anything implementing the interface plugs into LovedTrackCache.
const exactText: Matcher = {
  fingerprint: 'title-exact-v1',
  lovedKeys: (loved) => ({ artist: loved.artist.toLowerCase(), title: loved.title.toLowerCase() }),
  trackKeys: (track) => ({ artists: [track.artist.toLowerCase()], title: track.title.toLowerCase() }),
  compare(loved, track) {
    const accepted = loved.artist.toLowerCase() === track.artist.toLowerCase() && loved.title.toLowerCase() === track.title.toLowerCase();
    return { accepted, score: accepted ? 1 : 0, reasons: [accepted ? 'same artist and title, ignoring case' : 'not the same text'] };
  },
  best(loved, candidates) {
    return candidates.map((track) => ({ ...this.compare(loved, track), track })).filter((candidate) => candidate.accepted).slice(0, 1);
  },
};
const custom = exactText.compare({ artist: 'The Beatles', title: 'Help!' }, { id: 30, artist: 'Beatles, The', title: 'Help!' });
check('a custom Matcher applies its own (stricter) rules', !custom.accepted, custom.reasons.join('; '));

console.log(failures === 0 ? '\nall outcomes as expected' : `\n${failures} outcome(s) not as expected`);
process.exitCode = failures === 0 ? 0 : 1;
