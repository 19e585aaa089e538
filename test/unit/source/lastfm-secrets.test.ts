import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LastfmSource } from '../../../src/source/lastfm/lastfm-source.js';
import type { LastfmFetch } from '../../../src/source/lastfm/lastfm-options.js';
import { startFakeLastfm, type FakeLastfm, type FakeLastfmFaultEffect } from '../../../src/testing/index.js';
import { makeLoves, rejectionOf, secretLeaks } from './support.js';

// 32 characters like a real key, and unlike anything else in a message.
const SECRET = '5ec12e7a91b34c0d8e2f6a7b9c1d3e5f';

let lastfm: FakeLastfm;

beforeEach(async () => {
  lastfm = await startFakeLastfm({ apiKey: SECRET, users: { rj: makeLoves(3) } });
});

afterEach(async () => {
  await lastfm.close();
});

function source(options: { apiKey?: string; fetch?: LastfmFetch; baseUrl?: string; timeoutMs?: number } = {}): LastfmSource {
  return new LastfmSource({
    apiKey: SECRET,
    baseUrl: lastfm.url,
    requestsPerSecond: 1000,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    maxAttempts: 2,
    ...options,
  });
}

const echoedUrl = `${'http://127.0.0.1/2.0/'}?method=user.getlovedtracks&user=rj&api_key=${SECRET}&format=json`;

describe('the API key never leaks into errors', () => {
  it.each<[string, FakeLastfmFaultEffect | undefined, string]>([
    ['unknown user', undefined, 'nobody'],
    ['private profile', { code: 17 }, 'rj'],
    ['suspended key', { code: 26 }, 'rj'],
    ['exhausted retries on HTTP 500', { status: 500 }, 'rj'],
    ['exhausted retries on error 29', { code: 29 }, 'rj'],
    ['a transient error message that echoes the key', { code: 8, message: `Backend failed for key ${SECRET}` }, 'rj'],
    ['a permanent error message that echoes the request URL', { code: 6, message: `Invalid parameters: ${echoedUrl}` }, 'rj'],
    ['an HTML error page that echoes the URL', { status: 404, body: `<html>Not found: ${echoedUrl}</html>` }, 'rj'],
    ['a body that is not JSON', { malformed: true }, 'rj'],
    ['a non-JSON 200 body that echoes the URL', { status: 200, body: `<html>${echoedUrl}</html>` }, 'rj'],
    ['JSON of the wrong shape holding the key', { json: { lovedtracks: { '@attr': { user: SECRET, page: SECRET, perPage: '1', totalPages: '1', total: '1' } } } }, 'rj'],
    ['a connection cut mid-body', { truncate: true }, 'rj'],
    ['a timeout', { delayMs: 5000 }, 'rj'],
  ])('%s', async (_, effect, user) => {
    if (effect) lastfm.fail({ times: 'always', with: effect });
    const error = await rejectionOf(source({ timeoutMs: 50 }).fetchPage(user, 1));
    expect(secretLeaks(error, SECRET)).toEqual([]);
  });

  it('redacts the key where a server message contained it, rather than dropping the message', async () => {
    lastfm.fail({ times: 'always', with: { code: 6, message: `Invalid parameters: ${echoedUrl}` } });
    const error = await rejectionOf(source().fetchPage('rj', 1));
    expect((error as Error).message).toContain('api_key=REDACTED');
  });

  it('an invalid key', async () => {
    const wrong = 'aaaabbbbccccddddeeeeffff00001111';
    const error = await rejectionOf(source({ apiKey: wrong }).fetchPage('rj', 1));
    expect(error).toMatchObject({ name: 'LastfmInvalidApiKeyError' });
    expect(secretLeaks(error, wrong)).toEqual([]);
  });

  it('a connection refused', async () => {
    const port = new URL(lastfm.url).port;
    await lastfm.close();
    const error = await rejectionOf(source({ baseUrl: `http://127.0.0.1:${port}/2.0/` }).fetchPage('rj', 1));
    expect(error).toMatchObject({ name: 'LastfmRetryExhaustedError' });
    expect(secretLeaks(error, SECRET)).toEqual([]);
  });

  it.each<[string, LastfmFetch]>([
    [
      'a fetch whose error and its cause quote the URL',
      async (url) => {
        throw new TypeError(`fetch failed for ${url}`, { cause: Object.assign(new Error(`connect to ${url} refused`), { url, request: { url } }) });
      },
    ],
    [
      'a fetch that throws a string',
      async (url) => {
        throw `cannot fetch ${url}`;
      },
    ],
    [
      'a body read failing with the URL',
      async (url) => ({
        status: 200,
        headers: new Headers(),
        text: async () => {
          throw new Error(`body of ${url} lost`);
        },
      }),
    ],
    [
      'a response that echoes the URL in a JSON error',
      async (url) => ({ status: 200, headers: new Headers(), text: async () => JSON.stringify({ error: 10, message: `bad key in ${url}` }) }),
    ],
  ])('%s', async (_, fetchImpl) => {
    const error = await rejectionOf(source({ fetch: fetchImpl }).fetchPage('rj', 1));
    expect(secretLeaks(error, SECRET)).toEqual([]);
    expect(inspect(error, { depth: 10 })).toContain('REDACTED');
  });

  it('a bad option next to a good key', () => {
    let error: unknown;
    try {
      new LastfmSource({ apiKey: SECRET, pageSize: 0 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ name: 'OptionsError' });
    expect(secretLeaks(error, SECRET)).toEqual([]);
  });

  it('the source itself when logged or serialised', () => {
    const instance = source();
    expect(inspect(instance, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(instance)).not.toContain(SECRET);
  });
});
