import type { BuiltInRule } from './rule.js';

/**
 * `alias` (artist only): a normalized artist key found in the host's alias
 * map is replaced by the canonical name's key. Last in the pipeline, so the
 * map's keys are normalized by every rule before it.
 *
 * Fixes: "Prince and the Revolution" vs "Prince", "Wings" vs "Paul McCartney
 * & Wings": names that are the same act to the listener but not to any rule.
 *
 * @example
 * ```ts
 * const rule = createAliasRule(new Map([['prince and the revolution', 'prince']]));
 * rule.apply('prince and the revolution', context); // 'prince'
 * ```
 */
export function createAliasRule(aliases: ReadonlyMap<string, string>): BuiltInRule {
  return {
    name: 'alias',
    description: 'Artist keys replaced through the host\'s alias map (keys and values normalized)',
    stage: 'key',
    example: ['prince and the revolution', 'prince'],
    apply: aliases.size === 0 ? (value) => value : (value) => aliases.get(value) ?? value,
  };
}
