import pThrottle from 'p-throttle';
import type {
  LastfmInvalidApiKeyError,
  LastfmLoginRequiredError,
  LastfmSuspendedApiKeyError,
  LastfmUserNotFoundError,
} from '../../errors.js';
import { LastfmApiError, LastfmResponseError, LastfmRetryExhaustedError, LovedTrackCacheError, OptionsError } from '../../errors.js';
import { delay, raceAbort } from '../../internal/abort.js';
import { parseOptions } from '../../internal/parse-options.js';
import { lovedTrackPages, type LovedTrackPagesOptions } from '../loved-track-pages.js';
import type { FetchPageOptions, LovedTrackPage, LovedTrackSource } from '../loved-track-source.js';
import { describeLastfmFailure, isTransientHttpStatus, isTransientLastfmCode, lastfmApiError } from './error-codes.js';
import { lastfmSourceOptionsSchema, type LastfmFetch, type LastfmSourceOptions, type ResolvedLastfmSourceOptions } from './lastfm-options.js';
import { REDACTED, Redactor } from './redact.js';
import { parseLastfmErrorBody, parseLovedTracksResponse } from './schemas.js';

/**
 * A body that is not JSON at all is most often a response cut off in
 * transit, so it is retried, but only this many times in all: a server that
 * keeps sending garbage will not start sending JSON on the fifth try.
 */
const MALFORMED_BODY_ATTEMPTS = 3;

/**
 * Options of {@link LastfmSource.pages}.
 *
 * @example
 * ```ts
 * const options: LastfmPagesOptions = { since: 1700000000, startPage: 1 };
 * ```
 */
export type LastfmPagesOptions = LovedTrackPagesOptions;

/** One request's outcome, as the retry loop sees it. Permanent failures are thrown instead. */
type Attempt =
  | { readonly ok: true; readonly page: LovedTrackPage }
  | {
      readonly ok: false;
      readonly kind: 'transient';
      readonly code?: number | undefined;
      readonly status?: number | undefined;
      /** From `Retry-After`, when the response had one. */
      readonly retryAfterMs?: number | undefined;
      /** Words for the final error message: "error 29: Rate Limit Exceeded, HTTP 429". */
      readonly reason: string;
      readonly error: Error;
    }
  | { readonly ok: false; readonly kind: 'malformed'; readonly status: number; readonly reason: string; readonly error: unknown };

/**
 * Reads loved tracks from the Last.fm API (`user.getLovedTracks`).
 *
 * - **Rate limited**: one throttle per instance, shared by every user and
 *   call (retries included), spaces requests evenly at `requestsPerSecond`.
 *   Share one instance across your application.
 * - **Retries** transient failures (Last.fm errors 8, 11, 16, 29, HTTP 408,
 *   429, 5xx, network errors, timeouts) with exponential backoff and full
 *   jitter, honouring `Retry-After`; permanent ones (unknown user, private
 *   profile, bad or suspended key) are thrown at once as their own class.
 * - **Validates** every page ({@link LastfmResponseError} when Last.fm sends
 *   something else) and normalises Last.fm's quirks.
 * - **Never leaks the API key** into an error message, property or cause.
 *
 * @example
 * ```ts
 * const source = new LastfmSource({ apiKey: process.env.LASTFM_API_KEY! });
 * for await (const page of source.pages('rj')) {
 *   console.log(`page ${page.page}/${page.totalPages}: ${page.tracks.length} loves`);
 * }
 * ```
 */
export class LastfmSource implements LovedTrackSource {
  readonly #options: Readonly<Omit<ResolvedLastfmSourceOptions, 'apiKey' | 'fetch'>>;
  readonly #apiKey: string;
  readonly #fetch: LastfmFetch;
  readonly #redactor: Redactor;
  /** Resolves (at the throttle's pace) when the next request may go out. */
  readonly #throttled: () => Promise<void>;
  /** The last caller in line for a throttle slot; see {@link LastfmSource.#nextSlot}. */
  #slotQueue: Promise<void> = Promise.resolve();
  #requestCount = 0;

  /**
   * Validates the options (before any I/O) and sets up the throttle.
   *
   * @throws {@link OptionsError} when an option is invalid, naming each one.
   *
   * @example
   * ```ts
   * const source = new LastfmSource({ apiKey: process.env.LASTFM_API_KEY!, userAgent: 'my-server/1.0 (+https://example.com)' });
   * ```
   */
  constructor(options: LastfmSourceOptions) {
    const { apiKey, fetch: fetchOption, ...rest } = parseOptions(lastfmSourceOptionsSchema, options, 'LastfmSource options');
    this.#options = Object.freeze(rest);
    this.#apiKey = apiKey;
    this.#redactor = new Redactor(apiKey);
    const fetchImpl: LastfmFetch = fetchOption ?? globalThis.fetch;
    // Called unbound: browser `fetch` throws "Illegal invocation" with a foreign `this`.
    this.#fetch = (url, init) => fetchImpl(url, init);
    // limit 1 per (1000 / rps) ms in strict mode spaces requests evenly, so
    // a burst of callers (a server syncing many users) never sends more
    // than one request per interval, not even at a window boundary.
    const throttle = pThrottle({ limit: 1, interval: 1000 / rest.requestsPerSecond, strict: true });
    this.#throttled = throttle(async () => {});
  }

  /**
   * Requests sent so far by this instance, retries included (a request that
   * was aborted while waiting for its throttle slot was not sent).
   *
   * @example
   * ```ts
   * console.log(`synced with ${source.requestCount} requests`);
   * ```
   */
  get requestCount(): number {
    return this.#requestCount;
  }

  /**
   * Fetches one page of a user's loved tracks, newest love first, retrying
   * transient failures.
   *
   * The returned page's `user` is `user` as given (Last.fm may spell it with
   * other capitals), so callers can key by it.
   *
   * @throws {@link LastfmUserNotFoundError}, {@link LastfmLoginRequiredError},
   *   {@link LastfmInvalidApiKeyError}, {@link LastfmSuspendedApiKeyError} or
   *   {@link LastfmApiError} for permanent failures (never retried).
   * @throws {@link LastfmRetryExhaustedError} when a transient failure
   *   outlasted `maxAttempts` (or Last.fm asked to wait longer than
   *   `retryMaxDelayMs`).
   * @throws {@link LastfmResponseError} when the body is not JSON after a few
   *   attempts, or is JSON of the wrong shape (not retried).
   * @throws `signal.reason` when `signal` aborts.
   *
   * @example
   * ```ts
   * const page = await source.fetchPage('rj', 1, { signal: AbortSignal.timeout(60_000) });
   * console.log(page.total, page.tracks[0]?.title);
   * ```
   */
  async fetchPage(user: string, page: number, options: FetchPageOptions = {}): Promise<LovedTrackPage> {
    const { signal } = options;
    signal?.throwIfAborted();
    if (typeof user !== 'string' || user.trim() === '') throw invalidArgument(`Expected \`user\` to be a non-empty string, got ${JSON.stringify(user)}`);
    if (!Number.isSafeInteger(page) || page < 1) throw invalidArgument(`Expected \`page\` to be a positive integer, got ${String(page)}`);

    let malformedBodies = 0;
    for (let attempt = 1; ; attempt++) {
      const result = await this.#attempt(user, page, signal);
      if (result.ok) return result.page;

      if (result.kind === 'malformed') {
        malformedBodies++;
        if (malformedBodies >= MALFORMED_BODY_ATTEMPTS || attempt >= this.#options.maxAttempts) {
          throw new LastfmResponseError(
            `Last.fm sent a body that is not JSON for page ${page} of user ${JSON.stringify(user)} (${result.reason}); gave up after ${attempt} ${plural(attempt, 'attempt')}`,
            { page, issues: [`body is not JSON: ${result.reason}`] },
            { cause: result.error },
          );
        }
        await delay(this.#backoff(attempt), signal);
        continue;
      }

      if (attempt >= this.#options.maxAttempts) throw this.#exhausted(user, page, attempt, result, '');
      if (result.retryAfterMs !== undefined && result.retryAfterMs > this.#options.retryMaxDelayMs) {
        // Waiting out a long Retry-After would hold a sync (and its lease)
        // for that long; better to fail now and let the caller reschedule.
        const asked = `Last.fm asked to wait ${Math.ceil(result.retryAfterMs / 1000)} s, longer than retryMaxDelayMs (${this.#options.retryMaxDelayMs} ms)`;
        throw this.#exhausted(user, page, attempt, result, asked);
      }
      await delay(result.retryAfterMs ?? this.#backoff(attempt), signal);
    }
  }

  /**
   * Yields a user's loved-track pages newest-first, from page 1 (or
   * `startPage`) until the last page, or, with `since` (unix seconds), until
   * the first page that holds a love strictly older than `since`. Loves at
   * exactly `since` do not stop the walk, and loves without a date count as
   * newest. See {@link lovedTrackPages}.
   *
   * @example
   * ```ts
   * for await (const page of source.pages('rj', { since: 1700000000 })) {
   *   const fresh = page.tracks.filter((love) => love.lovedAt === null || love.lovedAt >= 1700000000);
   * }
   * ```
   */
  pages(user: string, options: LastfmPagesOptions = {}): AsyncGenerator<LovedTrackPage, void, undefined> {
    return lovedTrackPages(this, user, options);
  }

  /** Sends one request and sorts its outcome; throws permanent failures. */
  async #attempt(user: string, page: number, signal: AbortSignal | undefined): Promise<Attempt> {
    await this.#nextSlot(signal);

    const timeout = AbortSignal.timeout(this.#options.timeoutMs);
    const requestSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let status: number;
    let retryAfter: string | null;
    let body: string;
    this.#requestCount++;
    try {
      const response = await this.#fetch(this.#url(user, page, this.#apiKey), {
        method: 'GET',
        headers: { 'User-Agent': this.#options.userAgent, Accept: 'application/json' },
        signal: requestSignal,
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      // An injected fetch may not tie the body to the signal; the race makes
      // the timeout and the caller's abort hold for the body too.
      body = await raceAbort(response.text(), requestSignal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const where = this.#url(user, page, REDACTED);
      if (timeout.aborted) {
        const reason = `no complete answer within ${this.#options.timeoutMs} ms`;
        return { ok: false, kind: 'transient', reason, error: new LovedTrackCacheError(`Last.fm sent ${reason} (${where})`, { cause: timeout.reason }) };
      }
      const reason = `network error: ${this.#redactor.text(errorText(error))}`;
      return {
        ok: false,
        kind: 'transient',
        reason,
        error: new LovedTrackCacheError(`Request to Last.fm failed with a ${reason} (${where})`, { cause: this.#redactor.error(error) }),
      };
    }
    return this.#interpret(user, page, status, retryAfter, body);
  }

  /**
   * Waits for this caller's turn to send. p-throttle fixes each call's time
   * when the call is made, so calls queued inside it all at once would fire
   * together after an event-loop stall (timers due during the stall run
   * back to back). Handing it one caller at a time makes it space each
   * request from the previous one's actual start instead. A caller that
   * aborts before its turn leaves the line without spending a slot.
   */
  async #nextSlot(signal: AbortSignal | undefined): Promise<void> {
    const turn = this.#slotQueue.then(() => (signal?.aborted ? undefined : this.#throttled()));
    this.#slotQueue = turn.catch(() => {});
    await raceAbort(turn, signal);
    signal?.throwIfAborted();
  }

  #interpret(user: string, page: number, status: number, retryAfter: string | null, body: string): Attempt {
    const ok = status >= 200 && status <= 299;
    const retryAfterMs = retryAfter === null ? undefined : parseRetryAfter(retryAfter);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      // Proxies in front of Last.fm answer 502/503 with an HTML page: the
      // status is the news there, not the body.
      if (isTransientHttpStatus(status)) return this.#transient({ status, user, page }, retryAfterMs);
      if (!ok) throw lastfmApiError({ status, user, page });
      return { ok: false, kind: 'malformed', status, reason: this.#redactor.text(errorText(error)), error: this.#redactor.error(error) };
    }

    // Last.fm's status and body disagree at times (error 6 comes as HTTP 404,
    // error 29 as 200 or 429); the body's code is the precise one.
    const errorBody = parseLastfmErrorBody(json);
    if (errorBody) {
      const message = errorBody.message === undefined ? undefined : this.#redactor.text(errorBody.message);
      const failure = { code: errorBody.code, status, message, user, page };
      if (isTransientLastfmCode(errorBody.code)) return this.#transient(failure, retryAfterMs);
      throw lastfmApiError(failure);
    }
    if (!ok) {
      if (isTransientHttpStatus(status)) return this.#transient({ status, user, page }, retryAfterMs);
      throw lastfmApiError({ status, user, page });
    }

    const parsed = parseLovedTracksResponse(json);
    if (!parsed.success) {
      const issues = parsed.issues.map((issue) => this.#redactor.text(issue));
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more ${plural(issues.length - 1, 'problem')})` : '';
      throw new LastfmResponseError(
        `Last.fm sent page ${page} of user ${JSON.stringify(user)} in an unexpected shape: ${issues[0] ?? 'unknown problem'}${more}`,
        { page, issues },
      );
    }
    if (parsed.page.page !== page) {
      const issue = `lovedtracks.@attr.page: asked for page ${page}, got page ${parsed.page.page}`;
      throw new LastfmResponseError(`Last.fm answered a request for page ${page} of user ${JSON.stringify(user)} with page ${parsed.page.page}`, {
        page,
        issues: [issue],
      });
    }
    return { ok: true, page: { ...parsed.page, user } };
  }

  #transient(failure: { code?: number; status: number; message?: string | undefined; user: string; page: number }, retryAfterMs: number | undefined): Attempt {
    return {
      ok: false,
      kind: 'transient',
      code: failure.code,
      status: failure.status,
      retryAfterMs,
      reason: describeLastfmFailure(failure),
      error: lastfmApiError(failure),
    };
  }

  #exhausted(user: string, page: number, attempts: number, last: Extract<Attempt, { kind: 'transient' }>, why: string): LastfmApiError {
    const because = why === '' ? '' : `; ${why}`;
    return new LastfmRetryExhaustedError(
      `Gave up on page ${page} of Last.fm user ${JSON.stringify(user)} after ${attempts} ${plural(attempts, 'attempt')}${because}; last failure: ${last.reason}`,
      { code: last.code, status: last.status, page, user, attempts },
      { cause: last.error },
    );
  }

  /** Full jitter (AWS "Exponential Backoff And Jitter"): spreads retries of many callers apart. */
  #backoff(attempt: number): number {
    const ceiling = Math.min(this.#options.retryMaxDelayMs, this.#options.retryBaseDelayMs * 2 ** (attempt - 1));
    return Math.round(Math.random() * ceiling);
  }

  #url(user: string, page: number, apiKey: string): string {
    const url = new URL(this.#options.baseUrl);
    url.searchParams.set('method', 'user.getlovedtracks');
    url.searchParams.set('user', user);
    url.searchParams.set('limit', String(this.#options.pageSize));
    url.searchParams.set('page', String(page));
    url.searchParams.set('api_key', apiKey);
    url.searchParams.set('format', 'json');
    return url.toString();
  }
}

/**
 * Reads `Retry-After`: delay-seconds or an HTTP date. Returns milliseconds,
 * or `undefined` when the header says nothing usable.
 *
 * @example
 * ```ts
 * parseRetryAfter('3'); // 3000
 * parseRetryAfter(new Date(Date.now() + 5000).toUTCString()); // about 5000
 * ```
 */
export function parseRetryAfter(value: string, now: number = Date.now()): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its month; without the check V8's lenient Date.parse
  // would read "-5" as a year.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici reports "fetch failed" and puts the useful part (ECONNREFUSED,
  // "other side closed") in the cause.
  const cause = error.cause instanceof Error && error.cause.message !== '' ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

function invalidArgument(message: string): OptionsError {
  return new OptionsError(message, [message]);
}
