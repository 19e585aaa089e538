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

/**
 * True when `value` has whitespace other than single inner spaces: a
 * leading or trailing space, two spaces in a row, a tab, a no-break space.
 * A loop, not a regex: this runs several times per value.
 */
function needsCollapse(value: string): boolean {
  let previousSpace = true;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 32) {
      if (previousSpace) return true;
      previousSpace = true;
    } else if (code <= 32 || (code >= 127 && isOtherSpace(code))) {
      return true;
    } else {
      previousSpace = false;
    }
  }
  return previousSpace && value.length > 0;
}

/** The code units `\s` matches above ASCII, plus DEL-range controls. */
function isOtherSpace(code: number): boolean {
  return (
    code === 0x7f || code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** Collapses whitespace runs to one space and trims. */
export function collapseWhitespace(value: string): string {
  return needsCollapse(value) ? value.replace(WHITESPACE_RUNS, ' ').trim() : value;
}

/** Flags of {@link scanAscii}. */
export const NON_ASCII_FLAG = 1;
export const UPPER_FLAG = 2;
export const CONTROL_FLAG = 4;

/** One pass over `value`: does it have non-ASCII characters, ASCII capitals, ASCII controls? */
export function scanAscii(value: string): number {
  let flags = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code > 127) return flags | NON_ASCII_FLAG;
    if (code >= 65 && code <= 90) flags |= UPPER_FLAG;
    else if (code < 32 || code === 127) flags |= CONTROL_FLAG;
  }
  return flags;
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
