/**
 * Last.fm error codes and which of them are worth retrying.
 *
 * Last.fm reports failures as a JSON body `{ error: N, message }` whose HTTP
 * status does not always agree (an unknown user is HTTP 404 with error 6, a
 * rate limit can be HTTP 429 or 200 with error 29), so the body's code is
 * trusted over the status whenever there is one.
 *
 * @module
 */
import {
  LastfmApiError,
  LastfmInvalidApiKeyError,
  LastfmLoginRequiredError,
  LastfmSuspendedApiKeyError,
  LastfmUserNotFoundError,
} from '../../errors.js';

/**
 * The Last.fm error codes this library acts on by name. Any other code is
 * treated as permanent.
 *
 * @example
 * ```ts
 * if (error.code === LastfmErrorCode.RateLimitExceeded) console.log('slow down');
 * ```
 */
export const LastfmErrorCode = {
  /** Invalid parameters; on a user method it is how Last.fm says "no such user". */
  InvalidParameters: 6,
  /** Operation failed: "most likely the backend service failed. Please try again." */
  OperationFailed: 8,
  /** Invalid API key. */
  InvalidApiKey: 10,
  /** Service offline: "this service is temporarily offline, try again later". */
  ServiceOffline: 11,
  /** Service temporarily unavailable. */
  TemporarilyUnavailable: 16,
  /** Login required; for `user.getLovedTracks` it means the profile is private. */
  LoginRequired: 17,
  /** The API key has been suspended. */
  SuspendedApiKey: 26,
  /** Rate limit exceeded. */
  RateLimitExceeded: 29,
} as const;

const TRANSIENT_CODES: ReadonlySet<number> = new Set([
  LastfmErrorCode.OperationFailed,
  LastfmErrorCode.ServiceOffline,
  LastfmErrorCode.TemporarilyUnavailable,
  LastfmErrorCode.RateLimitExceeded,
]);

/**
 * True for the Last.fm error codes that say "try again later" (8, 11, 16,
 * 29). Every other code is permanent: retrying cannot change the answer.
 *
 * @example
 * ```ts
 * isTransientLastfmCode(29); // true
 * isTransientLastfmCode(6); // false
 * ```
 */
export function isTransientLastfmCode(code: number): boolean {
  return TRANSIENT_CODES.has(code);
}

/**
 * True for HTTP statuses worth retrying when the body carries no Last.fm
 * error code: 408, 429 and every 5xx (Last.fm sits behind proxies that answer
 * 502/503/504 with an HTML page).
 *
 * @example
 * ```ts
 * isTransientHttpStatus(503); // true
 * isTransientHttpStatus(404); // false
 * ```
 */
export function isTransientHttpStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * What is known about one failed Last.fm answer.
 *
 * @example
 * ```ts
 * const failure: LastfmFailure = { code: 29, status: 429, message: 'Rate Limit Exceeded', user: 'rj', page: 3 };
 * ```
 */
export interface LastfmFailure {
  /** Last.fm's error code from the body, when the body had one. */
  readonly code?: number | undefined;
  /** HTTP status of the response. */
  readonly status?: number | undefined;
  /** Last.fm's message from the body (already free of secrets). */
  readonly message?: string | undefined;
  /** The user the request was for. */
  readonly user?: string | undefined;
  /** The page the request was for. */
  readonly page?: number | undefined;
}

/**
 * Describes a failure in a few words, e.g. `error 29: Rate Limit Exceeded,
 * HTTP 429`, for error messages.
 *
 * @example
 * ```ts
 * describeLastfmFailure({ status: 502 }); // 'HTTP 502'
 * ```
 */
export function describeLastfmFailure(failure: Pick<LastfmFailure, 'code' | 'status' | 'message'>): string {
  const parts: string[] = [];
  if (failure.code !== undefined) parts.push(failure.message ? `error ${failure.code}: ${failure.message}` : `error ${failure.code}`);
  if (failure.status !== undefined) parts.push(`HTTP ${failure.status}`);
  return parts.length > 0 ? parts.join(', ') : 'unknown failure';
}

/**
 * Builds the typed error for a Last.fm failure: one of the permanent
 * subclasses for codes 6 (user), 10, 17 and 26, otherwise a plain
 * {@link LastfmApiError}. Whether to retry is decided separately with
 * {@link isTransientLastfmCode} / {@link isTransientHttpStatus}.
 *
 * @example
 * ```ts
 * throw lastfmApiError({ code: 6, status: 404, message: 'User not found', user: 'rj', page: 1 });
 * // LastfmUserNotFoundError: Last.fm user "rj" not found (error 6: User not found)
 * ```
 */
export function lastfmApiError(failure: LastfmFailure, options?: { cause?: unknown }): LastfmApiError {
  const { code, status, user, page } = failure;
  const context = { code, status, user, page };
  const detail = describeLastfmFailure(failure);
  const who = user === undefined ? 'the user' : JSON.stringify(user);
  switch (code) {
    case LastfmErrorCode.InvalidParameters:
      // Error 6 also covers our own bad parameters ("limit param out of
      // bounds"); only call it "user not found" when Last.fm says so.
      if (user !== undefined && (status === 404 || !failure.message || /user/i.test(failure.message))) {
        return new LastfmUserNotFoundError(`Last.fm user ${who} not found (${detail})`, context, options);
      }
      return new LastfmApiError(`Last.fm rejected the request parameters for ${who}${pageText(page)} (${detail})`, context, options);
    case LastfmErrorCode.InvalidApiKey:
      return new LastfmInvalidApiKeyError(`Last.fm rejected the API key (${detail})`, context, options);
    case LastfmErrorCode.SuspendedApiKey:
      return new LastfmSuspendedApiKeyError(`Last.fm suspended the API key (${detail})`, context, options);
    case LastfmErrorCode.LoginRequired:
      return new LastfmLoginRequiredError(`Last.fm profile of ${who} is private (${detail})`, context, options);
    default:
      return new LastfmApiError(`Last.fm request for ${who}${pageText(page)} failed (${detail})`, context, options);
  }
}

function pageText(page: number | undefined): string {
  return page === undefined ? '' : `, page ${page}`;
}
