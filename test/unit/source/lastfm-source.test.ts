import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LastfmApiError,
  LastfmInvalidApiKeyError,
  LastfmLoginRequiredError,
  LastfmResponseError,
  LastfmRetryExhaustedError,
  LastfmSuspendedApiKeyError,
  LastfmUserNotFoundError,
  LovedTrackCacheError,
  OptionsError,
} from '../../../src/errors.js';
import { LastfmSource, parseRetryAfter } from '../../../src/source/lastfm/lastfm-source.js';
import { startFakeLastfm, type FakeLastfm } from '../../../src/testing/index.js';
import { fastSource, makeLoves, rejectionOf } from './support.js';

let lastfm: FakeLastfm;

beforeEach(async () => {
  lastfm = await startFakeLastfm({ users: { rj: makeLoves(10) } });
});

afterEach(async () => {
  await lastfm.close();
});

describe('LastfmSource.fetchPage', () => {
  it('fetches and normalises one page, sending the key, page size, page and an identifying User-Agent', async () => {
    const source = fastSource(lastfm, { pageSize: 4 });
    const page = await source.fetchPage('rj', 2);
    expect(page).toEqual({
      user: 'rj',
      page: 2,
      perPage: 4,
      totalPages: 3,
      total: 10,
      tracks: makeLoves(10)
        .slice(4, 8)
        .map((love) => ({ ...love, url: `https://www.last.fm/music/${love.artist.replaceAll(' ', '+')}/_/${love.title.replaceAll(' ', '+')}` })),
    });
    expect(lastfm.requests).toEqual([
      expect.objectContaining({ user: 'rj', page: 2, limit: 4, status: 200, userAgent: expect.stringMatching(/^loved-track-cache\/\d+\.\d+\.\d+ \(\+https:/) }),
    ]);
    expect(source.requestCount).toBe(1);
  });

  it('returns the user as asked for, not as Last.fm capitalises it', async () => {
    lastfm.setLoves('RJ', makeLoves(1));
    expect((await fastSource(lastfm).fetchPage('rj', 1)).user).toBe('rj');
  });

  it('encodes user names that need it', async () => {
    lastfm.setLoves('Ünï cødé & co', makeLoves(2));
    expect((await fastSource(lastfm).fetchPage('Ünï cødé & co', 1)).tracks).toHaveLength(2);
    expect(lastfm.requests[0]?.user).toBe('Ünï cødé & co');
  });

  it('reads a single-track page (bare object) and a love without a date', async () => {
    lastfm.setLoves('solo', [{ artist: 'Queen', title: 'Bohemian Rhapsody', lovedAt: null, mbid: 'b1a9c0e9-d987-4042-ae91-78d6a3267d69' }]);
    const page = await fastSource(lastfm).fetchPage('solo', 1);
    expect(page.tracks).toEqual([
      { artist: 'Queen', title: 'Bohemian Rhapsody', lovedAt: null, mbid: 'b1a9c0e9-d987-4042-ae91-78d6a3267d69', url: 'https://www.last.fm/music/Queen/_/Bohemian+Rhapsody' },
    ]);
  });

  it('uses an injected fetch', async () => {
    const urls: string[] = [];
    const source = fastSource(lastfm, {
      fetch: (url, init) => {
        urls.push(url);
        return fetch(url, init);
      },
    });
    await source.fetchPage('rj', 1);
    expect(urls).toHaveLength(1);
    expect(new URL(urls[0] ?? '').searchParams.get('method')).toBe('user.getlovedtracks');
    expect(new URL(urls[0] ?? '').searchParams.get('format')).toBe('json');
  });

  it.each([
    ['page 0', 'rj', 0, 'Expected `page` to be a positive integer, got 0'],
    ['a fractional page', 'rj', 1.5, 'Expected `page` to be a positive integer, got 1.5'],
    ['an empty user', '', 1, 'Expected `user` to be a non-empty string, got ""'],
  ])('rejects %s before sending anything', async (_, user, page, message) => {
    const error = await rejectionOf(fastSource(lastfm).fetchPage(user, page));
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as Error).message).toBe(message);
    expect(lastfm.requestCount()).toBe(0);
  });
});

describe('transient failures', () => {
  it('retries page 3 failing twice with error 29, with exact request counts', async () => {
    const source = fastSource(lastfm, { pageSize: 3 });
    lastfm.fail({ page: 3, times: 2, with: { code: 29 } });
    const pages = [];
    for await (const page of source.pages('rj')) pages.push(page.page);
    expect(pages).toEqual([1, 2, 3, 4]);
    expect(lastfm.requestCount({ page: 3 })).toBe(3);
    expect(lastfm.requestCount()).toBe(6);
    expect(source.requestCount).toBe(6);
    expect(lastfm.requests.filter((request) => request.page === 3).map((request) => request.status)).toEqual([429, 429, 200]);
  });

  it('gives up on HTTP 500 forever after maxAttempts, naming the page, user, attempts and status', async () => {
    const source = fastSource(lastfm, { pageSize: 4, maxAttempts: 4 });
    lastfm.fail({ page: 2, times: 'always', with: { status: 500 } });
    const seen: number[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const page of source.pages('rj')) seen.push(page.page);
      })(),
    );
    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(LastfmRetryExhaustedError);
    expect(error).toMatchObject({ page: 2, user: 'rj', attempts: 4, status: 500, code: undefined });
    expect((error as Error).message).toBe('Gave up on page 2 of Last.fm user "rj" after 4 attempts; last failure: HTTP 500');
    expect((error as Error).cause).toBeInstanceOf(LastfmApiError);
    expect((error as Error).cause).toMatchObject({ status: 500, page: 2 });
    expect(lastfm.requestCount({ page: 2 })).toBe(4);
    expect(source.requestCount).toBe(5);
  });

  it('defaults to 5 attempts and names the last Last.fm code', async () => {
    lastfm.fail({ times: 'always', with: { code: 16 } });
    const error = await rejectionOf(fastSource(lastfm).fetchPage('rj', 1));
    expect(error).toMatchObject({ name: 'LastfmRetryExhaustedError', attempts: 5, code: 16, status: 503 });
    expect((error as Error).message).toMatch(/after 5 attempts; last failure: error 16: .*, HTTP 503$/);
    expect(lastfm.requestCount()).toBe(5);
  });

  it.each([
    ['error 8', { code: 8 }],
    ['error 11', { code: 11 }],
    ['error 16', { code: 16 }],
    ['error 29 on HTTP 200', { code: 29, status: 200 }],
    ['HTTP 429 without a body code', { status: 429 }],
    ['HTTP 502 with an HTML page', { status: 502 }],
    ['HTTP 503 with a JSON body that is no error body', { json: { oops: true }, status: 503 }],
    ['a connection cut mid-body', { truncate: true }],
  ] as const)('retries %s', async (_, effect) => {
    lastfm.fail({ times: 1, with: effect });
    const page = await fastSource(lastfm).fetchPage('rj', 1);
    expect(page.tracks).toHaveLength(10);
    expect(lastfm.requestCount()).toBe(2);
  });

  it('honours Retry-After in seconds', async () => {
    lastfm.fail({ times: 1, with: { code: 29, retryAfter: 1 } });
    await fastSource(lastfm, { retryMaxDelayMs: 5000 }).fetchPage('rj', 1);
    const [first, second] = lastfm.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After as an HTTP date', async () => {
    // HTTP dates have whole seconds: two seconds ahead is at least one second away.
    lastfm.fail({ times: 1, with: { status: 503, retryAfter: new Date(Date.now() + 2000).toUTCString() } });
    await fastSource(lastfm, { retryMaxDelayMs: 5000 }).fetchPage('rj', 1);
    const [first, second] = lastfm.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('gives up at once when Retry-After is longer than retryMaxDelayMs', async () => {
    lastfm.fail({ times: 'always', with: { code: 29, retryAfter: 3600 } });
    const error = await rejectionOf(fastSource(lastfm, { retryMaxDelayMs: 1000 }).fetchPage('rj', 1));
    expect(error).toBeInstanceOf(LastfmRetryExhaustedError);
    expect(error).toMatchObject({ attempts: 1, code: 29, status: 429 });
    expect((error as Error).message).toContain('Last.fm asked to wait 3600 s, longer than retryMaxDelayMs (1000 ms)');
    expect(lastfm.requestCount()).toBe(1);
  });

  it('retries a request that times out, and gives up on one that always does', async () => {
    lastfm.fail({ times: 1, with: { delayMs: 2000 } });
    expect((await fastSource(lastfm, { timeoutMs: 100 }).fetchPage('rj', 1)).tracks).toHaveLength(10);
    expect(lastfm.requestCount()).toBe(2);

    lastfm.resetRequests();
    lastfm.fail({ times: 'always', with: { delayMs: 2000 } });
    const error = await rejectionOf(fastSource(lastfm, { timeoutMs: 100, maxAttempts: 2 }).fetchPage('rj', 1));
    expect(error).toMatchObject({ name: 'LastfmRetryExhaustedError', attempts: 2, code: undefined, status: undefined });
    expect((error as Error).message).toBe('Gave up on page 1 of Last.fm user "rj" after 2 attempts; last failure: no complete answer within 100 ms');
    expect(lastfm.requestCount()).toBe(2);
  });

  it('reports a network failure (nothing listening) as exhausted retries with the cause kept', async () => {
    const port = new URL(lastfm.url).port;
    await lastfm.close();
    const source = new LastfmSource({ apiKey: 'k'.repeat(32), baseUrl: `http://127.0.0.1:${port}/2.0/`, retryBaseDelayMs: 1, retryMaxDelayMs: 1, maxAttempts: 2, requestsPerSecond: 1000 });
    const error = await rejectionOf(source.fetchPage('rj', 1));
    expect(error).toBeInstanceOf(LastfmRetryExhaustedError);
    expect((error as Error).message).toMatch(/last failure: network error: fetch failed \(.*ECONNREFUSED.*\)$/);
    expect((error as Error).cause).toBeInstanceOf(LovedTrackCacheError);
    expect(((error as Error).cause as Error).cause).toBeInstanceOf(TypeError);
    expect(source.requestCount).toBe(2);
  });
});

describe('malformed bodies', () => {
  it('retries a body that is not JSON', async () => {
    lastfm.fail({ times: 2, with: { malformed: true } });
    expect((await fastSource(lastfm).fetchPage('rj', 1)).tracks).toHaveLength(10);
    expect(lastfm.requestCount()).toBe(3);
  });

  it('fails with LastfmResponseError after 3 bodies that are not JSON', async () => {
    lastfm.fail({ times: 'always', with: { malformed: true } });
    const error = await rejectionOf(fastSource(lastfm).fetchPage('rj', 1));
    expect(error).toBeInstanceOf(LastfmResponseError);
    expect(error).toMatchObject({ page: 1 });
    expect((error as LastfmResponseError).issues[0]).toMatch(/^body is not JSON: /);
    expect((error as Error).message).toMatch(/^Last\.fm sent a body that is not JSON for page 1 of user "rj" \(.+\); gave up after 3 attempts$/);
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    expect(lastfm.requestCount()).toBe(3);
  });

  it('stops at maxAttempts when it is lower', async () => {
    lastfm.fail({ times: 'always', with: { malformed: true } });
    await expect(fastSource(lastfm, { maxAttempts: 2 }).fetchPage('rj', 1)).rejects.toBeInstanceOf(LastfmResponseError);
    expect(lastfm.requestCount()).toBe(2);
  });

  it('does not retry JSON of the wrong shape', async () => {
    lastfm.fail({
      times: 'always',
      with: { json: { lovedtracks: { track: [], '@attr': { user: 'rj', page: '1', perPage: 'many', totalPages: '1', total: '-4' } } } },
    });
    const error = await rejectionOf(fastSource(lastfm).fetchPage('rj', 1));
    expect(error).toBeInstanceOf(LastfmResponseError);
    expect((error as LastfmResponseError).issues).toEqual([
      'lovedtracks.@attr.perPage: expected a non-negative integer (as a string), got "many"',
      'lovedtracks.@attr.total: expected a non-negative integer (as a string), got "-4"',
    ]);
    expect((error as Error).message).toBe(
      'Last.fm sent page 1 of user "rj" in an unexpected shape: lovedtracks.@attr.perPage: expected a non-negative integer (as a string), got "many" (and 1 more problem)',
    );
    expect(lastfm.requestCount()).toBe(1);
  });

  it('rejects an answer for another page than the one asked for', async () => {
    lastfm.fail({ page: 2, with: { json: { lovedtracks: { track: [], '@attr': { user: 'rj', page: '1', perPage: '50', totalPages: '1', total: '0' } } } } });
    const error = await rejectionOf(fastSource(lastfm).fetchPage('rj', 2));
    expect(error).toBeInstanceOf(LastfmResponseError);
    expect((error as LastfmResponseError).issues).toEqual(['lovedtracks.@attr.page: asked for page 2, got page 1']);
  });
});

describe('permanent failures', () => {
  it.each([
    ['an unknown user (HTTP 404, error 6)', 'nobody', undefined, LastfmUserNotFoundError, /^Last\.fm user "nobody" not found \(error 6: User not found, HTTP 404\)$/, { code: 6, status: 404 }],
    ['a private profile (error 17)', 'private', undefined, LastfmLoginRequiredError, /^Last\.fm profile of "private" is private \(error 17: Login: User required to be logged in, HTTP 403\)$/, { code: 17 }],
    ['a suspended key (error 26)', 'rj', { code: 26 }, LastfmSuspendedApiKeyError, /^Last\.fm suspended the API key \(error 26: Suspended API key/, { code: 26 }],
    ['an unknown error code', 'rj', { code: 27, status: 400 }, LastfmApiError, /^Last\.fm request for "rj", page 1 failed \(error 27: Error 27, HTTP 400\)$/, { code: 27 }],
    ['HTTP 404 with an HTML page', 'rj', { status: 404 }, LastfmApiError, /^Last\.fm request for "rj", page 1 failed \(HTTP 404\)$/, { code: undefined, status: 404 }],
    ['HTTP 400 with JSON that is no error body', 'rj', { json: { nope: 1 }, status: 400 }, LastfmApiError, /\(HTTP 400\)$/, { status: 400 }],
  ] as const)('throws %s at once, without retrying', async (_, user, effect, type, message, props) => {
    lastfm.privateUser('private');
    if (effect) lastfm.fail({ times: 'always', with: effect });
    const error = await rejectionOf(fastSource(lastfm).fetchPage(user, 1));
    expect(error).toBeInstanceOf(type);
    expect(error).not.toBeInstanceOf(LastfmRetryExhaustedError);
    expect((error as Error).message).toMatch(message);
    expect(error).toMatchObject({ ...props, page: 1, user });
    expect(lastfm.requestCount()).toBe(1);
  });

  it('throws an invalid key (error 10) at once', async () => {
    const source = new LastfmSource({ apiKey: 'not-the-key', baseUrl: lastfm.url, requestsPerSecond: 1000, retryBaseDelayMs: 1, retryMaxDelayMs: 1 });
    const error = await rejectionOf(source.fetchPage('rj', 1));
    expect(error).toBeInstanceOf(LastfmInvalidApiKeyError);
    expect((error as Error).message).toBe('Last.fm rejected the API key (error 10: Invalid API key - You must be granted a valid key by last.fm, HTTP 403)');
    expect(lastfm.requestCount()).toBe(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores nonsense', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
