import type { BuiltInRule } from './rule.js';
import { hasNonAscii } from './text.js';

/** Apostrophes and dots join ("Don't" → "dont", "R.E.M." → "rem"); a middle dot too ("Sigur·Rós" typography). */
const JOINERS = /['.\u00b7]/g;
const ASCII_OTHER = /[^a-zA-Z0-9\s]+/g;
const UNICODE_OTHER = /[^\p{L}\p{N}\p{M}\s]+/gu;
const HAS_ASCII_OTHER = /[^a-zA-Z0-9\s]/;
/** Combining marks with no letter to sit on (after punctuation or a space) would land on a new letter once the punctuation goes. */
const ORPHAN_MARKS = /(?<![\p{L}\p{N}\p{M}])\p{M}+/gu;

/**
 * `punctuation`: apostrophes and dots are removed; every other character
 * that is not a letter, digit or combining mark (brackets, commas, slashes,
 * hyphens, "!", "?", emoji) becomes a space.
 *
 * Fixes: "Don't Stop Believin'" vs "Dont Stop Believin", "R.E.M." vs "REM",
 * "Jay-Z" vs "Jay Z", "(Don't Fear) The Reaper" vs "Don't Fear the Reaper",
 * "Panic! at the Disco" vs "Panic at the Disco", "Hells Bells" vs "Hell's
 * Bells". Names made only of punctuation ("!!!", "?") would become empty:
 * those fall back to their folded form.
 *
 * @example
 * ```ts
 * punctuationRule.apply('r.e.m.', context); // 'rem'
 * ```
 */
export const punctuationRule: BuiltInRule = {
  name: 'punctuation',
  description: 'Apostrophes and dots removed; other punctuation and symbols become spaces',
  stage: 'key',
  example: ["(don't fear) the reaper / r.e.m.", ' dont fear  the reaper   rem'],
  apply(value) {
    if (!hasNonAscii(value)) {
      if (!HAS_ASCII_OTHER.test(value)) return value;
      return value.replace(JOINERS, '').replace(ASCII_OTHER, ' ');
    }
    return value.replace(ORPHAN_MARKS, '').replace(JOINERS, '').replace(UNICODE_OTHER, ' ');
  },
};
