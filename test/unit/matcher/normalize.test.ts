import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../src/errors.js';
import {
  createNormalizer,
  normalizeArtist,
  normalizeArtistDetails,
  normalizeTitle,
  normalizeTitleDetails,
} from '../../../src/matcher/index.js';

/** Words and symbols that make the rules fire, to build tag-like strings. */
const TRICKY = [
  'The', 'the', ', The', 'feat.', 'ft.', 'featuring', 'with', 'x', 'X', '×', '&', 'and', '+', "'n'", 'n', ',', ';', '/', '|',
  '(', ')', '[', ']', '{', '}', ' - ', '-', '‐', '–', '’', "'", '"', '“', '.', '!', '?', '$', 'Live', 'live', 'Remix', 'Mix',
  'Remastered', 'Remaster', '2011', 'Single Version', 'Radio Edit', 'Mono', 'Explicit', 'Acoustic', 'Demo', "Taylor's Version",
  'Pt.', 'Part', 'II', 'iv', 'one', 'Take', '2', 'Björk', 'Sigur Rós', 'ß', 'ﬁ', 'ＡＢ', 'кино', 'ガ', '🔥', '\u200b', '\u00ad',
  'Jay-Z', 'AC/DC', 'P!nk', 'Ke$ha', 'Queen', 'Wembley', 'from', 'Frozen', 'Vig', 'Intro', 'Reprise', ' ', '  ', '\t',
];
const tagLike = fc.array(fc.constantFrom(...TRICKY), { maxLength: 12 }).map((parts) => parts.join(fc.sample(fc.constantFrom(' ', ''), 1)[0] ?? ' '));
const tagLikeSpaced = fc.array(fc.constantFrom(...TRICKY), { maxLength: 12 }).map((parts) => parts.join(' '));
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 40 });
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), anyUnits, tagLike, tagLikeSpaced);

describe('normalizeArtist / normalizeTitle', () => {
  it('is idempotent: normalize(normalize(x)) === normalize(x)', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const artist = normalizeArtist(value);
        const title = normalizeTitle(value);
        expect(normalizeArtist(artist)).toBe(artist);
        expect(normalizeTitle(title)).toBe(title);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 3000) },
    );
  });

  it('never returns an empty key for a non-empty input', () => {
    fc.assert(
      fc.property(anyText.filter((value) => value.length > 0), (value) => {
        expect(normalizeArtist(value).length).toBeGreaterThan(0);
        expect(normalizeTitle(value).length).toBeGreaterThan(0);
        const keys = normalizeArtistDetails(value);
        for (const credit of keys.credits) expect(credit.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('never puts a lone surrogate or NUL in a key', () => {
    fc.assert(
      fc.property(anyUnits, (value) => {
        for (const key of [normalizeArtist(value), normalizeTitle(value)]) {
          expect(key).not.toMatch(/\p{Cs}|\u0000/u);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['empty', ''],
    ['spaces', '   '],
    ['emoji', '🔥🎸'],
    ['only punctuation', '!!!'],
    ['question mark', '?'],
    ['brackets only', '()[]{}'],
    ['lone high surrogate', '\ud800'],
    ['lone low surrogate', 'a\udc00b'],
    ['NUL', '\u0000'],
    ['zero-width', '\u200b'],
    ['10,000 characters', 'Ab (Live) - feat. x & y, '.repeat(400)],
    ['10,000 brackets', '('.repeat(10_000)],
    ['10,000 dashes', ' - '.repeat(3334)],
  ])('does not throw on %s', (_name, value) => {
    expect(() => normalizeArtist(value)).not.toThrow();
    expect(() => normalizeTitle(value)).not.toThrow();
    expect(() => normalizeArtistDetails(value)).not.toThrow();
    expect(() => normalizeTitleDetails(value)).not.toThrow();
    if (value.length > 0) {
      expect(normalizeArtist(value).length).toBeGreaterThan(0);
      expect(normalizeTitle(value).length).toBeGreaterThan(0);
    }
  });

  it('keeps names made only of punctuation', () => {
    expect(normalizeArtist('!!!')).toBe('!!!');
    expect(normalizeArtist('?')).toBe('?');
    expect(normalizeArtist('  ')).toBe('\uFFFD');
    expect(normalizeArtist('')).toBe('');
  });

  it('gives the documented keys', () => {
    expect(normalizeArtist('The Beatles')).toBe('beatles');
    expect(normalizeArtist('Beatles, The')).toBe('beatles');
    expect(normalizeArtist('Björk')).toBe('bjork');
    expect(normalizeArtist('Jay‐Z')).toBe('jay z');
    expect(normalizeArtist('Jay-Z feat. Alicia Keys')).toBe('jay z');
    expect(normalizeArtist('(hed) p.e.')).toBe('hed pe');
    expect(normalizeArtist('Panic! at the Disco')).toBe('panic at the disco');
    expect(normalizeArtist('Racer X')).toBe('racer x');
    expect(normalizeTitle('Heroes - 2017 Remaster')).toBe('heroes');
    expect(normalizeTitle('Song (Live) [2011 Remaster]')).toBe('song (live)');
    expect(normalizeTitle('Song - Live at Wembley 1986')).toBe('song (live wembley 1986)');
    expect(normalizeTitle('Smells Like Teen Spirit (Butch Vig Mix)')).toBe('smells like teen spirit (remix butch vig)');
    expect(normalizeTitle('Another Brick in the Wall, Pt. 2')).toBe('another brick in the wall part 2');
    expect(normalizeTitle('{Don\'t Fear} The Reaper')).toBe('dont fear the reaper');
  });

  it('reports details', () => {
    // One-word names from a list of three or more are words of a band name, not credits.
    expect(normalizeArtistDetails('Crosby, Stills, Nash & Young')).toMatchObject({ key: 'crosby stills nash and young', credits: [] });
    expect(normalizeArtistDetails('Jay-Z, Kanye West & Rihanna').credits).toEqual(['jay z', 'kanye west']);
    expect(normalizeArtistDetails('Queen & David Bowie').credits).toEqual(['queen', 'david bowie']);
    expect(normalizeArtistDetails('AC/DC').credits).toEqual([]);
    expect(normalizeTitleDetails('Empire State of Mind (feat. Alicia Keys)')).toMatchObject({ key: 'empire state of mind', featured: ['alicia keys'] });
    expect(normalizeTitleDetails("I Want You (She's So Heavy)").variants).toEqual(['i want you']);
    expect(normalizeTitleDetails('Another Brick in the Wall (Part II)').variants).toEqual([]);
    expect(normalizeTitleDetails('Heroes - 2017 Remaster').fired).toContain('same-recording');
  });
});

describe('the plain-value fast path', () => {
  const words = fc.constantFrom('The', 'the', 'feat', 'ft', 'with', 'x', 'X', 'and', 'vs', 'n', 'N', 'Part', 'pt', 'II', '2', 'Queen', 'Racer', 'AC', 'DC', 'Song', 'Live', 'Remix', 'Theatre', 'Andy', 'Xtc', 'Nine');
  const plain = fc.array(words, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));

  it('gives the same keys as the full pipeline (details never take the fast path)', () => {
    for (const normalizer of [createNormalizer(), createNormalizer({ aliases: { Queen: 'Freddie Mercury', 'Racer X': 'Racer' } })]) {
      fc.assert(
        fc.property(plain, (value) => {
          const details = normalizer.artist(value);
          expect(normalizer.artistKey(value)).toBe(details.key);
          expect(normalizer.artistKeys(value)).toEqual({ key: details.key, credits: details.credits });
          expect(normalizer.titleKey(value)).toBe(normalizer.title(value).key);
        }),
        { numRuns: 2000 },
      );
    }
  });
});

describe('createNormalizer', () => {
  it('applies aliases to whole names and credits, with normalized keys', () => {
    const normalizer = createNormalizer({ aliases: { 'PRINCE AND THE REVOLUTION': 'Prince' } });
    expect(normalizer.artistKey('Prince & The Revolution')).toBe('prince');
    expect(normalizer.artistKey('Prince and the Revolution')).toBe('prince');
    expect(createNormalizer({ aliases: { Macca: 'Paul McCartney' } }).artistKeys('Macca & Wings').credits).toEqual(['paul mccartney', 'wings']);
  });

  it('transliterates only when asked', () => {
    expect(createNormalizer().artistKey('Кино')).toBe('кино');
    expect(createNormalizer({ transliterate: true }).artistKey('Кино')).toBe('kino');
  });

  it('disables rules by name in both pipelines', () => {
    const normalizer = createNormalizer({ disableRules: ['leading-the', 'same-recording'] });
    expect(normalizer.artistKey('The Beatles')).toBe('the beatles');
    expect(normalizer.titleKey('Heroes - 2017 Remaster')).toBe('heroes 2017 remaster');
    expect(normalizer.artistRules.map((rule) => rule.name)).not.toContain('leading-the');
  });

  it('adds host rules at the end, before or after a rule, and replaces a rule of the same name', () => {
    const normalizer = createNormalizer({
      rules: {
        title: [
          { name: 'strip-track-number', before: 'featured-credits', apply: (value) => value.replace(/^\d{1,3}\s*-\s*/, '') },
          { name: 'leet', apply: (value) => value.replace(/0/g, 'o') },
        ],
        artist: [{ name: 'leading-the', version: 2, apply: (value) => value.replace(/^(?:the|die|los|les) /, '') }],
      },
    });
    expect(normalizer.titleKey('01 - Heroes')).toBe('heroes');
    expect(normalizer.titleKey('g00d')).toBe('good');
    expect(normalizer.artistKey('Die Toten Hosen')).toBe('toten hosen');
    const titleNames = normalizer.titleRules.map((rule) => rule.name);
    expect(titleNames.indexOf('strip-track-number')).toBe(titleNames.indexOf('featured-credits') - 1);
    expect(titleNames.at(-1)).toBe('leet');
    expect(normalizer.artistRules.find((rule) => rule.name === 'leading-the')?.version).toBe('2');
  });

  it('lets a host rule read and use the context', () => {
    const normalizer = createNormalizer({
      rules: {
        title: [{ name: 'prod-credit', before: 'featured-credits', apply: (value, context) => value.replace(/\s*\(prod\. ([^)]*)\)/, (_all, who: string) => (context.featured.push(who), '')) }],
      },
    });
    expect(normalizer.title('Song (prod. Metro Boomin)')).toMatchObject({ key: 'song', featured: ['metro boomin'] });
  });

  it('calls host rules as methods of the host object', () => {
    const rule = {
      name: 'suffix',
      marker: '!',
      apply(this: { marker: string }, value: string) {
        return value.endsWith('zz') ? value : `${value}zz`;
      },
    };
    expect(createNormalizer({ rules: { artist: [rule] } }).artistKey('a')).toBe('azz');
  });

  it.each([
    [{ disableRules: ['no-such-rule'] }, /disableRules\.0/],
    [{ rules: { artist: [{ name: 'x', before: 'nope', apply: (value: string) => value }] } }, /rules\.artist\.0\.before/],
    [{ rules: { title: [{ name: 'bad name!', apply: (value: string) => value }] } }, /rules\.title\.0\.name/],
    [{ rules: { title: [{ name: 'no-apply' }] } }, /rules\.title\.0\.apply` to be a function/],
    [{ rules: { album: [] } }, /unknown: album/],
    [{ aliases: { 'Prince and the Revolution': '' } }, /non-empty artist name/],
    [{ transliterate: 'yes' }, /transliterate` to be true or false/],
  ])('rejects bad rule options %#', (options, message) => {
    expect(() => createNormalizer(options as never)).toThrow(OptionsError);
    expect(() => createNormalizer(options as never)).toThrow(message);
  });
});
