/**
 * Options of the default matcher ({@link createMatcher}) and of
 * {@link createNormalizer}: one zod schema, defaults in one place.
 *
 * @module
 */
import { z } from 'zod';
import { parseOptions } from '../internal/parse-options.js';
import { artistRules, titleRules } from './rules/built-in-rules.js';
import type { NormalizeRule, RuleApply } from './rules/rule.js';
import type { Assert, SameOptions } from '../internal/same-options.js';

/**
 * Default acceptance threshold: a score from 0 to 1 at or above which a pair is accepted.
 *
 * @example
 * ```ts
 * createMatcher({ threshold: DEFAULT_THRESHOLD + 0.05 }); // a little stricter than the default
 * ```
 */
export const DEFAULT_THRESHOLD = 0.85;

/**
 * How {@link Matcher.best} breaks ties between equally good candidates.
 *
 * @example
 * ```ts
 * const ties: TiePolicy = 'all';
 * ```
 */
export type TiePolicy = 'prefer-original' | 'all';

/**
 * Default tie policy.
 *
 * @example
 * ```ts
 * DEFAULT_TIES; // 'prefer-original'
 * ```
 */
export const DEFAULT_TIES: TiePolicy = 'prefer-original';

/**
 * A host rule: a {@link NormalizeRule} with an optional position. Without
 * `before`/`after` it replaces the built-in rule of the same name in place,
 * or, when there is none, runs at the end of the pipeline (artist: just
 * before `alias`) on the finished key.
 *
 * @example
 * ```ts
 * const rule: HostRule = {
 *   name: 'strip-track-numbers',
 *   version: 1,
 *   before: 'featured-credits',
 *   apply: (value) => value.replace(/^\d{1,3} - /, ''),
 * };
 * ```
 */
export interface HostRule extends NormalizeRule {
  /** Run just before the rule of this name (its stage too). */
  readonly before?: string | undefined;
  /** Run just after the rule of this name (its stage too). */
  readonly after?: string | undefined;
}

const RULE_NAME = /^[a-z0-9][a-z0-9._:-]{0,63}$/i;

const hostRuleSchema = z.object(
  {
    name: z
      .string({ error: 'to be a string' })
      .regex(RULE_NAME, { error: 'to be a rule name (up to 64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit)' }),
    description: z.string({ error: 'to be a string' }).optional(),
    version: z.union([z.string(), z.number()], { error: 'to be a string or a number' }).optional(),
    before: z.string({ error: 'to be a rule name' }).optional(),
    after: z.string({ error: 'to be a rule name' }).optional(),
    apply: z.custom<RuleApply>((value) => typeof value === 'function', { error: 'to be a function (value, context) => string' }),
  },
  { error: 'to be a rule object ({ name, apply })' },
);

// `.readonly()` so the schema, like MatcherOptions, accepts readonly arrays (`as const` lists).
const ruleListSchema = z.array(hostRuleSchema, { error: 'to be an array of rules' }).readonly().default([]);

/**
 * Options of {@link createMatcher} (and {@link createNormalizer}, which reads
 * only the rule options). Every option is optional. The rules and defaults
 * live in one place, `matcherOptionsSchema`; this interface is checked at
 * compile time to accept exactly what that schema accepts.
 *
 * @example
 * ```ts
 * const options: MatcherOptions = {
 *   threshold: 0.9,
 *   ties: 'all',
 *   aliases: { 'Prince and the Revolution': 'Prince' },
 *   disableRules: ['leading-the'],
 * };
 * ```
 */
export interface MatcherOptions {
  /**
   * Score from 0 to 1 at or above which a pair is accepted. Raise it for
   * fewer, surer matches.
   *
   * @default 0.85
   * @example
   * ```ts
   * createMatcher({ threshold: 0.9 });
   * ```
   */
  readonly threshold?: number | undefined;
  /**
   * Which of several equally good candidates `best()` returns:
   * `'prefer-original'` returns one, preferring a track not on a
   * compilation or live album, then the lowest id; `'all'` returns every
   * one of them (same order).
   *
   * @default 'prefer-original'
   * @example
   * ```ts
   * createMatcher({ ties: 'all' });
   * ```
   */
  readonly ties?: TiePolicy | undefined;
  /**
   * Turn on the `transliterate` rule: non-Latin scripts to ASCII with
   * any-ascii ("Кино" matches "Kino"). Off by default because it makes
   * unrelated names collide and most players tag in the original script.
   *
   * @default false
   * @example
   * ```ts
   * createMatcher({ transliterate: true });
   * ```
   */
  readonly transliterate?: boolean | undefined;
  /**
   * Host rules for the artist and/or title pipelines. A rule named like a
   * built-in one replaces it; `before`/`after` place it next to a rule.
   *
   * @default { artist: [], title: [] }
   * @example
   * ```ts
   * createMatcher({ rules: { title: [{ name: 'strip-track-numbers', apply: (s) => s.replace(/^\d+ - /, '') }] } });
   * ```
   */
  readonly rules?:
    | {
        /** Host rules of the artist pipeline. */
        readonly artist?: readonly HostRule[] | undefined;
        /** Host rules of the title pipeline. */
        readonly title?: readonly HostRule[] | undefined;
      }
    | undefined;
  /**
   * Names of rules to switch off, in both pipelines (built-in or host).
   *
   * @default []
   * @example
   * ```ts
   * createMatcher({ disableRules: ['leading-the'] });
   * ```
   */
  readonly disableRules?: readonly string[] | undefined;
  /**
   * Artist aliases, alias → canonical name, applied to both sides. Keys
   * and values are normalized by the artist pipeline, so spelling and
   * case do not matter.
   *
   * @default {}
   * @example
   * ```ts
   * createMatcher({ aliases: { 'Prince and the Revolution': 'Prince' } });
   * ```
   */
  readonly aliases?: Readonly<Record<string, string>> | undefined;
}

/**
 * The schema of {@link MatcherOptions}. Use {@link createMatcher}, which
 * validates with it and throws {@link OptionsError} naming every bad option.
 *
 * @example
 * ```ts
 * matcherOptionsSchema.safeParse({ threshold: 2 }).success; // false
 * ```
 */
export const matcherOptionsSchema = z
  .strictObject(
    {
      // Each option is documented on MatcherOptions; keep the two in step (checked below).
      threshold: z
        .number({ error: 'to be a number from 0 to 1' })
        .min(0, { error: 'to be a number from 0 to 1' })
        .max(1, { error: 'to be a number from 0 to 1' })
        .default(DEFAULT_THRESHOLD),
      ties: z.enum(['prefer-original', 'all'], { error: "to be 'prefer-original' or 'all'" }).default(DEFAULT_TIES),
      // Off by default: in ASCII unrelated names collide (Chinese loses its tones); see docs/matching.md.
      transliterate: z.boolean({ error: 'to be true or false' }).default(false),
      // Positions (`before`/`after`) and unique names are checked in superRefine below.
      rules: z
        .strictObject(
          { artist: ruleListSchema, title: ruleListSchema },
          { error: (issue) => (issue.code === 'unrecognized_keys' ? `to have only "artist" and "title" (unknown: ${issue.keys.join(', ')})` : 'to be { artist?: rules, title?: rules }') },
        )
        .default({ artist: [], title: [] }),
      // Every name must be a known rule: checked in superRefine below.
      disableRules: z
        .array(z.string({ error: 'to be a rule name' }), { error: 'to be an array of rule names' })
        .readonly()
        .default([]),
      aliases: z
        .record(z.string(), z.string({ error: 'to be a string (the canonical artist name)' }), { error: 'to be an object of alias → artist name' })
        .default({}),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? `to have only known options (unknown: ${issue.keys.join(', ')})` : 'to be an options object',
    },
  )
  .superRefine((options, context) => {
    const pipelines = { artist: artistRules, title: titleRules } as const;
    const known = new Set<string>();
    for (const field of ['artist', 'title'] as const) {
      const names = new Set(pipelines[field].map((rule) => rule.name));
      const hostNames = new Set<string>();
      options.rules[field].forEach((rule, index) => {
        for (const key of ['before', 'after'] as const) {
          const target = rule[key];
          if (target !== undefined && !names.has(target) && !hostNames.has(target)) {
            context.addIssue({ code: 'custom', path: ['rules', field, index, key], message: `to name a ${field} rule listed before it (one of: ${[...names, ...hostNames].join(', ')})` });
          }
        }
        if (rule.before !== undefined && rule.after !== undefined) {
          context.addIssue({ code: 'custom', path: ['rules', field, index, 'after'], message: 'to be left out when `before` is given' });
        }
        if (hostNames.has(rule.name)) {
          context.addIssue({ code: 'custom', path: ['rules', field, index, 'name'], message: `to be unique among the ${field} host rules` });
        }
        hostNames.add(rule.name);
      });
      for (const name of [...names, ...hostNames]) known.add(name);
    }
    options.disableRules.forEach((name, index) => {
      if (!known.has(name)) context.addIssue({ code: 'custom', path: ['disableRules', index], message: `to name a rule (one of: ${[...known].join(', ')})` });
    });
    for (const [alias, artist] of Object.entries(options.aliases)) {
      if (alias.trim().length === 0) context.addIssue({ code: 'custom', path: ['aliases'], message: 'to have no empty alias' });
      if (artist.trim().length === 0) context.addIssue({ code: 'custom', path: ['aliases', alias], message: 'to be a non-empty artist name' });
    }
  });

// The interface is what users and the API docs see; the schema is what
// validates. This fails to compile when they drift apart: both must accept
// the same values and name the same options (a `readonly` property modifier is ignored, readonly arrays are not).
type _OptionsMatchSchema = Assert<SameOptions<MatcherOptions, z.input<typeof matcherOptionsSchema>>>;

/**
 * {@link MatcherOptions} after validation, with every default filled in.
 *
 * @example
 * ```ts
 * const resolved: ResolvedMatcherOptions = resolveMatcherOptions({});
 * resolved.threshold; // 0.85
 * ```
 */
export interface ResolvedMatcherOptions {
  readonly threshold: number;
  readonly ties: TiePolicy;
  readonly transliterate: boolean;
  readonly rules: { readonly artist: readonly HostRule[]; readonly title: readonly HostRule[] };
  readonly disableRules: readonly string[];
  readonly aliases: Readonly<Record<string, string>>;
}

/**
 * Validates matcher options; throws {@link OptionsError} naming every bad
 * option ("Expected `threshold` to be a number from 0 to 1, got 5").
 *
 * @example
 * ```ts
 * resolveMatcherOptions({ threshold: 0.9 }).ties; // 'prefer-original'
 * ```
 */
export function resolveMatcherOptions(input: unknown): ResolvedMatcherOptions {
  const parsed = parseOptions(matcherOptionsSchema, input ?? {}, 'matcher options');
  const originals = (input ?? {}) as { rules?: { artist?: readonly HostRule[]; title?: readonly HostRule[] } };
  // zod copies the rule objects; call the host's own objects so methods keep their `this`.
  const keepOriginal = (rules: readonly HostRule[], from: readonly HostRule[] | undefined): HostRule[] =>
    rules.map((rule, index) => {
      const original = from?.[index] ?? rule;
      return Object.freeze({ ...rule, apply: (value: string, context: Parameters<RuleApply>[1]) => original.apply(value, context) });
    });
  return Object.freeze({
    threshold: parsed.threshold,
    ties: parsed.ties,
    transliterate: parsed.transliterate,
    rules: Object.freeze({
      artist: keepOriginal(parsed.rules.artist, originals.rules?.artist),
      title: keepOriginal(parsed.rules.title, originals.rules?.title),
    }),
    disableRules: Object.freeze([...parsed.disableRules]),
    aliases: Object.freeze({ ...parsed.aliases }),
  });
}
