import type { BuiltInRule } from './rule.js';
import { SEPARATOR } from './text.js';

const AMPERSAND = /\s*&\s*/g;
const PLUS_BETWEEN = /(?<=[\p{L}\p{N}])\s*\+\s*(?=[\p{L}\p{N}])/gu;
/** "Rock 'n' Roll", "Rock n' Roll", "Guns N' Roses", "Salt-N-Pepa". */
const N_WORD = new RegExp(`(?<=^|${SEPARATOR})(?:'n'|n'|'n|n)(?=${SEPARATOR}|$)`, 'gu');
/** "Rock'n'Roll", "Rock'n Roll". */
const N_INSIDE = /(?<=\p{L})'n'(?=\p{L})|(?<=\p{L})'n(?=\s)/gu;
/** Cheap gate, a superset of both patterns above. */
const MAY_HAVE_N = /(?:^|[^a-z0-9])n(?:[^a-z0-9]|$)/;

/**
 * `and-sign`: "&", "+" between words and "'n'" all become "and".
 *
 * Fixes: "Simon & Garfunkel" vs "Simon and Garfunkel", "Florence + the
 * Machine" vs "Florence and the Machine", "Rock 'n' Roll" vs "Rock and
 * Roll", "Guns N' Roses" vs "Guns 'n' Roses".
 *
 * @example
 * ```ts
 * andSignRule.apply('simon & garfunkel', context); // 'simon and garfunkel'
 * ```
 */
export const andSignRule: BuiltInRule = {
  name: 'and-sign',
  description: '"&", "+" and "\'n\'" unified to "and"',
  stage: 'key',
  example: ["florence + the machine & rock 'n' roll", 'florence and the machine and rock and roll'],
  apply(value) {
    let result = value;
    if (result.includes('&')) result = result.replace(AMPERSAND, ' and ').trim();
    if (result.includes('+')) result = result.replace(PLUS_BETWEEN, ' and ');
    if (MAY_HAVE_N.test(result)) result = result.replace(N_INSIDE, ' and ').replace(N_WORD, 'and');
    return result;
  },
};
