/**
 * Small string helpers shared by the rules. Every regex is compiled once,
 * here or at the top of its rule's module, never per call.
 *
 * @module
 */

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * True when `value` has a character outside 7-bit ASCII (the slow paths).
 *
 * @example
 * ```ts
 * hasNonAscii('björk'); // true
 * ```
 */
export function hasNonAscii(value: string): boolean {
  return NON_ASCII.test(value);
}

const WHITESPACE_RUNS = /\s+/g;
/** Printable ASCII only: no controls, no tabs, nothing above U+007E. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;
const NEEDS_COLLAPSE = /\s\s|[^\S ]|^\s|\s$/;

/**
 * True when `value` is printable ASCII (letters, digits, punctuation, plain spaces).
 *
 * @example
 * ```ts
 * isPrintableAscii('ac/dc'); // true
 * ```
 */
export function isPrintableAscii(value: string): boolean {
  return !NOT_PRINTABLE_ASCII.test(value);
}

/**
 * Collapses whitespace runs to one space and trims.
 *
 * @example
 * ```ts
 * collapseWhitespace('  a \t b '); // 'a b'
 * ```
 */
export function collapseWhitespace(value: string): string {
  if (isPrintableAscii(value)) {
    // Only plain spaces can be wrong here; three native calls beat one regex with alternatives.
    const last = value.length - 1;
    if (last < 0 || (value.charCodeAt(0) !== 32 && value.charCodeAt(last) !== 32 && !value.includes('  '))) return value;
    return value.replace(WHITESPACE_RUNS, ' ').trim();
  }
  return NEEDS_COLLAPSE.test(value) ? value.replace(WHITESPACE_RUNS, ' ').trim() : value;
}

const NON_WORD_CHARS = /[^\p{L}\p{N}]+/gu;

/**
 * `value` without spaces or punctuation: "ac dc" and "acdc" both give "acdc".
 *
 * @example
 * ```ts
 * compact('ac dc'); // 'acdc'
 * ```
 */
export function compact(value: string): string {
  return value.replace(NON_WORD_CHARS, '');
}

const TOKEN_SPLIT = /[^\p{L}\p{N}']+/u;

/**
 * The words of a folded string (apostrophes kept inside words).
 *
 * @example
 * ```ts
 * tokens("don't stop - me"); // ["don't", 'stop', 'me']
 * ```
 */
export function tokens(value: string): string[] {
  return value.split(TOKEN_SPLIT).filter((token) => token.length > 0);
}

/**
 * A character that the punctuation rule turns into a space: anything but a
 * letter, digit, combining mark, apostrophe or dot. Rules that look for
 * whole words ("feat", "x", "n") use it as their word boundary, so a word
 * found in a key is found in the value the key came from, and keys are
 * fixed points of the pipeline.
 *
 * @example
 * ```ts
 * new RegExp(`(?<=${SEPARATOR})x(?=${SEPARATOR}|$)`, 'u').test('a x b'); // true
 * ```
 */
export const SEPARATOR = "[^\\p{L}\\p{N}\\p{M}'.]";
