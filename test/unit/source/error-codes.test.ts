import { describe, expect, it } from 'vitest';
import {
  LastfmApiError,
  LastfmInvalidApiKeyError,
  LastfmLoginRequiredError,
  LastfmSuspendedApiKeyError,
  LastfmUserNotFoundError,
} from '../../../src/errors.js';
import { describeLastfmFailure, isTransientHttpStatus, isTransientLastfmCode, lastfmApiError } from '../../../src/source/lastfm/error-codes.js';

describe('isTransientLastfmCode', () => {
  it.each([8, 11, 16, 29])('retries error %i', (code) => expect(isTransientLastfmCode(code)).toBe(true));
  it.each([2, 3, 4, 6, 10, 13, 17, 26, 27, 99])('does not retry error %i', (code) => expect(isTransientLastfmCode(code)).toBe(false));
});

describe('isTransientHttpStatus', () => {
  it.each([408, 429, 500, 502, 503, 504, 599])('retries HTTP %i', (status) => expect(isTransientHttpStatus(status)).toBe(true));
  it.each([200, 301, 400, 401, 403, 404, 410])('does not retry HTTP %i', (status) => expect(isTransientHttpStatus(status)).toBe(false));
});

describe('lastfmApiError', () => {
  it.each([
    [{ code: 6, status: 404, message: 'User not found' }, LastfmUserNotFoundError, 'Last.fm user "rj" not found (error 6: User not found, HTTP 404)'],
    [{ code: 10, status: 403, message: 'Invalid API key' }, LastfmInvalidApiKeyError, 'Last.fm rejected the API key (error 10: Invalid API key, HTTP 403)'],
    [{ code: 26, status: 403 }, LastfmSuspendedApiKeyError, 'Last.fm suspended the API key (error 26, HTTP 403)'],
    [{ code: 17, message: 'login required' }, LastfmLoginRequiredError, 'Last.fm profile of "rj" is private (error 17: login required)'],
  ] as const)('maps %j to its own class', (failure, type, message) => {
    const error = lastfmApiError({ ...failure, user: 'rj', page: 3 });
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
    expect(error).toMatchObject({ code: failure.code, user: 'rj', page: 3 });
  });

  it('does not call error 6 about another parameter "user not found"', () => {
    const error = lastfmApiError({ code: 6, status: 400, message: 'limit param out of bounds (1-1000)', user: 'rj', page: 1 });
    expect(error).not.toBeInstanceOf(LastfmUserNotFoundError);
    expect(error.message).toBe('Last.fm rejected the request parameters for "rj", page 1 (error 6: limit param out of bounds (1-1000), HTTP 400)');
  });

  it('falls back to a plain LastfmApiError for other codes and bare statuses', () => {
    const coded = lastfmApiError({ code: 27, message: 'Deprecated', user: 'rj', page: 2 });
    expect(coded.constructor).toBe(LastfmApiError);
    expect(coded.message).toBe('Last.fm request for "rj", page 2 failed (error 27: Deprecated)');
    const bare = lastfmApiError({ status: 502, user: 'rj', page: 2 });
    expect(bare).toMatchObject({ code: undefined, status: 502 });
  });

  it('describes failures briefly', () => {
    expect(describeLastfmFailure({ code: 29, status: 429, message: 'Rate Limit Exceeded' })).toBe('error 29: Rate Limit Exceeded, HTTP 429');
    expect(describeLastfmFailure({ status: 503 })).toBe('HTTP 503');
    expect(describeLastfmFailure({})).toBe('unknown failure');
  });
});
