import type { BuiltInRule } from './rule.js';
import { collapseWhitespace, hasNonAscii, isPrintableAscii } from './text.js';

const ASCII_CONTROLS = /[\x00-\x1f\x7f]/g;
/** Controls become spaces ("Artist\tName" from a sloppy tag writer). */
const CONTROLS = /\p{Cc}/gu;
/**
 * Invisible format characters (zero-width space and joiner, soft hyphen,
 * byte-order mark, bidi marks) and lone surrogates are dropped: they make two
 * names that print the same compare unequal, and a lone surrogate cannot be
 * stored in a PostgreSQL text column.
 */
const INVISIBLE = /[\p{Cf}\p{Cs}]/gu;
/** Case folds that `toLowerCase()` does not do. */
const EXTRA_FOLDS = /[ßẞς]/g;
const EXTRA_FOLD_MAP: Readonly<Record<string, string>> = { ß: 'ss', ẞ: 'ss', ς: 'σ' };

/**
 * The first step of every pipeline, and the fallback for names made only of
 * punctuation ("!!!", "?"): NFKC, case folding, invisible characters out,
 * whitespace collapsed. Never throws, whatever the input.
 *
 * @example
 * ```ts
 * foldUnicode('ＭＵＳＥ\u200b  '); // 'muse'
 * ```
 */
export function foldUnicode(value: string): string {
  if (isPrintableAscii(value)) return collapseWhitespace(value.toLowerCase());
  if (!hasNonAscii(value)) return collapseWhitespace(value.toLowerCase().replace(ASCII_CONTROLS, ' '));
  const folded = value
    .replace(INVISIBLE, '')
    .replace(CONTROLS, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(EXTRA_FOLDS, (char) => EXTRA_FOLD_MAP[char] ?? char);
  return collapseWhitespace(folded);
}

/**
 * `unicode`: NFKC + case folding + invisible characters out + whitespace
 * collapsed.
 *
 * Fixes: full-width "ＡＢＢＡ" from Japanese releases, "ﬁ" ligatures,
 * zero-width spaces pasted from web pages, and plain case ("ABBA" vs "Abba").
 *
 * @example
 * ```ts
 * unicodeRule.apply('ＡＢＢＡ', context); // 'abba'
 * ```
 */
export const unicodeRule: BuiltInRule = {
  name: 'unicode',
  description: 'NFKC, case folding (incl. ß → ss), invisible characters removed, whitespace collapsed',
  stage: 'clean',
  example: ['ＡＢＢＡ\u200b  Gold', 'abba gold'],
  apply: foldUnicode,
};
