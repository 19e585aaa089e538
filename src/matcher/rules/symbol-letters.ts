import type { BuiltInRule } from './rule.js';

const BANG_IN_WORD = /(?<=\p{L})!(?=\p{L})/gu;
const DOLLAR_AT_WORD = /(?<=\p{L})\$|\$(?=\p{L})/gu;

/**
 * `symbol-letters` (artist only): "!" inside a word is an i, "$" touching a
 * word is an s.
 *
 * Fixes: "P!nk" vs "Pink", "Ke$ha" vs "Kesha", "A$AP Rocky" vs "ASAP Rocky",
 * "Ty Dolla $ign". "Panic! at the Disco" keeps its "!" as punctuation
 * (not inside a word), and "!!!" keeps its name (no letters around).
 *
 * @example
 * ```ts
 * symbolLettersRule.apply('p!nk', context); // 'pink'
 * ```
 */
export const symbolLettersRule: BuiltInRule = {
  name: 'symbol-letters',
  description: '"!" inside a word read as i, "$" at a word read as s (P!nk, Ke$ha)',
  stage: 'clean',
  example: ['p!nk & ke$ha', 'pink & kesha'],
  apply(value) {
    let result = value;
    if (result.includes('!')) result = result.replace(BANG_IN_WORD, 'i');
    if (result.includes('$')) result = result.replace(DOLLAR_AT_WORD, 's');
    return result;
  },
};
