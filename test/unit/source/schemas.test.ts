import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLastfmErrorBody, parseLovedTracksResponse, type LovedTracksParseResult } from '../../../src/source/lastfm/schemas.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/lastfm/${name}`, import.meta.url), 'utf8'));
}

function page(result: LovedTracksParseResult) {
  if (!result.success) throw new Error(`expected success, got issues: ${result.issues.join('; ')}`);
  return result.page;
}

function issues(result: LovedTracksParseResult): readonly string[] {
  if (result.success) throw new Error('expected issues, got a page');
  return result.issues;
}

const attr = { user: 'rj', page: '1', perPage: '50', totalPages: '1', total: '1' };
const track = (extra: Record<string, unknown> = {}) => ({
  artist: { url: 'https://www.last.fm/music/Queen', name: 'Queen', mbid: '' },
  date: { uts: '1700000000', '#text': '14 Nov 2023, 22:13' },
  mbid: '',
  url: 'https://www.last.fm/music/Queen/_/Bohemian+Rhapsody',
  name: 'Bohemian Rhapsody',
  image: [],
  streamable: { fulltrack: '0', '#text': '0' },
  ...extra,
});
const body = (lovedtracks: Record<string, unknown>) => ({ lovedtracks: { '@attr': attr, ...lovedtracks } });

describe('parseLovedTracksResponse', () => {
  it('normalises a recorded-shape page: numbers from strings, "" mbids dropped, extra fields ignored', () => {
    expect(page(parseLovedTracksResponse(fixture('loved-tracks-page.json')))).toEqual({
      user: 'RJ',
      page: 2,
      perPage: 2,
      totalPages: 7,
      total: 13,
      tracks: [
        {
          artist: 'Daft Punk',
          title: 'Digital Love',
          mbid: 'a8b2bafd-b2a0-4a0c-9d5f-0d0d9b8cdbbb',
          artistMbid: '056e4f3e-d505-4dad-8ec1-d04f521cbb56',
          lovedAt: 1700000500,
          url: 'https://www.last.fm/music/Daft+Punk/_/Digital+Love',
        },
        { artist: 'Sigur Rós', title: 'Hoppípolla', lovedAt: 1699990000, url: 'https://www.last.fm/music/Sigur+R%C3%B3s/_/Hopp%C3%ADpolla' },
      ],
    });
  });

  it('leaves empty mbids out entirely rather than setting them to ""', () => {
    const [love] = page(parseLovedTracksResponse(body({ track: [track()] }))).tracks;
    expect(love).not.toHaveProperty('mbid');
    expect(love).not.toHaveProperty('artistMbid');
  });

  it('accepts a single track sent as a bare object (and a missing date as lovedAt null)', () => {
    const result = page(parseLovedTracksResponse(fixture('loved-tracks-single.json')));
    expect(result.tracks).toEqual([
      {
        artist: 'Queen',
        title: 'Bohemian Rhapsody',
        artistMbid: '0383dadf-2a4e-4d10-a46a-e9e041da8eb3',
        lovedAt: null,
        url: 'https://www.last.fm/music/Queen/_/Bohemian+Rhapsody',
      },
    ]);
  });

  it('accepts an empty list sent as a missing key, as [] or as null', () => {
    expect(page(parseLovedTracksResponse(fixture('loved-tracks-empty.json')))).toMatchObject({ total: 0, totalPages: 0, tracks: [] });
    const empty = { ...attr, total: '0', totalPages: '0' };
    expect(page(parseLovedTracksResponse({ lovedtracks: { track: [], '@attr': empty } })).tracks).toEqual([]);
    expect(page(parseLovedTracksResponse({ lovedtracks: { track: null, '@attr': empty } })).tracks).toEqual([]);
  });

  it('reads lovedAt as null for a date that is missing, null, or has an empty uts', () => {
    const tracks = page(
      parseLovedTracksResponse(body({ '@attr': { ...attr, total: '3' }, track: [track({ date: undefined }), track({ date: null }), track({ date: { uts: '', '#text': '' } })] })),
    ).tracks;
    expect(tracks.map((love) => love.lovedAt)).toEqual([null, null, null]);
  });

  it('accepts bare numbers where Last.fm usually sends strings', () => {
    const result = page(
      parseLovedTracksResponse({
        lovedtracks: { '@attr': { user: 'rj', page: 1, perPage: 50, totalPages: 1, total: 1 }, track: [track({ date: { uts: 1700000000 }, name: 1999 })] },
      }),
    );
    expect(result).toMatchObject({ page: 1, perPage: 50, totalPages: 1, total: 1 });
    expect(result.tracks[0]).toMatchObject({ title: '1999', lovedAt: 1700000000 });
  });

  it('accepts the artist in its #text form and as a bare string', () => {
    const tracks = page(
      parseLovedTracksResponse(
        body({
          '@attr': { ...attr, total: '2' },
          track: [track({ artist: { '#text': 'Björk', mbid: '87c5dedd-371d-4a53-9f7f-80522fb7f3cb' } }), track({ artist: 'Portishead' })],
        }),
      ),
    ).tracks;
    expect(tracks[0]).toMatchObject({ artist: 'Björk', artistMbid: '87c5dedd-371d-4a53-9f7f-80522fb7f3cb' });
    expect(tracks[1]).toMatchObject({ artist: 'Portishead' });
  });

  it('accepts a page past the end with no tracks (asked for a page that unloves removed)', () => {
    const result = page(parseLovedTracksResponse({ lovedtracks: { track: [], '@attr': { ...attr, page: '4', totalPages: '3', total: '150' } } }));
    expect(result).toMatchObject({ page: 4, totalPages: 3, tracks: [] });
  });

  it.each([
    ['a page past totalPages that still holds tracks', { ...attr, page: '3', totalPages: '2', total: '60' }, 'lovedtracks.@attr.page: is 3, past totalPages (2)'],
    ['a negative number', { ...attr, total: '-1' }, 'lovedtracks.@attr.total: expected a non-negative integer (as a string), got "-1"'],
    ['a non-numeric string', { ...attr, page: 'abc' }, 'lovedtracks.@attr.page: expected a non-negative integer (as a string), got "abc"'],
    ['a fractional number', { ...attr, perPage: '2.5' }, 'lovedtracks.@attr.perPage: expected a non-negative integer'],
    ['more tracks than perPage', { ...attr, perPage: '1', total: '2' }, 'lovedtracks.track: holds 2 tracks, more than perPage (1)'],
    ['total 0 with tracks on the page', { ...attr, total: '0', totalPages: '0' }, 'lovedtracks.@attr.total: is 0, yet the page holds 2 tracks'],
    ['totalPages 0 while total is not', { ...attr, totalPages: '0', total: '2' }, 'lovedtracks.@attr.totalPages: is 0, yet total is 2'],
    ['page 0', { ...attr, page: '0', total: '2' }, 'lovedtracks.@attr.page: expected a page number from 1, got 0'],
    ['a missing attribute', { user: 'rj', page: '1', perPage: '50', totalPages: '1' }, 'lovedtracks.@attr.total: expected a non-negative integer (as a string), got nothing'],
  ])('reports %s as an issue instead of throwing', (_, badAttr, expected) => {
    const found = issues(parseLovedTracksResponse({ lovedtracks: { '@attr': badAttr, track: [track(), track({ name: 'Another One Bites the Dust' })] } }));
    expect(found.some((issue) => issue.startsWith(expected))).toBe(true);
  });

  it('reports bad tracks with their path', () => {
    const found = issues(
      parseLovedTracksResponse(
        body({ '@attr': { ...attr, total: '3' }, track: [track({ date: { uts: 'yesterday' } }), track({ artist: { mbid: '' } }), 'not a track'] }),
      ),
    );
    expect(found).toEqual([
      'lovedtracks.track.0.date.uts: expected a unix time (as a string), got "yesterday"',
      'lovedtracks.track.1.artist: expected the artist to have a name',
      'lovedtracks.track.2: expected a track object, got "not a track"',
    ]);
  });

  it.each([
    [null, 'expected a JSON object, got null'],
    [[], 'expected a JSON object, got an array'],
    ['<html>', 'expected a JSON object, got "<html>"'],
    [{}, 'lovedtracks: expected an object, got nothing'],
    [{ lovedtracks: {} }, 'lovedtracks.@attr: expected the paging attributes, got nothing'],
  ])('reports the wrong top-level shape %j', (input, expected) => {
    expect(issues(parseLovedTracksResponse(input))).toEqual([expected]);
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        parseLovedTracksResponse(value);
        parseLovedTracksResponse({ lovedtracks: value });
        parseLovedTracksResponse({ lovedtracks: { '@attr': attr, track: value } });
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseLastfmErrorBody', () => {
  it('reads the code and message of an error body', () => {
    expect(parseLastfmErrorBody(fixture('error-user-not-found.json'))).toEqual({ code: 6, message: 'User not found' });
  });

  it('accepts the code as a string and the message missing', () => {
    expect(parseLastfmErrorBody({ error: '29' })).toEqual({ code: 29, message: undefined });
  });

  it.each([[{ lovedtracks: {} }], [null], ['error'], [{ error: 'soon' }], [{ error: -1 }]])('returns undefined for %j', (input) => {
    expect(parseLastfmErrorBody(input)).toBeUndefined();
  });
});
