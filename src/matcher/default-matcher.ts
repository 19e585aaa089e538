/**
 * The default {@link Matcher}: normalized keys, then a score from artist and
 * title agreement, with precision first ("a wrong favorite is worse than a
 * miss").
 *
 * @module
 */
import type { LibraryTrack } from '../types.js';
import { MATCHER_VERSION, fingerprintOf } from './fingerprint.js';
import type { LovedKeys, LovedTrackInput, Matcher, MatchResult, ScoredCandidate, TrackKeys } from './matcher.js';
import type { MatcherOptions, ResolvedMatcherOptions, TiePolicy } from './matcher-options.js';
import { resolveMatcherOptions } from './matcher-options.js';
import type { NormalizedArtist, NormalizedMarker, NormalizedTitle } from './normalize.js';
import { BLANK_KEY, Normalizer } from './normalize.js';
import { keySimilarity, rawSimilarity } from './similarity.js';
import { compareIds, isLiveAlbum, originalityRank } from './tie-break.js';

/**
 * Album-artist names of multi-artist compilations, in several languages.
 * Normalized with the matcher's own rules, so "V/A" and "V.A." count too.
 */
const VARIOUS_ARTISTS = [
  'Various Artists', 'Various', 'VA', 'V.A.', 'V/A', 'Various Performers', 'Varios Artistas', 'Varios', 'Vários Artistas',
  'Verschiedene Interpreten', 'Verschiedene', 'Artistes Divers', 'Multi-interprètes', 'Artisti Vari', 'Diverse Artiesten',
  'Compilation', 'Soundtrack', 'Original Soundtrack', 'Original Motion Picture Soundtrack', 'Original Cast',
];

/** Artist agreement levels (see docs/matching.md, "Scoring"). */
const ARTIST_SCORES = Object.freeze({ sameCredits: 0.98, creditedArtist: 0.95, albumArtist: 0.95, lovedCredit: 0.9, onlyFeatured: 0.5 });
/** Title agreement levels. */
const TITLE_SCORES = Object.freeze({ leadingThe: 0.95, bracketVariant: 0.9, qualifierMissing: 0.9, remixerMissing: 0.8, liveAlbum: 0.9, qualifierSubset: 0.9 });
/** Both sides credit featured artists and none agree: probably a different version. */
const FEATURED_CONFLICT = 0.8;
/** Scores equal within this are a tie. */
const TIE_EPSILON = 1e-9;
/** Rules that fire on nearly every value; left out of `reasons`. */
const QUIET_RULES = new Set(['unicode', 'whitespace']);

interface LovedView {
  readonly artist: NormalizedArtist;
  readonly title: NormalizedTitle;
  readonly mbid: string;
}

interface TrackView {
  readonly track: LibraryTrack;
  readonly artist: NormalizedArtist;
  readonly title: NormalizedTitle;
  /** Album artist key, unless absent or "Various Artists". */
  readonly albumArtist: string | undefined;
  readonly albumArtistIsVarious: boolean;
  readonly albumArtistIsOther: boolean;
  readonly liveAlbum: boolean;
  readonly mbid: string;
}

interface Part {
  readonly score: number;
  readonly reasons: readonly string[];
}

function round(score: number): number {
  return Math.round(score * 10000) / 10000;
}

function normalizeMbid(mbid: string | null | undefined): string {
  return typeof mbid === 'string' ? mbid.trim().toLowerCase() : '';
}

function quote(value: string): string {
  return JSON.stringify(value);
}

/** "the ballad of john and yoko" → "ballad of john and yoko": radio logs and tags disagree on a title's leading "The". */
function withoutLeadingThe(title: string): string {
  return title.startsWith('the ') ? title.slice(4) : title;
}

function kindsOf(markers: readonly NormalizedMarker[]): string[] {
  return [...new Set(markers.flatMap((marker) => marker.kinds))].sort();
}

function qualifierWords(markers: readonly NormalizedMarker[]): string[] {
  return [...new Set(markers.flatMap((marker) => (marker.qualifier.length > 0 ? marker.qualifier.split(' ') : [])))].sort();
}

function describeKinds(kinds: readonly string[]): string {
  return kinds.length === 0 ? 'the plain recording (no live/remix/... marker)' : kinds.join(' + ');
}

function firedReason(field: string, loved: readonly string[], track: readonly string[]): string[] {
  const fired = [...new Set([...loved, ...track])].filter((name) => !QUIET_RULES.has(name));
  return fired.length === 0 ? [] : [`${field} rules applied: ${fired.join(', ')}`];
}

function individuals(artist: NormalizedArtist, titleFeatured: readonly string[]): Set<string> {
  return new Set([...(artist.credits.length > 0 ? artist.credits : [artist.key]), ...artist.featured, ...titleFeatured]);
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

/**
 * The default matcher. Create it with {@link createMatcher}.
 */
class DefaultMatcher implements Matcher {
  readonly fingerprint: string;
  readonly #normalizer: Normalizer;
  readonly #threshold: number;
  readonly #ties: TiePolicy;
  readonly #various: ReadonlySet<string>;

  constructor(options: ResolvedMatcherOptions) {
    this.#normalizer = new Normalizer(options);
    this.#threshold = options.threshold;
    this.#ties = options.ties;
    this.#various = new Set(VARIOUS_ARTISTS.map((name) => this.#normalizer.artistKey(name)));
    const ruleIds = (rules: readonly { name: string; version: string }[]): string[] =>
      rules.map((rule) => (rule.version.length > 0 ? `${rule.name}@${rule.version}` : rule.name));
    this.fingerprint = fingerprintOf({
      version: MATCHER_VERSION,
      artist: ruleIds(this.#normalizer.artistRules),
      title: ruleIds(this.#normalizer.titleRules),
      threshold: this.#threshold,
      ties: this.#ties,
      aliases: Object.entries(options.aliases).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    });
    Object.freeze(this);
  }

  /** The normalizer this matcher keys and compares with. */
  get normalizer(): Normalizer {
    return this.#normalizer;
  }

  lovedKeys(loved: LovedTrackInput): LovedKeys {
    return { artist: this.#normalizer.artistKey(loved.artist), title: this.#normalizer.titleKey(loved.title) };
  }

  trackKeys(track: LibraryTrack): TrackKeys {
    const { key, credits } = this.#normalizer.artistKeys(track.artist);
    const artists = [key, ...credits];
    if (typeof track.albumArtist === 'string' && track.albumArtist.length > 0) {
      const albumArtist = this.#normalizer.artistKey(track.albumArtist);
      if (albumArtist.length > 0 && !this.#various.has(albumArtist) && !artists.includes(albumArtist)) artists.push(albumArtist);
    }
    return { artists, title: this.#normalizer.titleKey(track.title) };
  }

  compare(loved: LovedTrackInput, track: LibraryTrack): MatchResult {
    try {
      return this.#compare(this.#lovedView(loved), this.#trackView(track));
    } catch (error) {
      return { accepted: false, score: 0, reasons: [`comparison failed: ${error instanceof Error ? error.message : String(error)}`] };
    }
  }

  best<T extends LibraryTrack>(loved: LovedTrackInput, candidates: readonly T[]): ScoredCandidate<T>[] {
    let lovedView: LovedView;
    try {
      lovedView = this.#lovedView(loved);
    } catch {
      return [];
    }
    const accepted: { candidate: ScoredCandidate<T>; rank: number }[] = [];
    for (const track of candidates) {
      let view: TrackView;
      let result: MatchResult;
      try {
        view = this.#trackView(track);
        result = this.#compare(lovedView, view);
      } catch {
        continue;
      }
      if (result.accepted) accepted.push({ candidate: { ...result, track }, rank: originalityRank(track, view) });
    }
    if (accepted.length === 0) return [];
    const top = Math.max(...accepted.map((entry) => entry.candidate.score));
    const tied = accepted
      .filter((entry) => entry.candidate.score >= top - TIE_EPSILON)
      .sort((a, b) => a.rank - b.rank || compareIds(a.candidate.track.id, b.candidate.track.id));
    if (this.#ties === 'all' || tied.length === 1) return tied.map((entry) => entry.candidate);
    const [first] = tied;
    if (first === undefined) return [];
    const others = tied.length - 1;
    const why = first.rank < (tied[1]?.rank ?? first.rank) ? 'it is not on a compilation or live album' : 'it has the lowest id';
    return [
      {
        ...first.candidate,
        reasons: [...first.candidate.reasons, `tie-break (prefer-original): chosen over ${others} equally good track${others === 1 ? '' : 's'} because ${why}`],
      },
    ];
  }

  #lovedView(loved: LovedTrackInput): LovedView {
    return { artist: this.#normalizer.artist(loved.artist), title: this.#normalizer.title(loved.title), mbid: normalizeMbid(loved.mbid) };
  }

  #trackView(track: LibraryTrack): TrackView {
    const artist = this.#normalizer.artist(track.artist);
    let albumArtist: string | undefined;
    let albumArtistIsVarious = false;
    if (typeof track.albumArtist === 'string' && track.albumArtist.length > 0) {
      const key = this.#normalizer.artistKey(track.albumArtist);
      if (this.#various.has(key)) albumArtistIsVarious = true;
      else if (key.length > 0) albumArtist = key;
    }
    const albumArtistIsOther =
      albumArtist !== undefined && albumArtist !== artist.key && !artist.credits.includes(albumArtist) && !artist.featured.includes(albumArtist);
    return {
      track,
      artist,
      title: this.#normalizer.title(track.title),
      albumArtist,
      albumArtistIsVarious,
      albumArtistIsOther,
      liveAlbum: isLiveAlbum(track.album),
      mbid: normalizeMbid(track.mbid),
    };
  }

  #compare(loved: LovedView, track: TrackView): MatchResult {
    if (loved.mbid.length > 0 && loved.mbid === track.mbid) {
      return { accepted: true, score: 1, reasons: [`same MusicBrainz recording id (${loved.mbid})`] };
    }
    if ([loved.artist.key, loved.title.key, track.artist.key, track.title.key].some((key) => key.length === 0 || key === BLANK_KEY)) {
      return { accepted: false, score: 0, reasons: ['nothing to compare: an artist or title is empty'] };
    }
    const artist = this.#artistPart(loved, track);
    const title = this.#titlePart(loved.title, track);
    const featured = this.#featuredPart(loved, track);
    const score = round(artist.score * title.score * featured.score);
    const accepted = score > 0 && score >= this.#threshold;
    const reasons = [
      ...artist.reasons,
      ...title.reasons,
      ...featured.reasons,
      ...firedReason('artist', loved.artist.fired, track.artist.fired),
      ...firedReason('title', loved.title.fired, track.title.fired),
      `score ${score} ${accepted ? '>=' : '<'} threshold ${this.#threshold}: ${accepted ? 'accepted' : 'rejected'}`,
    ];
    if (loved.mbid.length > 0 && track.mbid.length > 0) reasons.push('recording ids differ (not used: Last.fm ids are often of another release)');
    return { accepted, score, reasons };
  }

  #artistPart(loved: LovedView, track: TrackView): Part {
    const key = loved.artist.key;
    const trackArtist = track.artist;
    if (key === trackArtist.key) return { score: 1, reasons: [`artist: same name ${quote(key)}`] };
    const options: Part[] = [];
    const similarity = keySimilarity(key, trackArtist.key, 'artist');
    if (similarity.kind === 'spacing') options.push({ score: similarity.score, reasons: [`artist: same name but for spacing (${quote(key)} / ${quote(trackArtist.key)})`] });
    if (similarity.kind === 'typo') {
      options.push({ score: similarity.score, reasons: [`artist: ${quote(key)} is ${similarity.edits} typo${similarity.edits === 1 ? '' : 's'} from ${quote(trackArtist.key)}`] });
    }
    const lovedPeople = individuals(loved.artist, loved.title.featured);
    const trackPeople = individuals(trackArtist, track.title.featured);
    if (lovedPeople.size > 1 && sameSet(lovedPeople, trackPeople)) {
      options.push({ score: ARTIST_SCORES.sameCredits, reasons: [`artist: the same artists credited differently (${[...lovedPeople].map(quote).join(', ')})`] });
    }
    if (trackArtist.credits.includes(key)) {
      options.push({ score: ARTIST_SCORES.creditedArtist, reasons: [`artist: ${quote(key)} is one of the credited artists of ${quote(track.track.artist)}`] });
    }
    if (track.albumArtist !== undefined && (track.albumArtist === key || keySimilarity(key, track.albumArtist, 'artist').kind === 'spacing')) {
      options.push({ score: ARTIST_SCORES.albumArtist, reasons: [`artist: ${quote(key)} is the album artist`] });
    }
    if (loved.artist.credits.includes(trackArtist.key)) {
      options.push({ score: ARTIST_SCORES.lovedCredit, reasons: [`artist: the track's artist ${quote(trackArtist.key)} is one of the loved track's credited artists`] });
    }
    if (options.length === 0 && (trackArtist.featured.includes(key) || track.title.featured.includes(key))) {
      options.push({ score: ARTIST_SCORES.onlyFeatured, reasons: [`artist: ${quote(key)} is only a featured artist on the track`] });
    }
    let best: Part | undefined;
    for (const option of options) if (best === undefined || option.score > best.score) best = option;
    if (best !== undefined) return best;
    return {
      score: 0,
      reasons: [`artist differs: ${quote(key)} vs ${quote(trackArtist.key)} (likeness ${round(rawSimilarity(key, trackArtist.key))})`],
    };
  }

  #titlePart(loved: NormalizedTitle, track: TrackView): Part {
    const markers = this.#markerPart(loved.markers, track.title.markers, track.liveAlbum);
    if (markers.score === 0) return markers;
    const title = track.title;
    const reasons: string[] = [];
    let base: Part;
    if (loved.base === title.base) {
      base = { score: 1, reasons: [`title: same title ${quote(loved.base)}`] };
    } else {
      const similarity = keySimilarity(loved.base, title.base, 'title');
      const options: Part[] = [];
      if (similarity.kind === 'spacing') options.push({ score: similarity.score, reasons: [`title: same title but for spacing (${quote(loved.base)} / ${quote(title.base)})`] });
      if (similarity.kind === 'typo') {
        options.push({ score: similarity.score, reasons: [`title: ${quote(loved.base)} is ${similarity.edits} typo${similarity.edits === 1 ? '' : 's'} from ${quote(title.base)}`] });
      }
      if (withoutLeadingThe(loved.base) === withoutLeadingThe(title.base)) {
        options.push({ score: TITLE_SCORES.leadingThe, reasons: [`title: same title but for a leading "The" (${quote(loved.base)} / ${quote(title.base)})`] });
      }
      if (title.variants.includes(loved.base) || loved.variants.includes(title.base) || loved.variants.some((variant) => title.variants.includes(variant))) {
        options.push({ score: TITLE_SCORES.bracketVariant, reasons: [`title: same title once a bracketed part is left out (${quote(loved.base)} / ${quote(title.base)})`] });
      }
      let best: Part | undefined;
      for (const option of options) if (best === undefined || option.score > best.score) best = option;
      base = best ?? { score: 0, reasons: [`title differs: ${quote(loved.base)} vs ${quote(title.base)} (likeness ${round(rawSimilarity(loved.base, title.base))})`] };
    }
    reasons.push(...base.reasons, ...markers.reasons);
    const removed = [...new Set([...loved.removed, ...title.removed])];
    if (removed.length > 0) reasons.push(`title: ignored same-recording suffix${removed.length === 1 ? '' : 'es'} ${removed.map(quote).join(', ')}`);
    return { score: base.score * markers.score, reasons };
  }

  #markerPart(loved: readonly NormalizedMarker[], track: readonly NormalizedMarker[], liveAlbum: boolean): Part {
    const lovedKinds = kindsOf(loved);
    const trackKinds = kindsOf(track);
    if (lovedKinds.join('+') !== trackKinds.join('+')) {
      if (lovedKinds.length === 1 && lovedKinds[0] === 'live' && trackKinds.length === 0 && liveAlbum) {
        return { score: TITLE_SCORES.liveAlbum, reasons: ['title: loved is live and the track is on a live album'] };
      }
      return { score: 0, reasons: [`different recording: loved is ${describeKinds(lovedKinds)}, track is ${describeKinds(trackKinds)}`] };
    }
    if (lovedKinds.length === 0) return { score: 1, reasons: [] };
    const kinds = lovedKinds.join(' + ');
    const lovedWords = qualifierWords(loved);
    const trackWords = qualifierWords(track);
    if (lovedWords.join(' ') === trackWords.join(' ')) return { score: 1, reasons: [`title: both are ${kinds}${lovedWords.length > 0 ? ` (${lovedWords.join(' ')})` : ''}`] };
    if (lovedWords.length === 0 || trackWords.length === 0) {
      const score = lovedKinds.includes('remix') ? TITLE_SCORES.remixerMissing : TITLE_SCORES.qualifierMissing;
      return { score, reasons: [`title: both are ${kinds}, only one side says which (${quote([...lovedWords, ...trackWords].join(' '))})`] };
    }
    const [fewer, more] = lovedWords.length <= trackWords.length ? [lovedWords, trackWords] : [trackWords, lovedWords];
    if (fewer.every((word) => more.includes(word))) {
      return { score: TITLE_SCORES.qualifierSubset, reasons: [`title: both are ${kinds} (${quote(lovedWords.join(' '))} / ${quote(trackWords.join(' '))})`] };
    }
    return { score: 0, reasons: [`different recording: both are ${kinds} but ${quote(lovedWords.join(' '))} is not ${quote(trackWords.join(' '))}`] };
  }

  #featuredPart(loved: LovedView, track: TrackView): Part {
    const lovedFeatured = new Set([...loved.artist.featured, ...loved.title.featured]);
    const trackFeatured = new Set([...track.artist.featured, ...track.title.featured]);
    if (lovedFeatured.size === 0 && trackFeatured.size === 0) return { score: 1, reasons: [] };
    const all = [...new Set([...lovedFeatured, ...trackFeatured])];
    if (lovedFeatured.size === 0 || trackFeatured.size === 0) {
      return { score: 1, reasons: [`featured artists set aside: ${all.map(quote).join(', ')}`] };
    }
    const lovedPeople = individuals(loved.artist, loved.title.featured);
    const trackPeople = individuals(track.artist, track.title.featured);
    const agree = [...lovedFeatured].some((name) => trackPeople.has(name)) || [...trackFeatured].some((name) => lovedPeople.has(name));
    if (agree) return { score: 1, reasons: [`featured artists agree: ${all.map(quote).join(', ')}`] };
    return {
      score: FEATURED_CONFLICT,
      reasons: [`featured artists differ: ${[...lovedFeatured].map(quote).join(', ')} vs ${[...trackFeatured].map(quote).join(', ')}`],
    };
  }
}

/**
 * Creates the default {@link Matcher}. Throws {@link OptionsError} on bad
 * options.
 *
 * @example
 * ```ts
 * const matcher = createMatcher({ aliases: { 'Prince and the Revolution': 'Prince' } });
 * matcher.compare({ artist: 'The Beatles', title: 'Heroes' }, { id: 1, artist: 'Beatles, The', title: 'Heroes' }).accepted; // true
 * matcher.best({ artist: 'Queen', title: 'Killer Queen' }, tracks); // [{ track, score: 1, accepted: true, reasons }]
 * ```
 */
export function createMatcher(options?: MatcherOptions): Matcher & { readonly normalizer: Normalizer } {
  return new DefaultMatcher(resolveMatcherOptions(options));
}

export type { MatcherOptions, TiePolicy } from './matcher-options.js';
