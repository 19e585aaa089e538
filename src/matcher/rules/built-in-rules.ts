import { createAliasRule } from './alias.js';
import { andSignRule } from './and-sign.js';
import { creditSplitRule } from './credit-split.js';
import { diacriticsRule } from './diacritics.js';
import { differentRecordingRule } from './different-recording.js';
import { featuredArtistRule, featuredTitleRule } from './featured-credits.js';
import { leadingTheRule } from './leading-the.js';
import { partNumberingRule } from './part-numbering.js';
import { punctuationRule } from './punctuation.js';
import type { BuiltInRule } from './rule.js';
import { sameRecordingRule } from './same-recording.js';
import { quotesDashesRule } from './quotes-dashes.js';
import { symbolLettersRule } from './symbol-letters.js';
import { transliterateRule } from './transliterate.js';
import { unicodeRule } from './unicode.js';
import { whitespaceRule } from './whitespace.js';

/**
 * The built-in artist pipeline, in order. `alias` is a placeholder here; the
 * matcher puts in one built from its `aliases` option.
 *
 * @example
 * ```ts
 * artistRules.map((rule) => rule.name);
 * // ['unicode', 'diacritics', 'transliterate', 'quotes-dashes', 'symbol-letters', 'featured-credits',
 * //  'credit-split', 'leading-the', 'and-sign', 'punctuation', 'whitespace', 'alias']
 * ```
 */
export const artistRules: readonly BuiltInRule[] = Object.freeze([
  unicodeRule,
  diacriticsRule,
  transliterateRule,
  quotesDashesRule,
  symbolLettersRule,
  featuredArtistRule,
  creditSplitRule,
  leadingTheRule,
  andSignRule,
  punctuationRule,
  whitespaceRule,
  createAliasRule(new Map()),
]);

/**
 * The built-in title pipeline, in order.
 *
 * @example
 * ```ts
 * titleRules.map((rule) => rule.name);
 * // ['unicode', 'diacritics', 'transliterate', 'quotes-dashes', 'featured-credits', 'same-recording',
 * //  'different-recording', 'part-numbering', 'and-sign', 'punctuation', 'whitespace']
 * ```
 */
export const titleRules: readonly BuiltInRule[] = Object.freeze([
  unicodeRule,
  diacriticsRule,
  transliterateRule,
  quotesDashesRule,
  featuredTitleRule,
  sameRecordingRule,
  differentRecordingRule,
  partNumberingRule,
  andSignRule,
  punctuationRule,
  whitespaceRule,
]);
