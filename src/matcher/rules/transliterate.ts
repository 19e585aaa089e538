import anyAsciiImport from 'any-ascii';
import type { BuiltInRule } from './rule.js';
import { hasNonAscii } from './text.js';

type Transliterate = (value: string) => string;

/**
 * any-ascii is ESM-only. In the CommonJS build, Node's `require()` of it
 * returns the module namespace and the bundler's interop puts that object
 * where the default export should be ("is not a function"); take its
 * `default` then.
 */
const anyAscii: Transliterate =
  typeof anyAsciiImport === 'function' ? anyAsciiImport : (anyAsciiImport as unknown as { default: Transliterate }).default;

/**
 * `transliterate` (off by default; `transliterate: true` turns it on):
 * non-Latin scripts to ASCII with any-ascii.
 *
 * Fixes: a library tagged "Kino" where Last.fm has "Кино", or "Utada Hikaru"
 * vs "宇多田ヒカル". Off by default because it also makes unrelated names
 * collide (Chinese transliterations drop tones) and because most players tag
 * in the original script on both sides.
 *
 * @example
 * ```ts
 * transliterateRule.apply('кино', context); // 'kino'
 * ```
 */
export const transliterateRule: BuiltInRule = {
  name: 'transliterate',
  description: 'Non-Latin scripts transliterated to ASCII (any-ascii); opt-in',
  stage: 'clean',
  optIn: true,
  example: ['кино', 'kino'],
  apply(value) {
    return hasNonAscii(value) ? anyAscii(value).toLowerCase() : value;
  },
};
