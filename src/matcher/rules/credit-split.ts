import type { BuiltInRule } from './rule.js';

/**
 * Separators between credited artists: "A, B & C", "A; B", "A / B", "A/B",
 * "A and B", "A + B", "A x B", "A vs. B".
 */
const SEPARATORS = /\s*[,;/|&]\s*|\s+(?:and|\+|x|vs\.?|versus|featuring|feat\.?|ft\.?|with)\s+|\s*\+\s*/;
const MAY_SPLIT = /[,;/|&+]|\s(?:and|x|vs|versus|featuring|feat|ft|with)\b/;

/**
 * The credited artists of one artist string, or `[]` when it names one
 * artist. A trailing ", The" is not a credit ("Beatles, The").
 *
 * @example
 * ```ts
 * splitCredits('crosby, stills, nash & young'); // ['crosby', 'stills', 'nash', 'young']
 * splitCredits('beatles, the'); // []
 * ```
 */
export function splitCredits(value: string): string[] {
  if (!MAY_SPLIT.test(value)) return [];
  const parts: string[] = [];
  for (const raw of value.split(SEPARATORS)) {
    const part = raw.trim();
    if (part.length === 0) continue;
    if (part === 'the' && parts.length > 0) {
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''}, the`;
      continue;
    }
    parts.push(part);
  }
  return parts.length > 1 ? parts : [];
}

/**
 * `credit-split` (artist only): the credited artists of "A, B & C" are set
 * aside as extra artist keys; the whole name stays the main key, because
 * "Simon & Garfunkel", "Earth, Wind & Fire", "Crosby, Stills, Nash & Young"
 * and "AC/DC" are single names.
 *
 * Fixes: a loved "Queen" track that the library credits to "Queen & David
 * Bowie"; ID3v2.3 multi-artist tags joined with "/" or ";".
 *
 * @example
 * ```ts
 * creditSplitRule.apply('queen & david bowie', context); // unchanged; context.credits: ['queen', 'david bowie']
 * ```
 */
export const creditSplitRule: BuiltInRule = {
  name: 'credit-split',
  description: 'Credited artists of "A, B & C", "A; B", "A / B" set aside as extra keys; the whole name is kept',
  stage: 'clean',
  extracts: true,
  example: ['queen & david bowie', 'queen & david bowie'],
  apply(value, context) {
    context.credits.push(...splitCredits(value));
    return value;
  },
};
