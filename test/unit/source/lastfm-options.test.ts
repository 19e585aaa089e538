import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../src/errors.js';
import { parseOptions } from '../../../src/internal/parse-options.js';
import { DEFAULT_USER_AGENT, lastfmSourceOptionsSchema } from '../../../src/source/lastfm/lastfm-options.js';
import { LastfmSource } from '../../../src/source/lastfm/lastfm-source.js';
import { VERSION } from '../../../src/version.js';

function optionsError(input: unknown): OptionsError {
  try {
    new LastfmSource(input as never);
  } catch (error) {
    if (error instanceof OptionsError) return error;
    throw error;
  }
  throw new Error('expected an OptionsError');
}

describe('LastfmSource options', () => {
  it('fills in the documented defaults', () => {
    expect(parseOptions(lastfmSourceOptionsSchema, { apiKey: 'key' }, 'LastfmSource options')).toEqual({
      apiKey: 'key',
      baseUrl: 'https://ws.audioscrobbler.com/2.0/',
      pageSize: 1000,
      requestsPerSecond: 5,
      maxAttempts: 5,
      retryBaseDelayMs: 500,
      retryMaxDelayMs: 30_000,
      timeoutMs: 30_000,
      userAgent: `loved-track-cache/${VERSION} (+https://www.npmjs.com/package/loved-track-cache)`,
    });
    expect(DEFAULT_USER_AGENT).toContain(VERSION);
  });

  it.each([
    [{ apiKey: 'key', pageSize: 5000 }, 'Expected `pageSize` to be an integer from 1 to 1000, got 5000'],
    [{ apiKey: 'key', pageSize: 2.5 }, 'Expected `pageSize` to be an integer from 1 to 1000, got 2.5'],
    [{}, 'Expected `apiKey` to be a non-empty string, got undefined'],
    [{ apiKey: '' }, 'Expected `apiKey` to be a non-empty string, got ""'],
    [{ apiKey: 'key', baseUrl: 'ws.audioscrobbler.com' }, 'Expected `baseUrl` to be an http(s) URL, got "ws.audioscrobbler.com"'],
    [{ apiKey: 'key', requestsPerSecond: 0 }, 'Expected `requestsPerSecond` to be a number above 0, at most 1000, got 0'],
    [{ apiKey: 'key', maxAttempts: 0 }, 'Expected `maxAttempts` to be an integer from 1 to 100, got 0'],
    [{ apiKey: 'key', retryBaseDelayMs: -1 }, 'Expected `retryBaseDelayMs` to be a non-negative integer (milliseconds), got -1'],
    [{ apiKey: 'key', timeoutMs: 0 }, 'Expected `timeoutMs` to be a positive integer (milliseconds), got 0'],
    [{ apiKey: 'key', fetch: 'node-fetch' }, 'Expected `fetch` to be a fetch function, got "node-fetch"'],
    [{ apiKey: 'key', userAgent: '' }, 'Expected `userAgent` to be a non-empty string, got ""'],
    [{ apiKey: 'key', retryBaseDelayMs: 1000, retryMaxDelayMs: 100 }, 'Expected `retryMaxDelayMs` to be at least `retryBaseDelayMs` (1000), got 100'],
    [undefined, 'Expected `LastfmSource options` to be an options object, got undefined'],
  ])('rejects %j with a message naming the option', (input, message) => {
    const error = optionsError(input);
    expect(error.issues).toEqual([message]);
    expect(error.message).toBe(`Invalid LastfmSource options: ${message}`);
  });

  it('names every bad option at once', () => {
    expect(optionsError({ apiKey: '', pageSize: 0, maxAttempts: 1.5 }).issues).toHaveLength(3);
  });
});
