import type { BuiltInRule } from './rule.js';
import { hasNonAscii } from './text.js';

/**
 * Combining marks after a Latin or Greek letter. Marks after other scripts
 * stay: the kana voicing marks (U+3099) are not accents ("ガ" is not "カ"),
 * and Cyrillic "й" is a letter of its own.
 */
const LATIN_MARKS = /(?<=[\p{Script=Latin}\p{Script=Greek}])[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/gu;
/** Latin letters with no decomposition, spelled out the way English tags spell them. */
const SPECIAL_LETTERS = /[øæœłđðþıħŧĸŀ]/g;
const SPECIAL_LETTER_MAP: Readonly<Record<string, string>> = {
  ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't', ĸ: 'k', ŀ: 'l',
};

/**
 * `diacritics`: folds accents on Latin and Greek letters.
 *
 * Fixes: "Björk" vs "Bjork", "Mötley Crüe" vs "Motley Crue", "Sigur Rós" vs
 * "Sigur Ros", "Røyksopp" vs "Royksopp" (ASCII-only tag writers and
 * keyboards).
 *
 * @example
 * ```ts
 * diacriticsRule.apply('björk', context); // 'bjork'
 * ```
 */
export const diacriticsRule: BuiltInRule = {
  name: 'diacritics',
  description: 'Accents on Latin and Greek letters folded, ø/æ/œ/ł/ß-like letters spelled out',
  stage: 'clean',
  example: ['mötley crüe & røyksopp', 'motley crue & royksopp'],
  apply(value) {
    if (!hasNonAscii(value)) return value;
    return value
      .normalize('NFD')
      .replace(LATIN_MARKS, '')
      .normalize('NFC')
      .replace(SPECIAL_LETTERS, (char) => SPECIAL_LETTER_MAP[char] ?? char);
  },
};
