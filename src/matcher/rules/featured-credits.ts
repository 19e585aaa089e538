import type { BuiltInRule, RuleContext } from './rule.js';
import { recordingMarker } from './different-recording.js';
import { removeSuffixes } from './suffixes.js';

/**
 * "feat." / "ft." / "featuring" and what follows. The credit must be
 * followed by a name that is not itself a conjunction, so "Little Feat" and
 * "Little Feat & Friends" keep their names.
 */
const FEAT_IN_ARTIST = /\s+[([{]?\s*(?:featuring|feat|ft)\b\.?\s*(?![&,+/]|and\b)(\S.*)$/;
const WITH_IN_ARTIST = /\s+[([{]?\s*with\s+(\S.*)$/;
/** " x " between two names is a credit; a trailing X is part of the name ("Racer X", "Lil Nas X"). */
const X_IN_ARTIST = /\s+x\s+(\S.*)$/;
const TRAILING_CLOSERS = /[\s)\]}]+$/;

const FEAT_PREFIX = /^(?:featuring|feat|ft|with|x)\b\.?\s*(?=\S)/;
const FEAT_IN_TITLE = /\s(?:featuring|feat|ft)\b\.?\s*([^()[\]{}]*?\S)(?=\s*[([{]|\s+-\s|\s*$)/;
const MAY_HAVE_FEAT = /feat|ft|with|x\s/;

function takeCredit(value: string, pattern: RegExp, context: RuleContext): string {
  const match = pattern.exec(value);
  if (match === null || match.index === 0) return value;
  const main = value.slice(0, match.index).trim();
  const credit = (match[1] ?? '').replace(TRAILING_CLOSERS, '').trim();
  if (main.length === 0 || credit.length === 0) return value;
  context.featured.push(credit);
  return main;
}

/**
 * `featured-credits` in the artist pipeline: "A feat. B", "A ft. B",
 * "A featuring B", "A with B", "A x B" keep "A"; "B" is set aside as a
 * featured artist.
 *
 * Fixes: Last.fm writes "Jay-Z feat. Alicia Keys" in the artist field when
 * the scrobbler sent it that way; the library tags the artist "Jay-Z" and
 * puts the guest in the title. Also "Ed Sheeran x Justin Bieber".
 */
export const featuredArtistRule: BuiltInRule = {
  name: 'featured-credits',
  description: 'Featured-artist credits (feat., ft., featuring, with, x) removed and kept aside',
  stage: 'clean',
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
 */
export const featuredTitleRule: BuiltInRule = {
  name: 'featured-credits',
  description: 'Featured-artist credits in brackets or after "feat." removed from the title and kept aside',
  stage: 'clean',
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
    if (bare !== null && bare.index > 0) {
      context.featured.push((bare[1] ?? '').trim());
      result = `${result.slice(0, bare.index)}${result.slice(bare.index + bare[0].length)}`.trim();
    }
    return result;
  },
};
