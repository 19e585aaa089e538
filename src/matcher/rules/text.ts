/**
 * Small string helpers shared by the rules. Every regex is compiled once,
 * here or at the top of its rule's module, never per call.
 *
 * @module
 */

const NON_ASCII = /[^\x00-\x7f]/;

/** True when `value` has a character outside 7-bit ASCII (the slow paths). */
export function hasNonAscii(value: string): boolean {
  return NON_ASCII.test(value);
}

const WHITESPACE_RUNS = /\s+/g;
const NEEDS_COLLAPSE = /\s\s|[^\S ]|^\s|\s$/;

/** Collapses whitespace runs to one space and trims. */
export function collapseWhitespace(value: string): string {
  return NEEDS_COLLAPSE.test(value) ? value.replace(WHITESPACE_RUNS, ' ').trim() : value;
}

const NON_WORD_CHARS = /[^\p{L}\p{N}]+/gu;

/** `value` without spaces or punctuation: "ac dc" and "acdc" both give "acdc". */
export function compact(value: string): string {
  return value.replace(NON_WORD_CHARS, '');
}

const TOKEN_SPLIT = /[^\p{L}\p{N}']+/u;

/** The words of a folded string (apostrophes kept inside words). */
export function tokens(value: string): string[] {
  return value.split(TOKEN_SPLIT).filter((token) => token.length > 0);
}

/**
 * A character that the punctuation rule turns into a space: anything but a
 * letter, digit, combining mark, apostrophe or dot. Rules that look for
 * whole words ("feat", "x", "n") use it as their word boundary, so a word
 * found in a key is found in the value the key came from, and keys are
 * fixed points of the pipeline.
 */
export const SEPARATOR = "[^\\p{L}\\p{N}\\p{M}'.]";

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** True when `value` has a letter or digit. */
export function hasWordChar(value: string): boolean {
  return WORD_CHAR.test(value);
}
