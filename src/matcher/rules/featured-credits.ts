import type { BuiltInRule, RuleContext } from './rule.js';
import { recordingMarker } from './different-recording.js';
import { removeSuffixes } from './suffixes.js';
import { SEPARATOR } from './text.js';

/** A letter, a digit, or "&" (which the and-sign rule turns into the word "and"). */
const NAME_CHAR = /[\p{L}\p{N}&]/u;

/**
 * "feat." / "ft." / "featuring" as a whole word (see {@link SEPARATOR}).
 * The credit must be followed by a name that is not itself a conjunction, so
 * "Little Feat" and "Little Feat & Friends" keep their names.
 */
const FEAT_IN_ARTIST = new RegExp(
  `(?<=${SEPARATOR})(?:featuring|feat|ft)\\.?(?=${SEPARATOR}|$)(?![^\\p{L}\\p{N}\\p{M}'.&+]*(?:[&+]|(?:and|'n'|n'|'n|n)(?:${SEPARATOR}|$)))`,
  'gu',
);
const WITH_IN_ARTIST = new RegExp(`(?<=${SEPARATOR})with(?=${SEPARATOR}|$)`, 'gu');
/** " x " between two names is a credit; a trailing X is part of the name ("Racer X", "Lil Nas X"). */
const X_IN_ARTIST = new RegExp(`(?<=${SEPARATOR})x(?=${SEPARATOR}|$)`, 'gu');
const TRAILING_CLOSERS = /[\s)\]}]+$/;
const TRAILING_SEPARATORS = new RegExp(`${SEPARATOR}+$`, 'u');

const FEAT_PREFIX = /^(?:featuring|feat|ft|with|x)\b\.?\s*(?=\S)/;
const FEAT_IN_TITLE = new RegExp(`(?<=${SEPARATOR})(?:featuring|feat|ft)\\.?(?=${SEPARATOR})\\s*([^([{]*?[\\p{L}\\p{N}&][^([{]*?)(?=\\s*[([{]|\\s+-\\s|\\s*$)`, 'u');
/** Cheap gate: most names have none of the credit words. */
const MAY_HAVE_FEAT = /(?:^|[^a-z0-9])(?:feat|ft|featuring|with|x)(?:[^a-z0-9]|$)/;

/** Splits at the first credit word that has a name on both sides; `value` unchanged when there is none. */
function takeCredit(value: string, pattern: RegExp, context: RuleContext): string {
  for (const match of value.matchAll(pattern)) {
    const main = value.slice(0, match.index).replace(TRAILING_SEPARATORS, '');
    const credit = value.slice(match.index + match[0].length).replace(TRAILING_CLOSERS, '').trim();
    if (!NAME_CHAR.test(main) || !NAME_CHAR.test(credit)) continue;
    context.featured.push(credit);
    return main;
  }
  return value;
}

/**
 * `featured-credits` in the artist pipeline: "A feat. B", "A ft. B",
 * "A featuring B", "A with B", "A x B" keep "A"; "B" is set aside as a
 * featured artist.
 *
 * Fixes: Last.fm writes "Jay-Z feat. Alicia Keys" in the artist field when
 * the scrobbler sent it that way; the library tags the artist "Jay-Z" and
 * puts the guest in the title. Also "Ed Sheeran x Justin Bieber".
 *
 * @example
 * ```ts
 * featuredArtistRule.apply('jay-z feat. alicia keys', context); // 'jay-z'; context.featured: ['alicia keys']
 * ```
 */
export const featuredArtistRule: BuiltInRule = {
  name: 'featured-credits',
  description: 'Featured-artist credits (feat., ft., featuring, with, x) removed and kept aside',
  stage: 'clean',
  extracts: true,
  example: ['jay-z feat. alicia keys', 'jay-z'],
  apply(value, context) {
    if (!MAY_HAVE_FEAT.test(value)) return value;
    let result = takeCredit(value, FEAT_IN_ARTIST, context);
    result = takeCredit(result, WITH_IN_ARTIST, context);
    return takeCredit(result, X_IN_ARTIST, context);
  },
};

/**
 * `featured-credits` in the title pipeline: "(feat. B)", "[ft. B]",
 * "(with B)", "- feat. B" and a bare "feat. B" are removed; "B" is set aside
 * as a featured artist. A bare "with" stays: it is part of titles like
 * "Dancing with Myself".
 *
 * Fixes: "Empire State of Mind (feat. Alicia Keys)" in the library vs
 * "Empire State of Mind" on Last.fm, and "I Don't Care (with Justin Bieber)".
 *
 * @example
 * ```ts
 * featuredTitleRule.apply('smooth (feat. rob thomas)', context); // 'smooth'; context.featured: ['rob thomas']
 * ```
 */
export const featuredTitleRule: BuiltInRule = {
  name: 'featured-credits',
  description: 'Featured-artist credits in brackets or after "feat." removed from the title and kept aside',
  stage: 'clean',
  extracts: true,
  example: ['empire state of mind (feat. alicia keys)', 'empire state of mind'],
  apply(value, context) {
    if (!MAY_HAVE_FEAT.test(value)) return value;
    let result = removeSuffixes(value, (content) => {
      const prefix = FEAT_PREFIX.exec(content);
      // "(X Remix)" names a remixer, not a guest: leave it to the different-recording rule.
      if (prefix === null || recordingMarker(content) !== undefined) return false;
      context.featured.push(content.slice(prefix[0].length).trim());
      return true;
    });
    const bare = FEAT_IN_TITLE.exec(result);
    if (bare !== null && NAME_CHAR.test(result.slice(0, bare.index))) {
      context.featured.push((bare[1] ?? '').trim());
      result = `${result.slice(0, bare.index)}${result.slice(bare.index + bare[0].length)}`.trim();
    }
    return result;
  },
};
