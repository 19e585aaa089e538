/**
 * Options of {@link LastfmSource}: one zod schema holds the rules and the
 * defaults, the {@link LastfmSourceOptions} interface documents them (and is
 * checked against the schema's input at compile time); the source works on
 * the schema's output.
 *
 * @module
 */
import { z } from 'zod';
import { VERSION } from '../../version.js';
import type { Assert, SameOptions } from '../../internal/same-options.js';

/**
 * The part of `fetch` that {@link LastfmSource} calls. `globalThis.fetch`
 * fits, and so does any wrapper (a proxy agent, a recorder in tests).
 *
 * @example
 * ```ts
 * const loggingFetch: LastfmFetch = async (url, init) => {
 *   const response = await fetch(url, init);
 *   console.log(response.status);
 *   return response;
 * };
 * ```
 */
export type LastfmFetch = (
  url: string,
  init: { readonly method: 'GET'; readonly headers: Record<string, string>; readonly signal: AbortSignal },
) => Promise<LastfmFetchResponse>;

/**
 * The part of a fetch `Response` that {@link LastfmSource} reads.
 *
 * @example
 * ```ts
 * const canned: LastfmFetchResponse = { status: 200, headers: new Headers(), text: async () => '{"error":29}' };
 * ```
 */
export interface LastfmFetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * The User-Agent sent when none is configured; Last.fm asks clients to identify themselves.
 *
 * @example
 * ```ts
 * new LastfmSource({ apiKey, userAgent: `my-app/1.0 ${DEFAULT_USER_AGENT}` });
 * ```
 */
export const DEFAULT_USER_AGENT = `loved-track-cache/${VERSION} (+https://www.npmjs.com/package/loved-track-cache)`;

// setTimeout (and so AbortSignal.timeout) overflows above this.
const MAX_TIMER_MS = 2_147_483_647;

function integer(min: number, max: number) {
  const expected =
    max !== MAX_TIMER_MS ? `to be an integer from ${min} to ${max}` : min === 0 ? 'to be a non-negative integer (milliseconds)' : 'to be a positive integer (milliseconds)';
  return z.number({ error: expected }).refine((value) => Number.isInteger(value) && value >= min && value <= max, { error: expected });
}

/**
 * Options of {@link LastfmSource}; only `apiKey` is required. The rules and
 * defaults live in one place, `lastfmSourceOptionsSchema`; this interface is
 * checked at compile time to accept exactly what that schema accepts.
 *
 * @example
 * ```ts
 * const options: LastfmSourceOptions = { apiKey: process.env.LASTFM_API_KEY!, requestsPerSecond: 2 };
 * ```
 */
export interface LastfmSourceOptions {
  /**
   * Your Last.fm API key. It is sent with every request and never appears
   * in an error message, error property or cause. Required, so it has no
   * default.
   *
   * @example
   * ```ts
   * new LastfmSource({ apiKey: process.env.LASTFM_API_KEY! });
   * ```
   */
  readonly apiKey: string;
  /**
   * Base URL of the Last.fm API. Change it to point at a proxy, or at the
   * fake server from `loved-track-cache/testing`.
   *
   * @default 'https://ws.audioscrobbler.com/2.0/'
   * @example
   * ```ts
   * new LastfmSource({ apiKey, baseUrl: fake.url });
   * ```
   */
  readonly baseUrl?: string | undefined;
  /**
   * Loves per page (`limit`). Last.fm allows 1 to 1000; bigger pages mean
   * fewer requests.
   *
   * @default 1000
   * @example
   * ```ts
   * new LastfmSource({ apiKey, pageSize: 200 });
   * ```
   */
  readonly pageSize?: number | undefined;
  /**
   * Most requests per second this source sends, across all users and
   * calls, retries included. Requests are spaced evenly (1000 /
   * requestsPerSecond ms apart) rather than sent in bursts. Last.fm asks
   * for at most about 5.
   *
   * @default 5
   * @example
   * ```ts
   * new LastfmSource({ apiKey, requestsPerSecond: 2 });
   * ```
   */
  readonly requestsPerSecond?: number | undefined;
  /**
   * Requests made for one page before giving up on a transient failure,
   * the first included. `1` turns retries off.
   *
   * @default 5
   * @example
   * ```ts
   * new LastfmSource({ apiKey, maxAttempts: 3 });
   * ```
   */
  readonly maxAttempts?: number | undefined;
  /**
   * Base of the exponential backoff: attempt n waits a random time between
   * 0 and `min(retryMaxDelayMs, retryBaseDelayMs * 2 ** (n - 1))`.
   *
   * @default 500
   * @example
   * ```ts
   * new LastfmSource({ apiKey, retryBaseDelayMs: 1000 });
   * ```
   */
  readonly retryBaseDelayMs?: number | undefined;
  /**
   * Longest wait between two attempts. A `Retry-After` longer than this
   * ends the retries at once rather than waiting it out.
   *
   * @default 30000
   * @example
   * ```ts
   * new LastfmSource({ apiKey, retryMaxDelayMs: 60_000 });
   * ```
   */
  readonly retryMaxDelayMs?: number | undefined;
  /**
   * Time limit of one request, body included. A request that runs over
   * counts as a transient failure and is retried.
   *
   * @default 30000
   * @example
   * ```ts
   * new LastfmSource({ apiKey, timeoutMs: 10_000 });
   * ```
   */
  readonly timeoutMs?: number | undefined;
  /**
   * The User-Agent header. Name your application so Last.fm can reach you.
   *
   * @default `loved-track-cache/<version> (+https://www.npmjs.com/package/loved-track-cache)`
   * @example
   * ```ts
   * new LastfmSource({ apiKey, userAgent: 'my-music-server/2.1 (+https://example.com)' });
   * ```
   */
  readonly userAgent?: string | undefined;
  /**
   * The `fetch` to send requests with.
   *
   * @default globalThis.fetch
   * @example
   * ```ts
   * import { fetch as undiciFetch, ProxyAgent } from 'undici';
   * const dispatcher = new ProxyAgent('http://proxy:3128');
   * new LastfmSource({ apiKey, fetch: (url, init) => undiciFetch(url, { ...init, dispatcher }) });
   * ```
   */
  readonly fetch?: LastfmFetch | undefined;
}

/**
 * The schema of {@link LastfmSourceOptions}. Defaults live here and nowhere
 * else; each option is described on {@link LastfmSourceOptions}.
 *
 * @example
 * ```ts
 * const options = lastfmSourceOptionsSchema.parse({ apiKey: process.env.LASTFM_API_KEY });
 * options.pageSize; // 1000
 * ```
 */
export const lastfmSourceOptionsSchema = z
  .object(
    {
      // Each option is documented on LastfmSourceOptions; keep the two in step (checked below).
      apiKey: z.string({ error: 'to be a non-empty string' }).min(1, { error: 'to be a non-empty string' }),
      baseUrl: z
        .string({ error: 'to be an http(s) URL' })
        .refine((value) => /^https?:$/.test(URL.canParse(value) ? new URL(value).protocol : ''), { error: 'to be an http(s) URL' })
        .default('https://ws.audioscrobbler.com/2.0/'),
      // Last.fm's `limit` allows 1 to 1000.
      pageSize: integer(1, 1000).default(1000),
      // Last.fm asks for at most about 5 requests per second.
      requestsPerSecond: z
        .number({ error: 'to be a number above 0, at most 1000' })
        .refine((value) => Number.isFinite(value) && value > 0 && value <= 1000, { error: 'to be a number above 0, at most 1000' })
        .default(5),
      maxAttempts: integer(1, 100).default(5),
      retryBaseDelayMs: integer(0, MAX_TIMER_MS).default(500),
      // Must be at least retryBaseDelayMs: checked in superRefine below.
      retryMaxDelayMs: integer(0, MAX_TIMER_MS).default(30_000),
      timeoutMs: integer(1, MAX_TIMER_MS).default(30_000),
      userAgent: z.string({ error: 'to be a non-empty string' }).min(1, { error: 'to be a non-empty string' }).default(DEFAULT_USER_AGENT),
      // No default here: LastfmSource falls back to globalThis.fetch itself.
      fetch: z.custom<LastfmFetch>((value) => typeof value === 'function', { error: 'to be a fetch function' }).optional(),
    },
    { error: 'to be an options object' },
  )
  .superRefine((options, ctx) => {
    if (options.retryMaxDelayMs < options.retryBaseDelayMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['retryMaxDelayMs'],
        message: `to be at least \`retryBaseDelayMs\` (${options.retryBaseDelayMs})`,
        input: options.retryMaxDelayMs,
      });
    }
  });

// The interface is what users and the API docs see; the schema is what
// validates. This fails to compile when they drift apart: both must accept
// the same values and name the same options (a `readonly` property modifier is ignored, readonly arrays are not).
type _OptionsMatchSchema = Assert<SameOptions<LastfmSourceOptions, z.input<typeof lastfmSourceOptionsSchema>>>;

/**
 * {@link LastfmSourceOptions} with every default filled in.
 *
 * @example
 * ```ts
 * const resolved: ResolvedLastfmSourceOptions = lastfmSourceOptionsSchema.parse({ apiKey });
 * ```
 */
export type ResolvedLastfmSourceOptions = z.output<typeof lastfmSourceOptionsSchema>;
