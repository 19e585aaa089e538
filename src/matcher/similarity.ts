/**
 * How alike two keys are: exact, equal but for spaces, or a typo apart.
 *
 * @module
 */
import { distance } from 'fastest-levenshtein';
import { compact } from './rules/text.js';

/**
 * How two keys compare. `score` is 0 when they are not the same name.
 *
 * @example
 * ```ts
 * const similarity: Similarity = keySimilarity('acdc', 'ac dc', 'artist'); // { score: 0.99, kind: 'spacing', edits: 0 }
 * ```
 */
export interface Similarity {
  /** 1 exact, 0.99 equal but for spaces, 0.92, 0.9, 0.88 for 1, 2, 3 typos, 0 otherwise. */
  readonly score: number;
  /** `exact`, `spacing`, `typo` or `different`. */
  readonly kind: 'exact' | 'spacing' | 'typo' | 'different';
  /** Edit distance between the compact forms (0 unless `typo`). */
  readonly edits: number;
}

/**
 * Scores by kind; typo scores fall with each edit.
 *
 * @example
 * ```ts
 * SIMILARITY_SCORES.typo[1]; // 0.92
 * ```
 */
export const SIMILARITY_SCORES = Object.freeze({ exact: 1, spacing: 0.99, typo: [0, 0.92, 0.9, 0.88] as const });

/**
 * Typos tolerated for a key of `length` letters (spaces and punctuation not
 * counted). Short names get none: "Go" is not "Gone", "Creed" is not
 * "Cream", "The Kings" is not "The Kinks".
 *
 * @example
 * ```ts
 * allowedTypos(5, 'title'); // 0
 * allowedTypos(16, 'title'); // 2
 * ```
 */
export function allowedTypos(length: number, field: 'artist' | 'title'): number {
  if (field === 'artist') return length >= 17 ? 2 : length >= 9 ? 1 : 0;
  return length >= 30 ? 3 : length >= 16 ? 2 : length >= 8 ? 1 : 0;
}

const DIGITS = /\d+/g;
const SPACES = / /g;

function wordCount(value: string): number {
  return (value.match(SPACES)?.length ?? 0) + 1;
}

function numbers(value: string): string {
  return (value.match(DIGITS) ?? []).join(' ');
}

/**
 * Compares two normalized keys: exact, then equal without spaces ("ac dc" /
 * "acdc"), then within the typos {@link allowedTypos} tolerates for their
 * length. Numbers must agree exactly, so "Part 1" never matches "Part 2" and
 * "Song 2" never matches "Song 3"; and the word count must agree, so a
 * missing or extra word ("Generation X" / "Generation") is never a typo.
 *
 * @example
 * ```ts
 * keySimilarity('bohemian rhapsody', 'bohemian rapsody', 'title'); // { score: 0.92, kind: 'typo', edits: 1 }
 * keySimilarity('go', 'gone', 'title').score; // 0
 * ```
 */
export function keySimilarity(a: string, b: string, field: 'artist' | 'title'): Similarity {
  if (a === b) return { score: a.length > 0 ? SIMILARITY_SCORES.exact : 0, kind: a.length > 0 ? 'exact' : 'different', edits: 0 };
  const left = compact(a);
  const right = compact(b);
  if (left.length === 0 || right.length === 0) return { score: 0, kind: 'different', edits: 0 };
  if (left === right) return { score: SIMILARITY_SCORES.spacing, kind: 'spacing', edits: 0 };
  // A typo changes letters, not words: "Generation X" is not "Generation", "Get Off of My Cloud" is not a typo.
  if (wordCount(a) !== wordCount(b)) return { score: 0, kind: 'different', edits: 0 };
  const shorter = Math.min(left.length, right.length);
  const allowed = allowedTypos(shorter, field);
  if (allowed === 0 || Math.abs(left.length - right.length) > allowed || numbers(a) !== numbers(b)) {
    return { score: 0, kind: 'different', edits: 0 };
  }
  const edits = distance(left, right);
  if (edits > allowed) return { score: 0, kind: 'different', edits };
  return { score: SIMILARITY_SCORES.typo[edits] ?? 0, kind: 'typo', edits };
}

/**
 * A plain 0..1 likeness of two keys (1 - edit distance / longer length),
 * for reporting how near a rejected candidate was; never used to accept.
 *
 * @example
 * ```ts
 * rawSimilarity('creed', 'cream'); // 0.6
 * ```
 */
export function rawSimilarity(a: string, b: string): number {
  const left = compact(a);
  const right = compact(b);
  const longer = Math.max(left.length, right.length);
  if (longer === 0) return a === b ? 1 : 0;
  return 1 - distance(left, right) / longer;
}
