import type { BuiltInRule } from './rule.js';
import { collapseWhitespace } from './text.js';

/**
 * `whitespace`: runs of whitespace become one space; the ends are trimmed.
 *
 * Fixes: double spaces and trailing spaces in hand-edited tags, and the gaps
 * the punctuation rule leaves ("Song  (Live)").
 *
 * @example
 * ```ts
 * whitespaceRule.apply('  dont  fear ', context); // 'dont fear'
 * ```
 */
export const whitespaceRule: BuiltInRule = {
  name: 'whitespace',
  description: 'Whitespace runs collapsed to one space, ends trimmed',
  stage: 'key',
  example: ['  dont  fear the   reaper ', 'dont fear the reaper'],
  apply: collapseWhitespace,
};
