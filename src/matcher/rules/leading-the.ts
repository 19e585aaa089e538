import type { BuiltInRule } from './rule.js';

/** Punctuation before or after "the" does not hide it: the punctuation rule removes it later. */
const LEADING_THE = /^[^\p{L}\p{N}]*the[^\p{L}\p{N}]+(?=[\p{L}\p{N}])/u;
const TRAILING_THE = /\s*,\s*the$/;

/**
 * `leading-the` (artist only): a leading "The " and a trailing ", The" are
 * dropped. "The The" keeps one "the".
 *
 * Fixes: "The Beatles" vs "Beatles, The" (library sort-name tags) vs
 * "Beatles" (the FiveThirtyEight classic-rock list writes "Rolling Stones").
 * Titles keep their "The": "The Boxer" is not "Boxer".
 *
 * @example
 * ```ts
 * leadingTheRule.apply('beatles, the', context); // 'beatles'
 * ```
 */
export const leadingTheRule: BuiltInRule = {
  name: 'leading-the',
  description: 'Leading "The " and trailing ", The" removed from artist names',
  stage: 'key',
  example: ['beatles, the', 'beatles'],
  apply(value) {
    if (!value.endsWith('the') && !LEADING_THE.test(value)) return value;
    let result = value.replace(TRAILING_THE, '');
    for (let match = LEADING_THE.exec(result); match !== null; match = LEADING_THE.exec(result)) result = result.slice(match[0].length);
    return result.length > 0 ? result : value;
  },
};
