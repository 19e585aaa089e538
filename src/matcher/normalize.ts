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
import { recordingMarker } from './rules/different-recording.js';
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
  /**
   * Keys of each credited artist of "A, B & C" (not including `key`): at
   * least 3 letters each, and from a list of three or more only names of two
   * or more words.
   */
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

/**
 * What a rule pipeline is made of, for fingerprints and docs.
 *
 * @example
 * ```ts
 * createNormalizer().titleRules.map((rule) => rule.name); // ['unicode', 'diacritics', ...]
 * ```
 */
export interface PipelineDescription {
  readonly name: string;
  /** '' for built-in rules (the matcher version covers them). */
  readonly version: string;
}

/** Extra credited-artist keys shorter than this are dropped ("ac" and "dc" of "AC/DC"). */
const MIN_CREDIT_LENGTH = 3;
/** Words that say nothing about which recording a marker names. */
const QUALIFIER_FILLERS = new Set(['at', 'by', 'from', 'in', 'on', 'the', 'a', 'an', 'of', 'and', 'n', 'for', 'with', 'recorded', 'recording', 'feat', 'ft', 'featuring']);
const TRAILING_GROUP = /\s*[([{]([^()[\]{}]*)[)\]}]?\s*$/;
const LEADING_GROUP = /^[([{]([^()[\]{}]*)[)\]}]\s*/;
const DIGIT = /\d/;
/** Bracketed parts that number a piece are never left out: "(Part II)" is not "(Part I)". */
const NUMBERING = /\d|\b(?:part|pts?|vol|volume|chapter|act|movement|book|episode)\b/;
/**
 * Words in a key that a built-in rule may still act on in a second pass: a
 * credit word, a leading "the", part numbering, a standalone "n".
 */
const ARTIST_RECHECK = /(?:^|\s)(?:feat|ft|featuring|with|x|n)(?:\s|$)|^the\s/;
const TITLE_RECHECK = /(?:^|\s)(?:feat|ft|featuring|pts?|part|n)(?:\s|$)/;
/** How many distinct artist names {@link Normalizer.artistKeys} remembers. */
const ARTIST_CACHE_SIZE = 20_000;
const NO_CREDITS: readonly string[] = Object.freeze([]);

/**
 * The keys of one artist string: the main key and each credited artist's.
 *
 * @example
 * ```ts
 * const keys: ArtistKeys = { key: 'queen and david bowie', credits: ['queen', 'david bowie'] };
 * ```
 */
export interface ArtistKeys {
  readonly key: string;
  readonly credits: readonly string[];
}

/** ASCII letters and digits separated by single spaces: most tags in most libraries. */
const PLAIN = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;
/**
 * Words on which a built-in rule acts in a plain value. A plain value
 * without them is its own key once lowercased (the fast path); the tests
 * check that the fast path and the pipeline agree.
 */
const ARTIST_RULE_WORDS = /(?:^| )(?:feat|ft|featuring|with|x|and|vs|versus|n)(?: |$)|^the /i;
const TITLE_RULE_WORDS = /(?:^| )(?:feat|ft|featuring|part|pts?|n)(?: |$)/i;
/**
 * The key of a non-empty value that has no visible character at all (only spaces, controls, zero-width characters).
 *
 * @example
 * ```ts
 * normalizeArtist('\u200b') === BLANK_KEY; // true
 * ```
 */
export const BLANK_KEY = '\uFFFD';

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
  /** Keys that may change on a second pass; `undefined`: every key (host rules run). */
  readonly #artistRecheck: RegExp | undefined;
  readonly #titleRecheck: RegExp | undefined;
  /** Plain values may skip the pipeline: only built-in rules run, `unicode` among them. */
  readonly #artistFast: boolean;
  readonly #titleFast: boolean;
  /** Memo of {@link Normalizer.artistKeys}; cleared when full. */
  readonly #artistCache = new Map<string, ArtistKeys>();
  /** The alias map when the `alias` rule runs, else `undefined`. */
  readonly #aliases: ReadonlyMap<string, string> | undefined;
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
      // Follow chains (a → b, b → c) so that an aliased key is never aliased again; a cycle stops where it closes.
      for (const [from, to] of aliases) {
        let target = to;
        const seen = new Set([from]);
        while (aliases.has(target) && !seen.has(target)) {
          seen.add(target);
          target = aliases.get(target) ?? target;
        }
        aliases.set(from, target);
      }
    }
    this.#artist = composePipeline(artistRules, options, 'artist', createAliasRule(aliases));
    this.#title = composePipeline(titleRules, options, 'title');
    this.#artistRecheck = options.rules.artist.length > 0 ? undefined : ARTIST_RECHECK;
    this.#titleRecheck = options.rules.title.length > 0 ? undefined : TITLE_RECHECK;
    const runs = (pipeline: Pipeline, name: string): boolean => [...pipeline.clean, ...pipeline.key].some((step) => step.name === name);
    this.#artistFast = options.rules.artist.length === 0 && runs(this.#artist, 'unicode');
    this.#titleFast = options.rules.title.length === 0 && runs(this.#title, 'unicode');
    this.#aliases = runs(this.#artist, 'alias') && aliases.size > 0 ? aliases : undefined;
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
    return this.artistKeys(value).key;
  }

  /**
   * The main artist key and the keys of each credited artist (for
   * `trackKeys`), without the details {@link Normalizer.artist} collects.
   *
   * Memoized: a library repeats each artist and album artist on many
   * tracks, so the last {@link ARTIST_CACHE_SIZE} distinct names are
   * remembered. The result is the same with or without the memo.
   *
   * @example
   * ```ts
   * createNormalizer().artistKeys('Queen & David Bowie'); // { key: 'queen and david bowie', credits: ['queen', 'david bowie'] }
   * ```
   */
  artistKeys(value: string): ArtistKeys {
    const raw = asText(value);
    const cached = this.#artistCache.get(raw);
    if (cached !== undefined) return cached;
    const result = this.#artistKeys(raw);
    if (this.#artistCache.size >= ARTIST_CACHE_SIZE) this.#artistCache.clear();
    this.#artistCache.set(raw, result);
    return result;
  }

  #artistKeys(raw: string): ArtistKeys {
    const plain = this.#plainArtist(raw);
    if (plain !== undefined) return Object.freeze({ key: plain, credits: NO_CREDITS });
    const context = newContext('artist');
    const key = this.#stable(this.#finish(this.#artist, runSteps(this.#artist.clean, raw, context), raw, undefined, context), this.#artistOnce, this.#artistRecheck);
    const credits: string[] = [];
    for (const credit of context.credits) this.#addCredit(credits, credit, key, context.credits.length);
    return Object.freeze({ key, credits: credits.length === 0 ? NO_CREDITS : Object.freeze(credits) });
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
    const key = this.#stable(this.#finish(this.#artist, cleaned, raw, fired, context), this.#artistOnce, this.#artistRecheck);
    const credits: string[] = [];
    for (const credit of context.credits) this.#addCredit(credits, credit, key, context.credits.length);
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
    const raw = asText(value);
    if (this.#titleFast && PLAIN.test(raw) && !TITLE_RULE_WORDS.test(raw)) return raw.toLowerCase();
    return this.#stable(this.#titleOnce(raw), this.#titleOnce, this.#titleRecheck);
  }

  /** The key of a plain artist name without rule words, or `undefined` when the pipeline must run. */
  #plainArtist(raw: string): string | undefined {
    if (!this.#artistFast || !PLAIN.test(raw) || ARTIST_RULE_WORDS.test(raw)) return undefined;
    const key = raw.toLowerCase();
    return this.#aliases?.get(key) ?? key;
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
    const title = this.#title_(asText(value), true);
    const key = this.#stable(title.key, this.#titleOnce, this.#titleRecheck);
    return key === title.key ? title : { ...title, key };
  }

  /** One pass of the artist pipeline (no fixed-point iteration). */
  readonly #artistOnce = (raw: string): string => {
    const context = newContext('artist');
    return this.#finish(this.#artist, runSteps(this.#artist.clean, raw, context), raw, undefined, context);
  };

  /** One pass of the title pipeline (no fixed-point iteration). */
  readonly #titleOnce = (raw: string): string => this.#title_(raw, false).key;

  /**
   * Runs `pass` again on its own output until nothing changes (at most 3
   * more times). One pass is enough for real tags; the second pass only
   * changes keys of pathological values in which punctuation was all that
   * separated a credit word ("X;The", "Pt. { iv") and guarantees that a key
   * normalizes to itself, which the store's exact joins rely on.
   *
   * With only built-in rules, a key can change on a second pass only if it
   * has one of the words those rules react to (`recheck`); other keys skip
   * the second pass. With host rules every key gets it.
   */
  #stable(key: string, pass: (value: string) => string, recheck: RegExp | undefined): string {
    if (recheck !== undefined && !recheck.test(key)) return key;
    let current = key;
    for (let round = 0; round < 3; round++) {
      const next = pass(current);
      if (next === current) return current;
      current = next;
    }
    return current;
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

  /**
   * The marker as keys show it: "(kinds qualifier)". Read back until it
   * reads the same (at most 3 times), because dropping filler words from
   * the qualifier can reveal a kind ("Take Single Version 2" → "take 2").
   */
  #marker(found: RecordingMarker): NormalizedMarker {
    let marker = found;
    let result = this.#markerOnce(marker);
    for (let round = 0; round < 3; round++) {
      const again = recordingMarker(result.key.slice(1, -1));
      if (again === undefined) break;
      marker = again;
      const next = this.#markerOnce(marker);
      if (next.key === result.key) break;
      result = next;
    }
    return result;
  }

  #markerOnce(marker: RecordingMarker): NormalizedMarker {
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

  /**
   * Adds the key of one credited artist. Left out: keys shorter than 3
   * letters ("ac" and "dc" of "AC/DC"), and one-word names from a list of
   * three or more, which are nearly always words of a band name ("Earth,
   * Wind & Fire", "Crosby, Stills, Nash & Young", "Blood, Sweat & Tears")
   * rather than artists of their own.
   */
  #addCredit(credits: string[], credit: string, mainKey: string, listLength: number): void {
    const key = this.#stable(runSteps(this.#artist.key, credit, newContext('artist')), this.#artistOnce, this.#artistRecheck);
    if (key === mainKey || compact(key).length < MIN_CREDIT_LENGTH) return;
    if (listLength > 2 && !key.includes(' ')) return;
    pushUnique(credits, key);
  }

  /** Runs the key stage; when the rules left nothing of a non-empty input, falls back (see {@link Normalizer.#fallback}). */
  #finish(pipeline: Pipeline, cleaned: string, raw: string, fired?: string[], context: RuleContext = newContext('artist')): string {
    const key = runSteps(pipeline.key, cleaned, context, fired);
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
    return folded.length > 0 ? folded : BLANK_KEY;
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
