import type { BuiltInRule } from './rule.js';
import { removeSuffixes } from './suffixes.js';
import { tokens } from './text.js';

/**
 * Words that, alone or together, name the same recording in another
 * package. At least one of them must appear in a suffix for it to be dropped.
 */
const CORE_WORDS = new Set([
  'remaster', 'remastered', 'remasterd', 'remastering', 'remasterizado', 'remasterizada', 'remasterise', 'remasterisee',
  'remasterizzato', 'remasterizzata', 'remasterisiert',
  'mono', 'stereo', 'explicit', 'clean', 'dirty', 'censored', 'edit', 'edited',
  'single', 'album', 'lp', 'radio', 'bonus', 'original', 'deluxe', 'expanded', 'anniversary',
  'official', 'audio', 'video', 'lyric', 'lyrics', 'visualizer', 'hq', 'hd',
]);
/** Words allowed beside a core word ("2011 Remastered Version", "24-Bit Digital Remaster"). */
const FILLER_WORDS = new Set([
  'version', 'edition', 'mix', 'track', 'digital', 'digitally', 'master', 'mastered', 'bit', 'khz',
  'in', 'the', 'of', 'and', 'a', 'ver', 'vers', 'music', 'promo', 'release', 'reissue',
]);
/** Cheap gate: a suffix with none of these letters in it has no core word. */
const MAY_BE_SAME =
  /remaster|mono|stereo|explicit|clean|dirty|censored|edit|single|album|lp|radio|bonus|original|deluxe|expanded|anniversary|official|audio|video|lyric|visualizer|h[dq]|from/;
const NUMBER_TOKEN = /^\d+(?:st|nd|rd|th|bit|khz|s)?$/;
/** "From 'Frozen'", "from the motion picture ..." name the same recording; "From The Vault" tracks are new songs. */
const FROM_SOURCE = /^(?:taken\s+)?from\s+(?!the\s+vault\b)\S/;

/**
 * True when a bracket group or " - " suffix names the same recording
 * ("2017 Remaster", "Single Version", "Radio Edit", "Mono", "Explicit").
 *
 * @example
 * ```ts
 * isSameRecordingSuffix('2017 remaster'); // true
 * isSameRecordingSuffix('live'); // false
 * ```
 */
export function isSameRecordingSuffix(content: string): boolean {
  if (!MAY_BE_SAME.test(content)) return false;
  if (FROM_SOURCE.test(content)) return true;
  const words = tokens(content);
  if (words.length === 0) return false;
  let core = false;
  for (const word of words) {
    if (CORE_WORDS.has(word)) core = true;
    else if (!FILLER_WORDS.has(word) && !NUMBER_TOKEN.test(word)) return false;
  }
  return core;
}

/**
 * True when `word` can only be part of a same-recording suffix (used to clean marker qualifiers).
 *
 * @example
 * ```ts
 * isSameRecordingWord('remastered'); // true
 * ```
 */
export function isSameRecordingWord(word: string): boolean {
  return CORE_WORDS.has(word) || FILLER_WORDS.has(word);
}

/**
 * `same-recording` (title only): suffixes that name the same recording in
 * another package are removed, in brackets or after " - ".
 *
 * Fixes: Spotify's "Heroes - 2017 Remaster" vs "Heroes"; "Hey Jude
 * (Remastered 2015)"; "Someday (Single Mix)"; "Song [Explicit]"; "Let It Go
 * (From \"Frozen\")"; "(Official Audio)" on files ripped from video sites.
 *
 * @example
 * ```ts
 * sameRecordingRule.apply('heroes - 2017 remaster', context); // 'heroes'; context.removed: ['2017 remaster']
 * ```
 */
export const sameRecordingRule: BuiltInRule = {
  name: 'same-recording',
  description: 'Same-recording suffixes removed: remaster(ed)/year, single/album/radio version, radio edit, mono/stereo, explicit/clean',
  stage: 'clean',
  extracts: true,
  example: ['heroes - 2017 remaster', 'heroes'],
  apply(value, context) {
    return removeSuffixes(value, (content) => {
      if (!isSameRecordingSuffix(content)) return false;
      context.removed.push(content);
      return true;
    });
  },
};
