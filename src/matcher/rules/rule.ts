/**
 * The shape of one normalization rule and of the context a pipeline hands
 * to it.
 *
 * @module
 */

/**
 * Which field a pipeline normalizes.
 *
 * @example
 * ```ts
 * const field: RuleField = 'title';
 * ```
 */
export type RuleField = 'artist' | 'title';

/**
 * A part of a title that names a different recording of the song
 * ("Live at Wembley", "Butch Vig Mix", "Taylor's Version"), taken out of the
 * title by the `different-recording` rule so it can be compared on its own.
 *
 * @example
 * ```ts
 * const marker: RecordingMarker = { kinds: ['live'], text: 'live at wembley', qualifier: 'wembley' };
 * ```
 */
export interface RecordingMarker {
  /** Kinds found in the text, sorted: `live`, `remix`, `acoustic`, `demo`, ... */
  readonly kinds: readonly string[];
  /** The bracket or dash-suffix text as found (folded, not yet a key). */
  readonly text: string;
  /** What is left after the kind words are removed ("wembley", "butch vig"); may be empty. */
  readonly qualifier: string;
}

/**
 * Where rules leave what they take out of a value. A pipeline makes a fresh
 * context per value; host rules may read it and may push to it.
 *
 * @example
 * ```ts
 * const rule: NormalizeRule = {
 *   name: 'drop-prod-credit',
 *   apply: (value, context) => value.replace(/\s*\(prod\. [^)]*\)/, () => { context.removed.push('prod. credit'); return ''; }),
 * };
 * ```
 */
export interface RuleContext {
  /** The field being normalized. */
  readonly field: RuleField;
  /** Featured-artist credits taken out of the value ("alicia keys"), as found. */
  readonly featured: string[];
  /** Artist only: the credited artists of "A, B & C", as found. */
  readonly credits: string[];
  /** Title only: different-recording markers ("live", "remix"). */
  readonly markers: RecordingMarker[];
  /** Title only: same-recording suffixes that were dropped ("2017 remaster"). */
  readonly removed: string[];
}

/**
 * The function of a rule: takes the value as the previous rules left it and
 * returns the new value. Must be pure and should be idempotent
 * (`apply(apply(x)) === apply(x)`).
 *
 * @example
 * ```ts
 * const apply: RuleApply = (value) => value.replace(/^\d+ - /, '');
 * ```
 */
export type RuleApply = (value: string, context: RuleContext) => string;

/**
 * One named normalization step. Built-in rules and host rules have this
 * shape; a host rule may be added to the artist or title pipeline, replace a
 * built-in rule of the same name, and any rule may be switched off by name.
 *
 * @example
 * ```ts
 * const stripDiscNumbers: NormalizeRule = {
 *   name: 'strip-track-numbers',
 *   description: 'Drops "01 - " prefixes left by rippers',
 *   version: 1,
 *   apply: (value) => value.replace(/^\d{1,3} - /, ''),
 * };
 * ```
 */
export interface NormalizeRule {
  /** Unique within its pipeline; used to disable, replace and position rules, and in the fingerprint. */
  readonly name: string;
  /** One line: what the rule does. */
  readonly description?: string | undefined;
  /** Bump it when the rule's behaviour changes, so the matcher fingerprint changes and keys are rebuilt. */
  readonly version?: string | number | undefined;
  readonly apply: RuleApply;
}

/**
 * Built-in rules run in two stages. `clean` rules see the whole folded value
 * (brackets, commas and dashes still there); `key` rules turn one name or
 * title into its final key and run again on each credited artist, featured
 * artist and recording marker the clean stage set aside.
 *
 * @example
 * ```ts
 * artistRules.filter((rule) => rule.stage === 'key').map((rule) => rule.name); // ['leading-the', 'and-sign', ...]
 * ```
 */
export type RuleStage = 'clean' | 'key';

/**
 * A rule of this library: a {@link NormalizeRule} with its stage and a description.
 *
 * @example
 * ```ts
 * const [input, output] = unicodeRule.example; // ['ＡＢＢＡ\u200b  Gold', 'abba gold']
 * ```
 */
export interface BuiltInRule extends NormalizeRule {
  readonly description: string;
  readonly stage: RuleStage;
  /**
   * Takes parts out of the value (featured credits, suffixes, credits). Such
   * rules are skipped when the pipeline falls back for a value they would
   * empty.
   */
  readonly extracts?: boolean;
  /** Off unless a host enables it (`transliterate: true`). */
  readonly optIn?: boolean;
  /** An input (as the rules before this one leave it) and what this rule alone makes of it; used by the docs and the tests. */
  readonly example: readonly [string, string];
}
