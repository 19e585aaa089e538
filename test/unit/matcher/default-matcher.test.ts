import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../src/errors.js';
import { createMatcher, DEFAULT_THRESHOLD, MATCHER_VERSION } from '../../../src/matcher/index.js';
import type { LovedTrackInput, Matcher, MatchResult } from '../../../src/matcher/index.js';
import type { LibraryTrack } from '../../../src/types.js';

const matcher = createMatcher();
let nextId = 1;
const track = (artist: string, title: string, extra: Partial<LibraryTrack> = {}): LibraryTrack => ({ id: nextId++, artist, title, ...extra });
const compare = (lovedArtist: string, lovedTitle: string, trackArtist: string, trackTitle: string, extra: Partial<LibraryTrack> = {}): MatchResult =>
  matcher.compare({ artist: lovedArtist, title: lovedTitle }, track(trackArtist, trackTitle, extra));

describe('createMatcher().compare: pairs that must match', () => {
  it.each([
    ['Björk', 'Jóga', 'Bjork', 'Joga'],
    ['The Beatles', 'Help!', 'Beatles, The', 'Help!'],
    ['Simon & Garfunkel', 'The Boxer', 'Simon and Garfunkel', 'The Boxer'],
    ['Jay-Z feat. Alicia Keys', 'Empire State of Mind', 'Jay-Z', 'Empire State of Mind (feat. Alicia Keys)'],
    ['David Bowie', 'Heroes - 2017 Remaster', 'David Bowie', 'Heroes'],
    ['Queen', 'Don’t Stop Me Now', 'Queen', "Don't Stop Me Now"],
    ['Queen', "Don't Stop Me Now", 'Queen', 'Don‘t Stop Me Now'],
    ['Pink Floyd', 'Another Brick in the Wall, Pt. 1', 'Pink Floyd', 'Another Brick in the Wall, Part 1'],
    ['Jay‐Z', '99 Problems', 'Jay-Z', '99 Problems'],
    ['Ed Sheeran × Justin Bieber', "I Don't Care", 'Ed Sheeran x Justin Bieber', "I Don't Care"],
    ['Run–D.M.C.', 'Walk This Way', 'Run-DMC', 'Walk This Way'],
    ['!!!', 'Heart of Hearts', '!!!', 'Heart of Hearts'],
    ['?', 'Tears', '?', 'Tears'],
    ['(hed) p.e.', 'Bartender', '(Hed) P.E.', 'Bartender'],
    ['Panic! at the Disco', 'High Hopes', 'Panic! At The Disco', 'High Hopes'],
    ['Crosby, Stills & Nash', 'Southern Cross', 'Crosby, Stills & Nash', 'Southern Cross'],
    ['AC/DC', 'Back in Black', 'AC/DC', 'Back In Black'],
    ['Earth, Wind & Fire', 'September', 'Earth, Wind and Fire', 'September'],
    ['Racer X', 'Scarified', 'Racer X', 'Scarified'],
    ['Generation X', 'Dancing with Myself', 'Generation X', 'Dancing With Myself'],
    ['Brand X', 'Nuclear Burn', 'Brand X', 'Nuclear Burn'],
    ['Ed Sheeran x Justin Bieber', "I Don't Care", 'Ed Sheeran', "I Don't Care (with Justin Bieber)"],
    ['The Rolling Stones', "(I Can't Get No) Satisfaction", 'Rolling Stones', "(I Can't Get No) Satisfaction"],
    ['The Beatles', "I Want You (She's So Heavy)", 'The Beatles', "I Want You (She's So Heavy)"],
    ['Blue Öyster Cult', "(Don't Fear) The Reaper", 'Blue Oyster Cult', "Don't Fear the Reaper"],
  ])('%s - %s  ~  %s - %s', (lovedArtist, lovedTitle, trackArtist, trackTitle) => {
    const result = compare(lovedArtist, lovedTitle, trackArtist, trackTitle);
    expect(result.accepted, result.reasons.join('\n')).toBe(true);
    expect(result.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(result.score).toBeLessThanOrEqual(1);
  });
});

describe('createMatcher().compare: pairs that must not match', () => {
  it.each([
    ['Johnny Cash', 'Hurt', 'Nine Inch Nails', 'Hurt'],
    ['Green Day', 'Holiday (Live)', 'Green Day', 'Holiday'],
    ['Green Day', 'Holiday (Butch Vig Remix)', 'Green Day', 'Holiday'],
    ['Green Day', 'Holiday', 'Green Day', 'Holiday (Live)'],
    ['Cream', 'White Room', 'Creed', 'White Room'],
    ['Pearl Jam', 'Go', 'Pearl Jam', 'Gone'],
    ['Pink Floyd', 'Another Brick in the Wall, Pt. 1', 'Pink Floyd', 'Another Brick in the Wall, Pt. 2'],
    ['Racer X', 'Scarified', 'Racer', 'Scarified'],
    ['Generation X', 'Ready Steady Go', 'Generation', 'Ready Steady Go'],
    ['Justin Bieber', "I Don't Care", 'Ed Sheeran x Justin Bieber', "I Don't Care"],
    ['Earth, Wind & Fire', 'Fantasy', 'Fire', 'Fantasy'],
    ['Crosby, Stills & Nash', 'Ohio', 'Crosby, Stills, Nash & Young', 'Ohio'],
    ['!!!', 'Heart of Hearts', '?', 'Heart of Hearts'],
    ['Taylor Swift', 'Love Story', 'Taylor Swift', "Love Story (Taylor's Version)"],
  ])('%s - %s  !~  %s - %s', (lovedArtist, lovedTitle, trackArtist, trackTitle) => {
    const result = compare(lovedArtist, lovedTitle, trackArtist, trackTitle);
    expect(result.accepted, result.reasons.join('\n')).toBe(false);
    expect(result.score).toBeLessThan(DEFAULT_THRESHOLD);
  });
});

describe('createMatcher().compare: rules and reasons', () => {
  it('decides at once on equal recording MBIDs (case-insensitive)', () => {
    const result = matcher.compare(
      { artist: 'Prince and the Revolution', title: 'When Doves Cry', mbid: 'ABCDEF01-0000-0000-0000-000000000000' },
      track('Someone Else', 'Another Title', { mbid: 'abcdef01-0000-0000-0000-000000000000' }),
    );
    expect(result).toEqual({ accepted: true, score: 1, reasons: ['same MusicBrainz recording id (abcdef01-0000-0000-0000-000000000000)'] });
  });

  it('matches the album artist and each credited artist', () => {
    expect(compare('Paul McCartney & Wings', 'Jet', 'Wings', 'Jet', { albumArtist: 'Paul McCartney & Wings' }).accepted).toBe(true);
    expect(compare('Queen', 'Under Pressure', 'Queen & David Bowie', 'Under Pressure').accepted).toBe(true);
    expect(compare('David Bowie', 'Under Pressure', 'Queen; David Bowie', 'Under Pressure').accepted).toBe(true);
    expect(compare('Kanye West', 'Otis', 'Jay-Z / Kanye West', 'Otis').accepted).toBe(true);
  });

  it('says in words which rules fired', () => {
    const result = compare('The Beatles', 'Hey Jude - Remastered 2015', 'Beatles, The', 'Hey Jude');
    expect(result.reasons).toContain('artist: same name "beatles"');
    expect(result.reasons).toContain('title: ignored same-recording suffix "remastered 2015"');
    expect(result.reasons.join('\n')).toMatch(/artist rules applied: .*leading-the/);
    expect(result.reasons.join('\n')).toMatch(/title rules applied: .*same-recording/);
    expect(result.reasons.at(-1)).toBe('score 1 >= threshold 0.85: accepted');
  });

  it('explains a rejection', () => {
    expect(compare('Green Day', 'Holiday (Live)', 'Green Day', 'Holiday').reasons).toContain(
      'different recording: loved is live, track is the plain recording (no live/remix/... marker)',
    );
    expect(compare('Johnny Cash', 'Hurt', 'Nine Inch Nails', 'Hurt').reasons[0]).toMatch(/^artist differs: "johnny cash" vs "nine inch nails"/);
  });

  it('tolerates one typo in a long title but not in a short one', () => {
    expect(compare('Queen', 'Bohemian Rhapsody', 'Queen', 'Bohemian Rapsody')).toMatchObject({ accepted: true, score: 0.92 });
    expect(compare('Adele', 'Hello', 'Adele', 'Hallo').accepted).toBe(false);
  });

  it('accepts one fuzzy side but not two', () => {
    expect(compare('Creedence Clearwater Revival', 'Fortunate Son', 'Creedance Clearwater Revival', 'Fortunate Son').accepted).toBe(true);
    expect(compare('Creedence Clearwater Revival', 'Fortunate Son', 'Creedance Clearwater Revival', 'Fortunate Sun').accepted).toBe(false);
  });

  it('accepts a loved live track found on a live album', () => {
    expect(compare('The Who', 'My Generation (Live)', 'The Who', 'My Generation', { album: 'Live at Leeds' }).accepted).toBe(true);
    expect(compare('The Who', 'My Generation (Live)', 'The Who', 'My Generation', { album: 'My Generation' }).accepted).toBe(false);
  });

  it('rejects empty sides and never throws, whatever it is given', () => {
    expect(compare('', 'Hurt', 'Johnny Cash', 'Hurt').accepted).toBe(false);
    expect(compare('Johnny Cash', '   ', 'Johnny Cash', '   ').accepted).toBe(false);
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }));
    fc.assert(
      fc.property(text, text, text, text, fc.option(text), fc.option(text), (la, lt, ta, tt, album, albumArtist) => {
        const result = matcher.compare({ artist: la, title: lt }, { id: 1, artist: ta, title: tt, album, albumArtist });
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(1);
        expect(result.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
    const broken = { artist: null, title: undefined, mbid: 42 } as unknown as LovedTrackInput;
    expect(() => matcher.compare(broken, { id: 1, artist: 'A', title: 'B' })).not.toThrow();
    expect(() => matcher.best(broken, [{ id: 1, artist: 'A', title: 'B' }])).not.toThrow();
  });

  it('reports a host rule that throws as a rejection, not an exception', () => {
    const failing = createMatcher({ rules: { title: [{ name: 'boom', apply: () => { throw new Error('boom'); } }] } });
    expect(failing.compare({ artist: 'A', title: 'B' }, { id: 1, artist: 'A', title: 'B' })).toEqual({
      accepted: false,
      score: 0,
      reasons: ['comparison failed: boom'],
    });
  });
});

describe('keys', () => {
  it('lovedKeys: main artist without featured credits, title without same-recording suffixes', () => {
    expect(matcher.lovedKeys({ artist: 'Jay-Z feat. Alicia Keys', title: 'Empire State of Mind (feat. Alicia Keys) - 2009 Remaster' })).toEqual({
      artist: 'jay z',
      title: 'empire state of mind',
    });
    expect(matcher.lovedKeys({ artist: '!!!', title: '?' })).toEqual({ artist: '!!!', title: '?' });
  });

  it('trackKeys: the whole name first, then credited artists, then the album artist unless various', () => {
    expect(matcher.trackKeys(track('Queen & David Bowie', 'Under Pressure', { albumArtist: 'Queen' }))).toEqual({
      artists: ['queen and david bowie', 'queen', 'david bowie'],
      title: 'under pressure',
    });
    expect(matcher.trackKeys(track('Simon & Garfunkel', 'The Boxer', { albumArtist: 'Various Artists' })).artists).toEqual([
      'simon and garfunkel', 'simon', 'garfunkel',
    ]);
    expect(matcher.trackKeys(track('Wings', 'Jet', { albumArtist: 'Paul McCartney & Wings' })).artists).toEqual(['wings', 'paul mccartney and wings']);
    expect(matcher.trackKeys(track('AC/DC', 'T.N.T.')).artists).toEqual(['ac dc']);
    expect(matcher.trackKeys(track('Earth, Wind & Fire', 'September', { albumArtist: 'V/A' })).artists).toEqual(['earth wind and fire']);
    expect(matcher.trackKeys(track('Crosby, Stills, Nash & Young', 'Ohio')).artists).toEqual(['crosby stills nash and young']);
    expect(matcher.trackKeys(track('Song', 'Holiday (Live)')).title).toBe('holiday (live)');
  });

  it('trackKeys never gives an empty list or an empty key for non-empty input', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.string({ minLength: 1, maxLength: 30 }), (artist, title) => {
        const keys = matcher.trackKeys({ id: 1, artist, title });
        expect(keys.artists.length).toBeGreaterThan(0);
        for (const key of keys.artists) expect(key.length).toBeGreaterThan(0);
        expect(keys.title.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('best()', () => {
  const studio = { id: 9, artist: 'Queen', title: 'Killer Queen', album: 'Sheer Heart Attack', albumArtist: 'Queen' };
  const hits = { id: 7, artist: 'Queen', title: 'Killer Queen', album: 'Greatest Hits', albumArtist: 'Queen' };
  const various = { id: 3, artist: 'Queen', title: 'Killer Queen', album: 'Now 10', albumArtist: 'Various Artists' };
  const live = { id: 1, artist: 'Queen', title: 'Killer Queen (Live)', album: 'Live Killers', albumArtist: 'Queen' };
  const other = { id: 2, artist: 'Queen', title: 'Somebody to Love', album: 'A Day at the Races', albumArtist: 'Queen' };
  const loved = { artist: 'Queen', title: 'Killer Queen' };

  it('returns one track under prefer-original: not a compilation, then lowest id', () => {
    const [chosen, ...rest] = matcher.best(loved, [hits, various, studio, live, other]);
    expect(rest).toEqual([]);
    expect(chosen?.track).toBe(studio);
    expect(chosen?.reasons.at(-1)).toBe('tie-break (prefer-original): chosen over 2 equally good tracks because it is not on a compilation or live album');
    const twins = [{ ...studio, id: 12 }, { ...studio, id: 11 }];
    expect(matcher.best(loved, twins)[0]?.track.id).toBe(11);
    expect(matcher.best(loved, [{ ...studio, id: 'b' }, { ...studio, id: 'a' }])[0]?.track.id).toBe('a');
  });

  it('returns every equally good track under ties: all, in the same order', () => {
    expect(createMatcher({ ties: 'all' }).best(loved, [hits, various, studio, live, other]).map((candidate) => candidate.track.id)).toEqual([9, 3, 7]);
  });

  it('prefers a higher score over originality', () => {
    const typo = { ...studio, id: 1, title: 'Killer Quen' };
    expect(matcher.best({ artist: 'Queen', title: 'Killer Queen' }, [typo, hits])[0]?.track).toBe(hits);
  });

  it('returns nothing when nothing is accepted', () => {
    expect(matcher.best({ artist: 'Queen', title: 'Radio Ga Ga' }, [hits, studio])).toEqual([]);
    expect(matcher.best(loved, [])).toEqual([]);
  });

  it('is deterministic: the order of candidates does not matter', () => {
    const candidates = [hits, various, studio, live, other, { ...studio, id: 4 }, { ...hits, id: 5 }];
    const expected = matcher.best(loved, candidates);
    fc.assert(
      fc.property(fc.shuffledSubarray(candidates, { minLength: candidates.length, maxLength: candidates.length }), (shuffled) => {
        expect(matcher.best(loved, shuffled)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});

describe('options', () => {
  it.each([
    [{ threshold: 1.5 }, 'Invalid matcher options: Expected `threshold` to be a number from 0 to 1, got 1.5'],
    [{ threshold: -0.1 }, 'Expected `threshold` to be a number from 0 to 1, got -0.1'],
    [{ threshold: '0.9' }, 'Expected `threshold` to be a number from 0 to 1, got "0.9"'],
    [{ ties: 'random' }, "Expected `ties` to be 'prefer-original' or 'all', got \"random\""],
    [{ tie: 'all' }, 'to have only known options (unknown: tie)'],
    [{ aliases: { BTO: 5 } }, 'Expected `aliases.BTO` to be a string'],
  ])('rejects %j', (options, message) => {
    expect(() => createMatcher(options as never)).toThrow(OptionsError);
    expect(() => createMatcher(options as never)).toThrow(message);
  });

  it('applies the threshold', () => {
    const strict = createMatcher({ threshold: 0.95 });
    const loose = createMatcher({ threshold: 0.9 });
    const pair = [{ artist: 'Queen', title: 'Bohemian Rhapsody' }, { id: 1, artist: 'Queen', title: 'Bohemian Rapsody' }] as const;
    expect(strict.compare(...pair).accepted).toBe(false);
    expect(loose.compare(...pair).accepted).toBe(true);
    expect(createMatcher({ threshold: 1 }).compare({ artist: 'Queen', title: 'Hey' }, { id: 1, artist: 'Queen', title: 'Hey' }).accepted).toBe(true);
  });

  it('applies aliases to both sides', () => {
    const aliased = createMatcher({ aliases: { BTO: 'Bachman-Turner Overdrive' } });
    const loved = { artist: 'BTO', title: "Takin' Care of Business" };
    const library = { id: 1, artist: 'Bachman–Turner Overdrive', title: "Takin' Care of Business" };
    expect(aliased.compare(loved, library)).toMatchObject({ accepted: true, score: 1 });
    expect(aliased.compare({ ...loved, artist: 'Bachman-Turner Overdrive' }, { ...library, artist: 'bto' }).accepted).toBe(true);
    expect(matcher.compare(loved, library).accepted).toBe(false);
    expect(aliased.lovedKeys(loved).artist).toBe(aliased.trackKeys(library).artists[0]);
  });
});

describe('fingerprint', () => {
  it('is a short stable string with the version', () => {
    expect(matcher.fingerprint).toMatch(new RegExp(`^dm${MATCHER_VERSION}-[0-9a-f]{14}$`));
    expect(createMatcher().fingerprint).toBe(matcher.fingerprint);
    expect(createMatcher({ threshold: DEFAULT_THRESHOLD, ties: 'prefer-original', aliases: {} }).fingerprint).toBe(matcher.fingerprint);
  });

  it('changes with every option and rule', () => {
    const rule = { name: 'strip-track-number', apply: (value: string) => value.replace(/^\d+ - /, '') };
    const variants = [
      createMatcher({ threshold: 0.9 }),
      createMatcher({ ties: 'all' }),
      createMatcher({ transliterate: true }),
      createMatcher({ disableRules: ['leading-the'] }),
      createMatcher({ disableRules: ['different-recording'] }),
      createMatcher({ aliases: { BTO: 'Bachman-Turner Overdrive' } }),
      createMatcher({ aliases: { BTO: 'Bachman Turner Overdrive' } }),
      createMatcher({ rules: { title: [rule] } }),
      createMatcher({ rules: { artist: [rule] } }),
      createMatcher({ rules: { title: [{ ...rule, version: 2 }] } }),
      createMatcher({ rules: { title: [{ ...rule, before: 'featured-credits' }] } }),
    ].map((variant) => variant.fingerprint);
    expect(new Set([matcher.fingerprint, ...variants]).size).toBe(variants.length + 1);
  });

  it('does not depend on the order of alias keys', () => {
    expect(createMatcher({ aliases: { A: 'B', C: 'D' } }).fingerprint).toBe(createMatcher({ aliases: { C: 'D', A: 'B' } }).fingerprint);
  });
});

describe('a custom Matcher', () => {
  it('can replace the default one: the interface is all a host implements', () => {
    const exact: Matcher = {
      fingerprint: 'exact-v1',
      lovedKeys: (loved) => ({ artist: loved.artist, title: loved.title }),
      trackKeys: (candidate) => ({ artists: [candidate.artist], title: candidate.title }),
      compare: (loved, candidate) => {
        const accepted = loved.artist === candidate.artist && loved.title === candidate.title;
        return { accepted, score: accepted ? 1 : 0, reasons: [accepted ? 'exact' : 'different'] };
      },
      best(loved, candidates) {
        return candidates.map((candidate) => ({ ...this.compare(loved, candidate), track: candidate })).filter((candidate) => candidate.accepted).slice(0, 1);
      },
    };
    expect(exact.best({ artist: 'A', title: 'B' }, [{ id: 1, artist: 'A', title: 'B' }])).toHaveLength(1);
  });
});
