import { describe, expect, it } from 'vitest';
import { createAliasRule } from '../../../src/matcher/rules/alias.js';
import { andSignRule } from '../../../src/matcher/rules/and-sign.js';
import { artistRules, titleRules } from '../../../src/matcher/rules/built-in-rules.js';
import { creditSplitRule, splitCredits } from '../../../src/matcher/rules/credit-split.js';
import { diacriticsRule } from '../../../src/matcher/rules/diacritics.js';
import { differentRecordingRule, recordingMarker } from '../../../src/matcher/rules/different-recording.js';
import { featuredArtistRule, featuredTitleRule } from '../../../src/matcher/rules/featured-credits.js';
import { leadingTheRule } from '../../../src/matcher/rules/leading-the.js';
import { partNumberingRule } from '../../../src/matcher/rules/part-numbering.js';
import { punctuationRule } from '../../../src/matcher/rules/punctuation.js';
import { quotesDashesRule } from '../../../src/matcher/rules/quotes-dashes.js';
import type { RuleContext, RuleField } from '../../../src/matcher/rules/rule.js';
import { isSameRecordingSuffix, sameRecordingRule } from '../../../src/matcher/rules/same-recording.js';
import { symbolLettersRule } from '../../../src/matcher/rules/symbol-letters.js';
import { transliterateRule } from '../../../src/matcher/rules/transliterate.js';
import { unicodeRule } from '../../../src/matcher/rules/unicode.js';
import { whitespaceRule } from '../../../src/matcher/rules/whitespace.js';

function context(field: RuleField = 'title'): RuleContext {
  return { field, featured: [], credits: [], markers: [], removed: [] };
}

describe('built-in rules', () => {
  const all = [...new Set([...artistRules, ...titleRules])];

  it.each(all.filter((rule) => rule.name !== 'alias').map((rule) => [rule.name, rule] as const))('%s turns its documented example into its documented output', (_name, rule) => {
    const [input, output] = rule.example;
    expect(rule.apply(input, context(artistRules.includes(rule) ? 'artist' : 'title'))).toBe(output);
  });

  it('every rule has a unique name within its pipeline, a description and a stage', () => {
    for (const pipeline of [artistRules, titleRules]) {
      const names = pipeline.map((rule) => rule.name);
      expect(new Set(names).size).toBe(names.length);
      for (const rule of pipeline) {
        expect(rule.description.length).toBeGreaterThan(10);
        expect(['clean', 'key']).toContain(rule.stage);
      }
    }
  });

  it('lists the pipelines in the documented order', () => {
    expect(artistRules.map((rule) => rule.name)).toEqual([
      'unicode', 'diacritics', 'transliterate', 'quotes-dashes', 'symbol-letters', 'featured-credits',
      'credit-split', 'leading-the', 'and-sign', 'punctuation', 'whitespace', 'alias',
    ]);
    expect(titleRules.map((rule) => rule.name)).toEqual([
      'unicode', 'diacritics', 'transliterate', 'quotes-dashes', 'featured-credits', 'same-recording',
      'different-recording', 'part-numbering', 'and-sign', 'punctuation', 'whitespace',
    ]);
  });
});

describe('unicode', () => {
  const apply = (value: string) => unicodeRule.apply(value, context());
  it('folds case and compatibility forms', () => {
    expect(apply('ＡＢＢＡ')).toBe('abba');
    expect(apply('ﬁre')).toBe('fire');
    expect(apply('STRAßE')).toBe('strasse');
  });
  it('drops invisible characters and lone surrogates, turns controls into spaces', () => {
    expect(apply('Mu\u200bse\u00ad')).toBe('muse');
    expect(apply('a\ud800b')).toBe('ab');
    expect(apply('Tom\tPetty\n')).toBe('tom petty');
  });
  it('keeps emoji (a surrogate pair is not a lone surrogate)', () => {
    expect(apply('🔥 Fire')).toBe('🔥 fire');
  });
});

describe('diacritics', () => {
  const apply = (value: string) => diacriticsRule.apply(value, context());
  it('folds Latin accents and special letters', () => {
    expect(apply('björk')).toBe('bjork');
    expect(apply('sigur rós')).toBe('sigur ros');
    expect(apply('beyoncé')).toBe('beyonce');
    expect(apply('røyksopp')).toBe('royksopp');
    expect(apply('æon')).toBe('aeon');
  });
  it('leaves kana voicing marks and Cyrillic letters alone', () => {
    expect(apply('ガ')).toBe('ガ');
    expect(apply('мой')).toBe('мой');
  });
});

describe('transliterate (opt-in)', () => {
  it('is off by default in both pipelines', () => {
    expect(transliterateRule.optIn).toBe(true);
  });
  it('turns non-Latin scripts into lowercase ASCII', () => {
    expect(transliterateRule.apply('кино', context())).toBe('kino');
    expect(transliterateRule.apply('abc', context())).toBe('abc');
  });
});

describe('quotes-dashes', () => {
  const apply = (value: string) => quotesDashesRule.apply(value, context());
  it('unifies apostrophes and quotes', () => {
    expect(apply('don’t')).toBe("don't");
    expect(apply('don`t')).toBe("don't");
    expect(apply('“heroes”')).toBe('"heroes"');
  });
  it('unifies Unicode hyphens and dashes (Jay‐Z with U+2010)', () => {
    expect(apply('jay\u2010z')).toBe('jay-z');
    expect(apply('heroes \u2013 2017 remaster')).toBe('heroes - 2017 remaster');
    expect(apply('a\u2212b')).toBe('a-b');
  });
  it('reads the multiplication sign as a credit "x"', () => {
    expect(apply('ed sheeran × justin bieber')).toBe('ed sheeran x justin bieber');
  });
});

describe('symbol-letters', () => {
  const apply = (value: string) => symbolLettersRule.apply(value, context('artist'));
  it('reads P!nk, Ke$ha, A$AP', () => {
    expect(apply('p!nk')).toBe('pink');
    expect(apply('ke$ha')).toBe('kesha');
    expect(apply('a$ap rocky')).toBe('asap rocky');
  });
  it('leaves "!!!", "?" and "Panic! at the Disco" alone', () => {
    expect(apply('!!!')).toBe('!!!');
    expect(apply('panic! at the disco')).toBe('panic! at the disco');
  });
});

describe('featured-credits', () => {
  it('artist: removes feat./ft./featuring/with/x and keeps the guest aside', () => {
    for (const [input, main, guest] of [
      ['jay-z feat. alicia keys', 'jay-z', 'alicia keys'],
      ['santana featuring rob thomas', 'santana', 'rob thomas'],
      ['eminem ft. rihanna', 'eminem', 'rihanna'],
      ['ed sheeran x justin bieber', 'ed sheeran', 'justin bieber'],
      ['diplo with sia', 'diplo', 'sia'],
      ['lil nas x feat. billy ray cyrus', 'lil nas x', 'billy ray cyrus'],
      ['jay-z (feat. kanye west)', 'jay-z', 'kanye west'],
    ] as const) {
      const ctx = context('artist');
      expect(featuredArtistRule.apply(input, ctx)).toBe(main);
      expect(ctx.featured).toEqual([guest]);
    }
  });
  it('artist: a trailing X and "Little Feat" are names, not credits', () => {
    for (const name of ['racer x', 'generation x', 'brand x', 'lil nas x', 'little feat', 'little feat & friends']) {
      const ctx = context('artist');
      expect(featuredArtistRule.apply(name, ctx)).toBe(name);
      expect(ctx.featured).toEqual([]);
    }
  });
  it('title: removes bracketed and bare credits, but not "with" inside a title', () => {
    const ctx = context();
    expect(featuredTitleRule.apply('empire state of mind (feat. alicia keys)', ctx)).toBe('empire state of mind');
    expect(featuredTitleRule.apply("i don't care (with justin bieber)", ctx)).toBe("i don't care");
    expect(featuredTitleRule.apply('no role modelz ft. j. cole', ctx)).toBe('no role modelz');
    expect(featuredTitleRule.apply('song - feat. drake', ctx)).toBe('song');
    expect(ctx.featured).toEqual(['alicia keys', 'justin bieber', 'j. cole', 'drake']);
    expect(featuredTitleRule.apply('dancing with myself', context())).toBe('dancing with myself');
    expect(featuredTitleRule.apply('(with you) i am', context())).toBe('(with you) i am');
  });
  it('title: "(X Remix)" is a remix, not a guest', () => {
    expect(featuredTitleRule.apply('song (x remix)', context())).toBe('song (x remix)');
  });
});

describe('same-recording', () => {
  it('removes remaster, version, edit, mono/stereo, explicit/clean suffixes in brackets or after " - "', () => {
    for (const [input, output] of [
      ['heroes - 2017 remaster', 'heroes'],
      ['hey jude (remastered 2015)', 'hey jude'],
      ['heroes [2017 remastered version]', 'heroes'],
      ['someday (single mix)', 'someday'],
      ['song (single version)', 'song'],
      ['song (album version)', 'song'],
      ['song - radio edit', 'song'],
      ['song (radio version)', 'song'],
      ['song (mono)', 'song'],
      ['song - stereo', 'song'],
      ['song [explicit]', 'song'],
      ['song (clean)', 'song'],
      ['song - 24-bit digital remaster', 'song'],
      ['let it go (from "frozen")', 'let it go'],
      ['song (official audio)', 'song'],
      ['song (live) [2011 remaster]', 'song (live)'],
    ] as const) {
      expect(sameRecordingRule.apply(input, context())).toBe(output);
    }
  });
  it('keeps suffixes that name a different recording or belong to the title', () => {
    for (const input of ['song (live)', 'song (2009 mix)', 'i want you (she\'s so heavy)', '(remastered) song', 'mr. perfectly fine (from the vault)', 'song (clean bandit remix)']) {
      expect(sameRecordingRule.apply(input, context())).toBe(input);
    }
  });
  it('classifies suffix text', () => {
    expect(isSameRecordingSuffix('2011 remaster')).toBe(true);
    expect(isSameRecordingSuffix('version')).toBe(false);
    expect(isSameRecordingSuffix('')).toBe(false);
  });
});

describe('different-recording', () => {
  it('takes markers out and keeps them in the context', () => {
    const ctx = context();
    expect(differentRecordingRule.apply('holiday (live)', ctx)).toBe('holiday');
    expect(differentRecordingRule.apply('song - live at wembley 1986', ctx)).toBe('song');
    expect(differentRecordingRule.apply("love story (taylor's version)", ctx)).toBe('love story');
    expect(ctx.markers.map((marker) => marker.kinds.join('+'))).toEqual(['live', 'live', 'rerecorded']);
  });
  it('recognises every kind', () => {
    const kinds = (text: string) => recordingMarker(text)?.kinds.join('+');
    expect(kinds('live')).toBe('live');
    expect(kinds('unplugged')).toBe('live');
    expect(kinds('butch vig mix')).toBe('remix');
    expect(kinds('x remix')).toBe('remix');
    expect(kinds('extended version')).toBe('remix');
    expect(kinds('acoustic')).toBe('acoustic');
    expect(kinds('demo')).toBe('demo');
    expect(kinds('instrumental')).toBe('instrumental');
    expect(kinds('karaoke version')).toBe('karaoke');
    expect(kinds('in the style of queen')).toBe('karaoke');
    expect(kinds('cover')).toBe('cover');
    expect(kinds('re-recorded')).toBe('rerecorded');
    expect(kinds("taylor's version")).toBe('rerecorded');
    expect(kinds('reprise')).toBe('reprise');
    expect(kinds('take 2')).toBe('alternate');
    expect(kinds('live acoustic')).toBe('acoustic+live');
    expect(kinds('spanish version')).toBe('version');
    expect(kinds("she's so heavy")).toBeUndefined();
    expect(kinds('take a look at me now')).toBeUndefined();
  });
  it('leaves a bracket at the start of a title alone', () => {
    expect(differentRecordingRule.apply('(live) forever', context())).toBe('(live) forever');
  });
});

describe('credit-split', () => {
  it('splits credits and keeps "Beatles, The" whole', () => {
    expect(splitCredits('crosby, stills, nash & young')).toEqual(['crosby', 'stills', 'nash', 'young']);
    expect(splitCredits('a; b')).toEqual(['a', 'b']);
    expect(splitCredits('jay-z / kanye west')).toEqual(['jay-z', 'kanye west']);
    expect(splitCredits('queen and david bowie')).toEqual(['queen', 'david bowie']);
    expect(splitCredits('beatles, the')).toEqual([]);
    expect(splitCredits('queen')).toEqual([]);
  });
  it('keeps the value and records the credits', () => {
    const ctx = context('artist');
    expect(creditSplitRule.apply('simon & garfunkel', ctx)).toBe('simon & garfunkel');
    expect(ctx.credits).toEqual(['simon', 'garfunkel']);
  });
});

describe('leading-the', () => {
  const apply = (value: string) => leadingTheRule.apply(value, context('artist'));
  it('drops a leading "The " and a trailing ", The"', () => {
    expect(apply('the beatles')).toBe('beatles');
    expect(apply('beatles, the')).toBe('beatles');
    expect(apply('the the')).toBe('the');
    expect(apply('the')).toBe('the');
    expect(apply('theatre of tragedy')).toBe('theatre of tragedy');
  });
});

describe('part-numbering', () => {
  const apply = (value: string) => partNumberingRule.apply(value, context());
  it('unifies Pt./Part with arabic, roman and spelled numbers', () => {
    expect(apply('wall pt. 2')).toBe('wall part 2');
    expect(apply('wall pt.2')).toBe('wall part 2');
    expect(apply('wall part ii')).toBe('wall part 2');
    expect(apply('wall part two')).toBe('wall part 2');
    expect(apply('wall part 02')).toBe('wall part 2');
  });
  it('reads roman numerals only after part/pt', () => {
    expect(apply('malcolm x')).toBe('malcolm x');
    expect(apply('i want you')).toBe('i want you');
    expect(apply('part civil')).toBe('part civil');
  });
});

describe('and-sign', () => {
  const apply = (value: string) => andSignRule.apply(value, context());
  it('unifies &, + and \'n\'', () => {
    expect(apply('simon & garfunkel')).toBe('simon and garfunkel');
    expect(apply('simon&garfunkel')).toBe('simon and garfunkel');
    expect(apply('florence + the machine')).toBe('florence and the machine');
    expect(apply("rock 'n' roll")).toBe('rock and roll');
    expect(apply("rock'n'roll")).toBe('rock and roll');
    expect(apply("guns n' roses")).toBe('guns and roses');
    expect(apply('salt-n-pepa')).toBe('salt-and-pepa');
  });
  it('leaves a lone plus and "n" inside words alone', () => {
    expect(apply('+44')).toBe('+44');
    expect(apply('nirvana')).toBe('nirvana');
  });
});

describe('punctuation', () => {
  const apply = (value: string) => punctuationRule.apply(value, context());
  it('joins apostrophes and dots, spaces everything else', () => {
    expect(apply("don't")).toBe('dont');
    expect(apply('r.e.m.')).toBe('rem');
    expect(apply('ac/dc')).toBe('ac dc');
    expect(apply('(hed) p.e.')).toBe(' hed  pe');
    expect(apply('!!!')).toBe(' ');
  });
  it('keeps letters of every script and their marks', () => {
    expect(apply('кино!')).toBe('кино ');
    expect(apply('ガ')).toBe('ガ');
  });
});

describe('whitespace', () => {
  it('collapses and trims', () => {
    expect(whitespaceRule.apply('  a \t b  ', context())).toBe('a b');
  });
});

describe('alias', () => {
  it('maps a key through the alias map', () => {
    const rule = createAliasRule(new Map([['prince and the revolution', 'prince']]));
    expect(rule.apply('prince and the revolution', context('artist'))).toBe('prince');
    expect(rule.apply('prince', context('artist'))).toBe('prince');
  });
});
