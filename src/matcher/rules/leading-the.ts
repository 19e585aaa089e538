import type { BuiltInRule } from './rule.js';

const LEADING_THE = /^(?:the\s+)+(?=\S)/;
const TRAILING_THE = /\s*,\s*the$/;

/**
 * `leading-the` (artist only): a leading "The " and a trailing ", The" are
 * dropped. "The The" keeps one "the".
 *
 * Fixes: "The Beatles" vs "Beatles, The" (library sort-name tags) vs
 * "Beatles" (the FiveThirtyEight classic-rock list writes "Rolling Stones").
 * Titles keep their "The": "The Boxer" is not "Boxer".
 */
export const leadingTheRule: BuiltInRule = {
  name: 'leading-the',
  description: 'Leading "The " and trailing ", The" removed from artist names',
  stage: 'key',
  example: ['beatles, the', 'beatles'],
  apply(value) {
    if (!value.includes('the')) return value;
    const result = value.replace(TRAILING_THE, '').replace(LEADING_THE, '');
    return result.length > 0 ? result : value;
  },
};
