/**
 * The normalizer: runs the artist and title rule pipelines and turns their
 * output into keys.
 *
 * @module
 */
import type { HostRule, MatcherOptions, ResolvedMatcherOptions } from './matcher-options.js';
import { resolveMatcherOptions } from './matcher-options.js';
import { createAliasRule } from './rules/alias.js';
import { artistRules, titleRules } from './rules/built-in-rules.js';
import { splitCredits } from './rules/credit-split.js';
import { isSameRecordingWord } from './rules/same-recording.js';
import type { BuiltInRule, RecordingMarker, RuleApply, RuleContext, RuleField, RuleStage } from './rules/rule.js';
import { compact, tokens } from './rules/text.js';
import { foldUnicode } from './rules/unicode.js';

/** One rule as it runs in a pipeline. */
interface Step {
  readonly name: string;
  readonly version: string;
  readonly stage: RuleStage;
  readonly extracts: boolean;
  readonly apply: RuleApply;
}

interface Pipeline {
  readonly clean: readonly Step[];
  readonly key: readonly Step[];
  /** Every step but those that take parts out: for values those steps would empty. */
  readonly fallback: readonly Step[];
}

/**
 * A recording marker as it appears in keys and comparisons.
 *
 * @example
 * ```ts
 * const marker: NormalizedMarker = { kinds: ['live'], qualifier: 'wembley', key: '(live wembley)' };
 * ```
 */
export interface NormalizedMarker {
  /** Kinds, sorted ("live", "remix", ...). */
  readonly kinds: readonly string[];
  /** The rest of the marker text, without kind and filler words ("wembley", "butch vig"); may be empty. */
  readonly qualifier: string;
  /** How the marker ends a title key: "(live wembley)". */
  readonly key: string;
}

/**
 * An artist string, normalized.
 *
 * @example
 * ```ts
 * normalizeArtistDetails('Jay-Z feat. Alicia Keys');
 * // { key: 'jay z', credits: [], featured: ['alicia keys'], fired: ['unicode', 'featured-credits', 'punctuation'] }
 * ```
 */
export interface NormalizedArtist {
  /** The main artist's key (featured artists removed, alias applied). Never empty for a non-empty input. */
  readonly key: string;
  /** Keys of each credited artist of "A, B & C" (not including `key`); at least 3 letters each. */
  readonly credits: readonly string[];
  /** Keys of featured artists ("feat. B"). */
  readonly featured: readonly string[];
  /** Names of the rules that changed something, in order. */
  readonly fired: readonly string[];
}

/**
 * A title, normalized.
 *
 * @example
 * ```ts
 * normalizeTitleDetails('Song (Live) [2011 Remaster]').key; // 'song (live)'
 * ```
 */
export interface NormalizedTitle {
  /** `base` followed by each marker key: "song (live)". Never empty for a non-empty input. */
  readonly key: string;
  /** The title without markers, featured credits or same-recording suffixes. */
  readonly base: string;
  /** Different-recording markers, sorted by key. */
  readonly markers: readonly NormalizedMarker[];
  /** Artist keys of the featured artists found in the title. */
  readonly featured: readonly string[];
  /** Same-recording suffixes that were dropped, as found ("2017 remaster"). */
  readonly removed: readonly string[];
  /**
   * Base keys with a bracketed part left out ("i want you" for "I Want You
   * (She's So Heavy)", "satisfaction" for "(I Can't Get No) Satisfaction").
   * Parts with digits are never left out ("Part 2").
   */
  readonly variants: readonly string[];
  /** Names of the rules that changed something, in order. */
  readonly fired: readonly string[];
}

/** What a rule pipeline is made of, for fingerprints and docs. */
export interface PipelineDescription {
  readonly name: string;
  /** '' for built-in rules (the matcher version covers them). */
  readonly version: string;
}

/** Extra credited-artist keys shorter than this are dropped ("ac" and "dc" of "AC/DC"). */
const MIN_CREDIT_LENGTH = 3;
/** Words that say nothing about which recording a marker names. */
const QUALIFIER_FILLERS = new Set(['at', 'by', 'from', 'in', 'on', 'the', 'a', 'an', 'of', 'and', 'for', 'with', 'recorded', 'recording', 'feat', 'ft', 'featuring']);
const TRAILING_GROUP = /\s*[([{]([^()[\]{}]*)[)\]}]?\s*$/;
const LEADING_GROUP = /^[([{]([^()[\]{}]*)[)\]}]\s*/;
const DIGIT = /\d/;
/** Bracketed parts that number a piece are never left out: "(Part II)" is not "(Part I)". */
const NUMBERING = /\d|\b(?:part|pts?|vol|volume|chapter|act|movement|book|episode)\b/;
/** The key of a value that has no visible character at all. */
const INVISIBLE_KEY = '\uFFFD';

function newContext(field: RuleField): RuleContext {
  return { field, featured: [], credits: [], markers: [], removed: [] };
}

function runSteps(steps: readonly Step[], value: string, context: RuleContext, fired?: string[]): string {
  let result = value;
  for (const step of steps) {
    if (fired === undefined) {
      result = step.apply(result, context);
      if (typeof result !== 'string') throw new TypeError(`Rule "${step.name}" returned ${typeof result}, expected a string`);
      continue;
    }
    const sizes = context.featured.length + context.credits.length + context.markers.length + context.removed.length;
    const next = step.apply(result, context);
    if (typeof next !== 'string') throw new TypeError(`Rule "${step.name}" returned ${typeof next}, expected a string`);
    if (next !== result || sizes !== context.featured.length + context.credits.length + context.markers.length + context.removed.length) {
      if (!fired.includes(step.name)) fired.push(step.name);
    }
    result = next;
  }
  return result;
}

function toStep(rule: BuiltInRule | HostRule, stage: RuleStage): Step {
  const extracts = 'extracts' in rule && rule.extracts === true;
  return { name: rule.name, version: rule.version === undefined ? '' : String(rule.version), stage, extracts, apply: rule.apply };
}

function composePipeline(builtIns: readonly BuiltInRule[], options: ResolvedMatcherOptions, field: RuleField, alias?: BuiltInRule): Pipeline {
  const steps: Step[] = builtIns
    .filter((rule) => !rule.optIn || (rule.name === 'transliterate' && options.transliterate))
    .map((rule) => toStep(rule.name === 'alias' && alias !== undefined ? alias : rule, rule.stage));
  // Positions refer to the full built-in list, so a host may place a rule next to an opt-in rule that is off.
  const positionOf = (name: string): number => steps.findIndex((step) => step.name === name);
  for (const rule of options.rules[field]) {
    const existing = positionOf(rule.name);
    if (existing >= 0 && rule.before === undefined && rule.after === undefined) {
      steps[existing] = toStep(rule, steps[existing]?.stage ?? 'key');
      continue;
    }
    if (existing >= 0) steps.splice(existing, 1);
    const anchorName = rule.before ?? rule.after;
    let index = anchorName === undefined ? -1 : positionOf(anchorName);
    let stage: RuleStage = 'key';
    if (index >= 0) {
      stage = steps[index]?.stage ?? 'key';
      if (rule.after !== undefined) index += 1;
    } else if (anchorName !== undefined) {
      // The anchor is an opt-in rule that is off: place by its position in the built-in list.
      const builtInIndex = builtIns.findIndex((builtIn) => builtIn.name === anchorName);
      const following = builtIns.slice(builtInIndex + 1).find((builtIn) => positionOf(builtIn.name) >= 0);
      index = following === undefined ? steps.length : positionOf(following.name);
      stage = builtIns[builtInIndex]?.stage ?? 'key';
    } else {
      const aliasIndex = positionOf('alias');
      index = aliasIndex >= 0 ? aliasIndex : steps.length;
    }
    steps.splice(index, 0, toStep(rule, stage));
  }
  const disabled = new Set(options.disableRules);
  const enabled = steps.filter((step) => !disabled.has(step.name));
  return {
    clean: enabled.filter((step) => step.stage === 'clean'),
    key: enabled.filter((step) => step.stage === 'key'),
    fallback: [...enabled.filter((step) => step.stage === 'clean' && !step.extracts), ...enabled.filter((step) => step.stage === 'key')],
  };
}

function pushUnique(list: string[], value: string): void {
  if (value.length > 0 && !list.includes(value)) list.push(value);
}

/**
 * Runs the artist and title pipelines of one configuration. Build it with
 * {@link createNormalizer}; the default matcher owns one.
 *
 * Keys are plain strings: lowercase letters, digits and single spaces for
 * ordinary names; a title key may end with marker groups such as "(live)".
 * A name made only of punctuation ("!!!", "?") keeps its folded form, and
 * no non-empty input gets an empty key.
 *
 * @example
 * ```ts
 * const normalizer = createNormalizer();
 * normalizer.artistKey('The Beatles'); // 'beatles'
 * normalizer.titleKey('Heroes - 2017 Remaster'); // 'heroes'
 * ```
 */
export class Normalizer {
  readonly #artist: Pipeline;
  readonly #title: Pipeline;
  readonly #artistDescription: readonly PipelineDescription[];
  readonly #titleDescription: readonly PipelineDescription[];

  /** @internal Use {@link createNormalizer}. */
  constructor(options: ResolvedMatcherOptions) {
    const unaliased = composePipeline(artistRules, { ...options, aliases: {} }, 'artist');
    const aliases = new Map<string, string>();
    if (Object.keys(options.aliases).length > 0) {
      // Alias keys and values are normalized by every artist rule but the alias rule itself.
      const keyOf = (name: string): string => this.#finish(unaliased, runSteps(unaliased.clean, name, newContext('artist')), name);
      for (const [alias, canonical] of Object.entries(options.aliases)) {
        const from = keyOf(alias);
        const to = keyOf(canonical);
        if (from !== to) aliases.set(from, to);
      }
    }
    this.#artist = composePipeline(artistRules, options, 'artist', createAliasRule(aliases));
    this.#title = composePipeline(titleRules, options, 'title');
    const describe = (pipeline: Pipeline): PipelineDescription[] =>
      [...pipeline.clean, ...pipeline.key].map((step) => Object.freeze({ name: step.name, version: step.version }));
    this.#artistDescription = Object.freeze(describe(this.#artist));
    this.#titleDescription = Object.freeze(describe(this.#title));
    Object.freeze(this);
  }

  /** The artist rules that run, in order (clean stage, then key stage). */
  get artistRules(): readonly PipelineDescription[] {
    return this.#artistDescription;
  }

  /** The title rules that run, in order (clean stage, then key stage). */
  get titleRules(): readonly PipelineDescription[] {
    return this.#titleDescription;
  }

  /**
   * The main artist key: featured artists removed, alias applied.
   *
   * @example
   * ```ts
   * createNormalizer().artistKey('Beatles, The'); // 'beatles'
   * ```
   */
  artistKey(value: string): string {
    const raw = asText(value);
    return this.#finish(this.#artist, runSteps(this.#artist.clean, raw, newContext('artist')), raw);
  }

  /**
   * The main artist key and the keys of each credited artist (for
   * `trackKeys`), without the details {@link Normalizer.artist} collects.
   *
   * @example
   * ```ts
   * createNormalizer().artistKeys('Queen & David Bowie'); // { key: 'queen and david bowie', credits: ['queen', 'david bowie'] }
   * ```
   */
  artistKeys(value: string): { key: string; credits: string[] } {
    const raw = asText(value);
    const context = newContext('artist');
    const key = this.#finish(this.#artist, runSteps(this.#artist.clean, raw, context), raw);
    const credits: string[] = [];
    for (const credit of context.credits) this.#addCredit(credits, credit, key);
    return { key, credits };
  }

  /**
   * Everything the artist pipeline finds in `value`.
   *
   * @example
   * ```ts
   * createNormalizer().artist('Jay-Z feat. Alicia Keys').featured; // ['alicia keys']
   * ```
   */
  artist(value: string): NormalizedArtist {
    const raw = asText(value);
    const context = newContext('artist');
    const fired: string[] = [];
    const cleaned = runSteps(this.#artist.clean, raw, context, fired);
    const key = this.#finish(this.#artist, cleaned, raw, fired);
    const credits: string[] = [];
    for (const credit of context.credits) this.#addCredit(credits, credit, key);
    return { key, credits, featured: this.#featuredKeys(context.featured, key), fired };
  }

  /**
   * The title key: base title plus different-recording markers.
   *
   * @example
   * ```ts
   * createNormalizer().titleKey('Song - Live at Wembley'); // 'song (live wembley)'
   * ```
   */
  titleKey(value: string): string {
    return this.#title_(asText(value), false).key;
  }

  /**
   * Everything the title pipeline finds in `value`.
   *
   * @example
   * ```ts
   * createNormalizer().title('Empire State of Mind (feat. Alicia Keys)').featured; // ['alicia keys']
   * ```
   */
  title(value: string): NormalizedTitle {
    return this.#title_(asText(value), true);
  }

  #title_(raw: string, details: boolean): NormalizedTitle {
    const context = newContext('title');
    const fired: string[] | undefined = details ? [] : undefined;
    const cleaned = runSteps(this.#title.clean, raw, context, fired);
    const base = runSteps(this.#title.key, cleaned, context, fired);
    if (base.length === 0) {
      const key = this.#fallback(this.#title, raw);
      return { key, base: key, markers: [], featured: [], removed: context.removed, variants: [], fired: fired ?? [] };
    }
    const markers: NormalizedMarker[] = [];
    for (const marker of context.markers) {
      const normalized = this.#marker(marker);
      if (!markers.some((known) => known.key === normalized.key)) markers.push(normalized);
    }
    markers.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    let key = base;
    for (const marker of markers) key += ` ${marker.key}`;
    if (!details) return { key, base, markers, featured: [], removed: [], variants: [], fired: [] };
    return { key, base, markers, featured: this.#featuredKeys(context.featured, ''), removed: context.removed, variants: this.#variants(cleaned, base), fired: fired ?? [] };
  }

  #marker(marker: RecordingMarker): NormalizedMarker {
    const words = tokens(runSteps(this.#title.key, marker.qualifier, newContext('title'))).filter(
      (word) => !QUALIFIER_FILLERS.has(word) && (DIGIT.test(word) || !isSameRecordingWord(word)),
    );
    const qualifier = words.join(' ');
    const kinds = [...marker.kinds];
    return { kinds, qualifier, key: `(${kinds.join(' ')}${qualifier.length > 0 ? ` ${qualifier}` : ''})` };
  }

  #variants(cleaned: string, base: string): string[] {
    const variants: string[] = [];
    const trailing = TRAILING_GROUP.exec(cleaned);
    if (trailing !== null && trailing.index > 0 && !NUMBERING.test(trailing[1] ?? '')) {
      pushUnique(variants, runSteps(this.#title.key, cleaned.slice(0, trailing.index), newContext('title')));
    }
    const leading = LEADING_GROUP.exec(cleaned);
    if (leading !== null && leading[0].length < cleaned.length && !NUMBERING.test(leading[1] ?? '')) {
      pushUnique(variants, runSteps(this.#title.key, cleaned.slice(leading[0].length), newContext('title')));
    }
    return variants.filter((variant) => variant !== base);
  }

  #featuredKeys(found: readonly string[], mainKey: string): string[] {
    const keys: string[] = [];
    for (const credit of found) {
      const names = splitCredits(credit);
      for (const name of names.length > 0 ? names : [credit]) {
        const key = runSteps(this.#artist.key, name, newContext('artist'));
        if (key !== mainKey) pushUnique(keys, key);
      }
    }
    return keys;
  }

  #addCredit(credits: string[], credit: string, mainKey: string): void {
    const key = runSteps(this.#artist.key, credit, newContext('artist'));
    if (key !== mainKey && compact(key).length >= MIN_CREDIT_LENGTH) pushUnique(credits, key);
  }

  /** Runs the key stage; when the rules left nothing of a non-empty input, falls back (see {@link Normalizer.#fallback}). */
  #finish(pipeline: Pipeline, cleaned: string, raw: string, fired?: string[]): string {
    const key = runSteps(pipeline.key, cleaned, newContext('artist'), fired);
    return key.length > 0 ? key : this.#fallback(pipeline, raw);
  }

  /**
   * The key of an input the rules emptied. First the pipeline without the
   * rules that take parts out (a title that was nothing but " - Remastered"
   * or "feat. Sigur Rós"); then the folded input itself (names made only of
   * punctuation: "!!!", "?"); then U+FFFD for input with no visible
   * character. Each is a fixed point, so normalizing a key again gives the
   * same key.
   */
  #fallback(pipeline: Pipeline, raw: string): string {
    if (raw.length === 0) return '';
    const second = runSteps(pipeline.fallback, raw, newContext('artist'));
    if (second.length > 0) return second;
    const folded = foldUnicode(raw);
    return folded.length > 0 ? folded : INVISIBLE_KEY;
  }
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

/**
 * Builds a {@link Normalizer} from the rule options of {@link MatcherOptions}
 * (`transliterate`, `rules`, `disableRules`, `aliases`; `threshold` and
 * `ties` are ignored). Throws {@link OptionsError} on bad options.
 *
 * @example
 * ```ts
 * const normalizer = createNormalizer({ aliases: { 'Prince and the Revolution': 'Prince' } });
 * normalizer.artistKey('Prince & The Revolution'); // 'prince'
 * ```
 */
export function createNormalizer(options?: MatcherOptions): Normalizer {
  return new Normalizer(resolveMatcherOptions(options));
}

let defaultNormalizer: Normalizer | undefined;

function getDefaultNormalizer(): Normalizer {
  defaultNormalizer ??= createNormalizer();
  return defaultNormalizer;
}

/**
 * The artist key under the default rules.
 *
 * @example
 * ```ts
 * normalizeArtist('Björk'); // 'bjork'
 * normalizeArtist('Simon & Garfunkel'); // 'simon and garfunkel'
 * ```
 */
export function normalizeArtist(value: string): string {
  return getDefaultNormalizer().artistKey(value);
}

/**
 * The title key under the default rules.
 *
 * @example
 * ```ts
 * normalizeTitle('Another Brick in the Wall, Pt. 2'); // 'another brick in the wall part 2'
 * normalizeTitle('Song (Live)'); // 'song (live)'
 * ```
 */
export function normalizeTitle(value: string): string {
  return getDefaultNormalizer().titleKey(value);
}

/**
 * {@link NormalizedArtist} under the default rules.
 *
 * @example
 * ```ts
 * normalizeArtistDetails('Queen & David Bowie').credits; // ['queen', 'david bowie']
 * ```
 */
export function normalizeArtistDetails(value: string): NormalizedArtist {
  return getDefaultNormalizer().artist(value);
}

/**
 * {@link NormalizedTitle} under the default rules.
 *
 * @example
 * ```ts
 * normalizeTitleDetails('Heroes - 2017 Remaster').removed; // ['2017 remaster']
 * ```
 */
export function normalizeTitleDetails(value: string): NormalizedTitle {
  return getDefaultNormalizer().title(value);
}
