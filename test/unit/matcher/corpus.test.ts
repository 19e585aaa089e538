import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/matcher/index.js';
import type { Matcher, MatcherOptions } from '../../../src/matcher/index.js';
import type { LibraryTrack } from '../../../src/types.js';

interface CorpusPair {
  readonly match: boolean;
  readonly rule: string;
  readonly note: string;
  readonly loved: { readonly artist: string; readonly title: string; readonly mbid?: string };
  readonly track: LibraryTrack;
  readonly options?: MatcherOptions;
}

const corpus = JSON.parse(readFileSync(new URL('../../fixtures/matching-corpus.json', import.meta.url), 'utf8')) as { pairs: CorpusPair[] };
const matchers = new Map<string, Matcher>();
function matcherFor(options: MatcherOptions | undefined): Matcher {
  const key = JSON.stringify(options ?? {});
  let matcher = matchers.get(key);
  if (matcher === undefined) {
    matcher = createMatcher(options);
    matchers.set(key, matcher);
  }
  return matcher;
}

const results = corpus.pairs.map((pair) => ({ pair, result: matcherFor(pair.options).compare(pair.loved, pair.track) }));
const describePair = ({ pair, result }: (typeof results)[number]) =>
  `#${pair.track.id} [${pair.rule}] ${pair.note}: "${pair.loved.artist} - ${pair.loved.title}" vs "${pair.track.artist} - ${pair.track.title}" -> score ${result.score}; ${result.reasons.join(' | ')}`;

describe('matching corpus (test/fixtures/matching-corpus.json)', () => {
  it('has at least 200 pairs, about 40% negatives, each with a rule and a note', () => {
    expect(corpus.pairs.length).toBeGreaterThanOrEqual(200);
    const negatives = corpus.pairs.filter((pair) => !pair.match).length / corpus.pairs.length;
    expect(negatives).toBeGreaterThanOrEqual(0.35);
    expect(negatives).toBeLessThanOrEqual(0.45);
    for (const pair of corpus.pairs) {
      expect(pair.rule.length).toBeGreaterThan(0);
      expect(pair.note.length).toBeGreaterThan(0);
    }
    expect(new Set(corpus.pairs.map((pair) => pair.track.id)).size).toBe(corpus.pairs.length);
  });

  it('covers every built-in rule', () => {
    const covered = new Set(corpus.pairs.map((pair) => pair.rule));
    for (const rule of [
      'unicode', 'diacritics', 'transliterate', 'quotes-dashes', 'symbol-letters', 'featured-credits', 'credit-split', 'leading-the',
      'and-sign', 'punctuation', 'same-recording', 'different-recording', 'part-numbering', 'alias', 'mbid', 'similarity',
    ]) {
      expect(covered, rule).toContain(rule);
    }
  });

  it('makes no false match', () => {
    const falseMatches = results.filter(({ pair, result }) => !pair.match && result.accepted);
    expect(falseMatches.map(describePair)).toEqual([]);
  });

  it('finds at least 97% of the true matches', () => {
    const positives = results.filter(({ pair }) => pair.match);
    const found = positives.filter(({ result }) => result.accepted);
    const missed = positives.filter(({ result }) => !result.accepted);
    const recall = found.length / positives.length;
    console.log(
      `matching corpus: ${corpus.pairs.length} pairs (${positives.length} true, ${corpus.pairs.length - positives.length} false); ` +
        `recall ${(recall * 100).toFixed(1)}% (${found.length}/${positives.length}), false matches 0` +
        (missed.length > 0 ? `\nmissed:\n  ${missed.map(describePair).join('\n  ')}` : ''),
    );
    expect(recall).toBeGreaterThanOrEqual(0.97);
  });

  it('keys: every true match shares the artist key or the title key (blocking finds it)', () => {
    const lost = results.filter(({ pair }) => {
      if (!pair.match || pair.loved.mbid !== undefined) return false;
      const matcher = matcherFor(pair.options);
      const loved = matcher.lovedKeys(pair.loved);
      const track = matcher.trackKeys(pair.track);
      return !track.artists.includes(loved.artist) && track.title !== loved.title;
    });
    // Typos on both sides cannot be blocked by keys; allow a handful, report them.
    expect(lost.map(describePair).length).toBeLessThanOrEqual(2);
  });

  it('keys: every pair that shares the artist key and the title key is accepted, unless the featured guests differ', () => {
    // Featured guests are not part of the keys (docs/matching.md, "Keys"): differing guests are the one veto
    // compare() adds to an exact key match, which is why the store runs best() on exact-join results too.
    const inconsistent = results.filter(({ pair, result }) => {
      const matcher = matcherFor(pair.options);
      const loved = matcher.lovedKeys(pair.loved);
      const track = matcher.trackKeys(pair.track);
      const sharesKeys = track.artists.includes(loved.artist) && track.title === loved.title;
      return sharesKeys && !result.accepted && !result.reasons.some((reason) => reason.startsWith('featured artists differ'));
    });
    expect(inconsistent.map(describePair)).toEqual([]);
  });
});
