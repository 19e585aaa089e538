/**
 * The matcher: the {@link Matcher} interface, the default matcher, its
 * normalization rules and options. Re-exported by the package root.
 *
 * @example
 * ```ts
 * import { createMatcher } from 'loved-track-cache';
 *
 * const matcher = createMatcher({ threshold: 0.9, aliases: { 'Prince and the Revolution': 'Prince' } });
 * matcher.compare({ artist: 'Björk', title: 'Jóga' }, { id: 1, artist: 'Bjork', title: 'Joga' });
 * // { accepted: true, score: 1, reasons: [...] }
 * ```
 *
 * @module
 */

export type { LovedKeys, LovedTrackInput, Matcher, MatchResult, ScoredCandidate, TrackKeys } from './matcher.js';

export { createMatcher } from './default-matcher.js';
export { DEFAULT_THRESHOLD, DEFAULT_TIES } from './matcher-options.js';
export type { HostRule, MatcherOptions, TiePolicy } from './matcher-options.js';
export { MATCHER_VERSION } from './fingerprint.js';

export { createNormalizer, normalizeArtist, normalizeArtistDetails, normalizeTitle, normalizeTitleDetails } from './normalize.js';
export type { ArtistKeys, Normalizer, NormalizedArtist, NormalizedMarker, NormalizedTitle, PipelineDescription } from './normalize.js';

export { artistRules, titleRules } from './rules/built-in-rules.js';
export type { BuiltInRule, NormalizeRule, RecordingMarker, RuleApply, RuleContext, RuleField, RuleStage } from './rules/rule.js';
