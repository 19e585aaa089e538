import type { BuiltInRule } from './rule.js';
import { hasNonAscii } from './text.js';

/** Curly and typographic single quotes, primes and modifier letters used as apostrophes. */
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u2035\u00b4\u02b9\u02bb\u02bc\u02bd\u02c8\uff07`]/g;
const DOUBLE_QUOTES = /[\u201c-\u201f\u2033\u2036\u00ab\u00bb\u300c-\u300f\u301d-\u301f]/g;
/**
 * Hyphens and dashes: U+2010 hyphen (Last.fm's "Jay‐Z"), U+2011 non-breaking
 * hyphen, figure/en/em dashes, the minus sign, and their small and
 * full-width forms.
 */
const DASHES = /[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\u058a\u05be\u2e17]/g;
const OPEN_BRACKETS = /[【〔〖〘〚]/g;
const CLOSE_BRACKETS = /[】〕〗〙〛]/g;
/** The multiplication sign used as a collaboration credit ("Ed Sheeran × Justin Bieber"). */
const TIMES = /\s*[\u00d7\u2715\u2a2f]\s*/g;

/**
 * `quotes-dashes`: every apostrophe, quote, hyphen, dash and bracket variant
 * to its ASCII form; the multiplication sign to " x ".
 *
 * Fixes: "Don’t Stop Me Now" vs "Don't Stop Me Now" (curly apostrophes from
 * Apple Music and MusicBrainz), "Jay‐Z" with U+2010 (MusicBrainz's official
 * spelling) vs "Jay-Z", "Heroes – 2017 Remaster" with an en dash, and
 * "A × B" vs "A x B" credits.
 *
 * @example
 * ```ts
 * quotesDashesRule.apply('jay\u2010z', context); // 'jay-z'
 * ```
 */
export const quotesDashesRule: BuiltInRule = {
  name: 'quotes-dashes',
  description: 'Apostrophes, quotes, hyphens, dashes and brackets unified to ASCII; × to x',
  stage: 'clean',
  example: ['don’t stop me now – 2011 remaster', "don't stop me now - 2011 remaster"],
  apply(value) {
    if (!hasNonAscii(value)) return value.includes('`') ? value.replace(SINGLE_QUOTES, "'") : value;
    return value
      .replace(SINGLE_QUOTES, "'")
      .replace(DOUBLE_QUOTES, '"')
      .replace(DASHES, '-')
      .replace(OPEN_BRACKETS, '[')
      .replace(CLOSE_BRACKETS, ']')
      .replace(TIMES, ' x ');
  },
};
