import type { BuiltInRule } from './rule.js';
import { SEPARATOR } from './text.js';

/** Anything the punctuation rule turns into spaces may stand between the word and the number: "Pt. 2", "Part (II)". */
const PART = new RegExp(`\\b(?:part|pts?)\\b(?:${SEPARATOR}|\\.)*(\\d+|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten)\\b`, 'gu');
const NUMBERS: Readonly<Record<string, string>> = {
  i: '1', ii: '2', iii: '3', iv: '4', v: '5', vi: '6', vii: '7', viii: '8', ix: '9', x: '10',
  xi: '11', xii: '12', xiii: '13', xiv: '14', xv: '15', xvi: '16', xvii: '17', xviii: '18', xix: '19', xx: '20',
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
};

/**
 * `part-numbering` (title only): "Pt. 2", "Pt 2", "Part II", "Part Two" all
 * become "part 2". Roman numerals are read only after "part"/"pt", so
 * "Malcolm X" and the pronoun "I" stay.
 *
 * Fixes: "Another Brick in the Wall, Pt. 2" (Spotify) vs "Another Brick in
 * the Wall (Part II)" (vinyl-era tags) vs "Part 2".
 *
 * @example
 * ```ts
 * partNumberingRule.apply('another brick in the wall (part ii)', context); // 'another brick in the wall (part 2)'
 * ```
 */
export const partNumberingRule: BuiltInRule = {
  name: 'part-numbering',
  description: '"Pt.", "Pt", "Part" with roman or spelled numbers unified to "part N"',
  stage: 'key',
  example: ['another brick in the wall, pt. ii', 'another brick in the wall, part 2'],
  apply(value) {
    if (!value.includes('pt') && !value.includes('part')) return value;
    PART.lastIndex = 0;
    return value.replace(PART, (whole: string, number: string) => {
      const arabic = /^\d+$/.test(number) ? String(Number(number)) : NUMBERS[number];
      return arabic === undefined ? whole : `part ${arabic}`;
    });
  },
};
