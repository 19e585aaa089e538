/**
 * A fake Last.fm API on a real local HTTP server, for tests of code that
 * syncs loved tracks. It answers `user.getLovedTracks` in the exact JSON
 * shape Last.fm uses (numbers as strings, a single track as a bare object,
 * errors as `{ error, message }` with Last.fm's mismatched HTTP statuses) and
 * can be scripted to fail the way the real one does.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LovedTrack } from '../types.js';

/**
 * Options of {@link startFakeLastfm}.
 *
 * @example
 * ```ts
 * const options: FakeLastfmOptions = { apiKey: 'test-key', users: { rj: [{ artist: 'Queen', title: 'Bohemian Rhapsody', lovedAt: 1700000000 }] } };
 * ```
 */
export interface FakeLastfmOptions {
  /**
   * The one API key the server accepts; any other gets error 10.
   *
   * @default a random 32-character hex key, like Last.fm's
   */
  readonly apiKey?: string | undefined;
  /**
   * Send a page holding exactly one track as a bare object instead of a
   * one-element array, as the real API does.
   *
   * @default true
   */
  readonly singleTrackAsObject?: boolean | undefined;
  /** Users and their loves to start with (any order; stored newest first). */
  readonly users?: Readonly<Record<string, readonly LovedTrack[]>> | undefined;
}

/**
 * What a scripted fault does to a matching request.
 *
 * - `{ code }`: a Last.fm error body `{ error: code, message }`, with the
 *   HTTP status Last.fm uses for it unless `status` is given.
 * - `{ status }`: a bare HTTP error with a non-JSON body (what a proxy sends).
 * - `{ malformed: true }`: HTTP 200 with the first half of the real body,
 *   properly ended (not JSON).
 * - `{ truncate: true }`: the real headers and half the body, then the
 *   connection is cut (the client sees a network error mid-body).
 * - `{ delayMs }`: the real answer, this much later.
 * - `{ json }`: any JSON you like (for shape tests), HTTP 200 unless `status`.
 *
 * `retryAfter` adds a `Retry-After` header (seconds, or an HTTP date string).
 *
 * @example
 * ```ts
 * const rateLimited: FakeLastfmFaultEffect = { code: 29, retryAfter: 1 };
 * const badGateway: FakeLastfmFaultEffect = { status: 502 };
 * ```
 */
export type FakeLastfmFaultEffect =
  | { readonly code: number; readonly status?: number; readonly message?: string; readonly retryAfter?: number | string }
  | { readonly status: number; readonly body?: string; readonly retryAfter?: number | string }
  | { readonly malformed: true }
  | { readonly truncate: true }
  | { readonly delayMs: number }
  | { readonly json: unknown; readonly status?: number };

/**
 * A scripted fault: which requests it hits, how often, and what it does.
 *
 * @example
 * ```ts
 * lastfm.fail({ user: 'rj', page: 2, times: 'always', with: { status: 500 } });
 * ```
 */
export interface FakeLastfmFault {
  /** Only requests for this user (any capitalisation). @default every user */
  readonly user?: string | undefined;
  /** Only requests for this page. @default every page */
  readonly page?: number | undefined;
  /** How many matching requests it hits. @default 1 */
  readonly times?: number | 'always' | undefined;
  /** What it does. */
  readonly with: FakeLastfmFaultEffect;
}

/**
 * One request the fake server received.
 *
 * @example
 * ```ts
 * const statuses = lastfm.requests.filter((request: FakeLastfmRequest) => request.page === 3).map((request) => request.status);
 * ```
 */
export interface FakeLastfmRequest {
  /** The `user` parameter, when given. */
  readonly user: string | undefined;
  /** The `page` parameter as a number (absent or not a number: `undefined`). */
  readonly page: number | undefined;
  /** The `limit` parameter as a number (absent or not a number: `undefined`). */
  readonly limit: number | undefined;
  /** HTTP status sent; 0 until the answer starts (or if the client left first). */
  readonly status: number;
  /** When the request arrived (`Date.now()`). */
  readonly at: number;
  /** Which kind of scripted fault answered it, if one did. */
  readonly fault: 'code' | 'status' | 'malformed' | 'truncate' | 'delay' | 'json' | undefined;
  /** The User-Agent header. */
  readonly userAgent: string | undefined;
}

/**
 * Filter of {@link FakeLastfm.requestCount}.
 *
 * @example
 * ```ts
 * lastfm.requestCount({ user: 'rj', page: 2 });
 * ```
 */
export interface FakeLastfmRequestFilter {
  /** Only requests for this user (any capitalisation). */
  readonly user?: string | undefined;
  /** Only requests for this page. */
  readonly page?: number | undefined;
}

/**
 * A track to {@link FakeLastfm.love}: `lovedAt` defaults to now.
 *
 * @example
 * ```ts
 * lastfm.love('rj', { artist: 'Queen', title: "Don't Stop Me Now" });
 * ```
 */
export type FakeLove = Omit<LovedTrack, 'lovedAt'> & { readonly lovedAt?: number | null | undefined };

/**
 * What a request hook is told.
 *
 * @example
 * ```ts
 * lastfm.onRequest(({ user, page }: FakeLastfmRequestInfo) => console.log(user, page));
 * ```
 */
export interface FakeLastfmRequestInfo {
  readonly user: string | undefined;
  readonly page: number | undefined;
  readonly limit: number | undefined;
}

/**
 * A running fake Last.fm server. See {@link startFakeLastfm}.
 *
 * @example
 * ```ts
 * const lastfm: FakeLastfm = await startFakeLastfm();
 * lastfm.setLoves('rj', []);
 * await lastfm.close();
 * ```
 */
export interface FakeLastfm extends AsyncDisposable {
  /** Base URL to give `LastfmSource` as `baseUrl`. */
  readonly url: string;
  /** The API key the server accepts. */
  readonly apiKey: string;
  /** Every request received, oldest first. */
  readonly requests: readonly FakeLastfmRequest[];
  /** Number of requests received, optionally only those for a user and/or page. */
  requestCount(filter?: FakeLastfmRequestFilter): number;
  /** Forgets the request log. */
  resetRequests(): void;
  /** Creates or replaces a user with these loves (any order; stored newest first). */
  setLoves(user: string, loves: readonly LovedTrack[]): void;
  /** The user's loves as currently served, newest first (empty for an unknown user). */
  loves(user: string): readonly LovedTrack[];
  /** Loves a track now (or at `track.lovedAt`), replacing an earlier love of the same track. Creates the user if needed. */
  love(user: string, track: FakeLove): void;
  /** Removes a love (artist and title compared case-insensitively); true when there was one. */
  unlove(user: string, artist: string, title: string): boolean;
  /** Makes a user's profile private (error 17), or public again with `false`. */
  privateUser(user: string, isPrivate?: boolean): void;
  /** Scripts a fault; returns a function that removes it. Faults are checked in the order added. */
  fail(fault: FakeLastfmFault): () => void;
  /**
   * Runs `action` when a request for `page` arrives, before it is answered
   * (to love or unlove between two pages). Returns a function that removes it.
   */
  beforePage(
    page: number,
    action: (request: FakeLastfmRequestInfo) => void | Promise<void>,
    options?: { readonly user?: string | undefined; readonly times?: number | 'always' | undefined },
  ): () => void;
  /** Runs `hook` on every request before it is answered. Returns a function that removes it. */
  onRequest(hook: (request: FakeLastfmRequestInfo) => void | Promise<void>): () => void;
  /** Stops the server and cuts open connections. */
  close(): Promise<void>;
}

/**
 * Starts a fake Last.fm API on 127.0.0.1 at a random port.
 *
 * @example
 * ```ts
 * await using lastfm = await startFakeLastfm({ users: { rj: [{ artist: 'Queen', title: 'Bohemian Rhapsody', lovedAt: 1700000000 }] } });
 * const source = new LastfmSource({ apiKey: lastfm.apiKey, baseUrl: lastfm.url });
 * lastfm.fail({ page: 1, times: 2, with: { code: 29 } });
 * const page = await source.fetchPage('rj', 1);
 * lastfm.requestCount(); // 3
 * ```
 */
export async function startFakeLastfm(options: FakeLastfmOptions = {}): Promise<FakeLastfm> {
  const server = new FakeLastfmServer(options);
  await server.listen();
  return server;
}

/** Real Last.fm messages, so error-message tests read like production logs. */
const MESSAGES: Readonly<Record<number, string>> = {
  3: 'Invalid Method - No method with that name in this package',
  6: 'Invalid parameters - Your request is missing a required parameter',
  8: 'Operation failed - Most likely the backend service failed. Please try again.',
  10: 'Invalid API key - You must be granted a valid key by last.fm',
  11: 'Service Offline - This service is temporarily offline. Try again later.',
  16: 'There was a temporary error processing your request. Please try again',
  17: 'Login: User required to be logged in',
  26: 'Suspended API key - Access for your account has been suspended, please contact Last.fm',
  29: 'Rate Limit Exceeded - Your IP has made too many requests in a short period',
};

/** HTTP statuses Last.fm pairs with its codes (they rarely match the meaning). */
const STATUSES: Readonly<Record<number, number>> = { 6: 400, 8: 500, 10: 403, 11: 503, 16: 503, 17: 403, 26: 403, 29: 429 };

const IMAGE = 'https://lastfm.freetls.fastly.net/i/u/34s/2a96cbd8b46e442fc41c2b86b821562f.png';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

interface FakeUser {
  readonly name: string;
  loves: LovedTrack[];
  isPrivate: boolean;
}

interface Scripted<T> {
  readonly user: string | undefined;
  readonly page: number | undefined;
  remaining: number;
  readonly value: T;
}

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
  readonly headers?: Readonly<Record<string, string>>;
}

type MutableRequest = { -readonly [K in keyof FakeLastfmRequest]: FakeLastfmRequest[K] };

class FakeLastfmServer implements FakeLastfm {
  readonly apiKey: string;
  readonly #singleTrackAsObject: boolean;
  readonly #users = new Map<string, FakeUser>();
  readonly #requests: MutableRequest[] = [];
  #faults: Scripted<FakeLastfmFaultEffect>[] = [];
  #pageActions: Scripted<(request: FakeLastfmRequestInfo) => void | Promise<void>>[] = [];
  #hooks: ((request: FakeLastfmRequestInfo) => void | Promise<void>)[] = [];
  /** Pending `delayMs` answers, cancelled on close so tests end promptly. */
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #server: Server;
  #url = '';

  constructor(options: FakeLastfmOptions) {
    this.apiKey = options.apiKey ?? randomBytes(16).toString('hex');
    this.#singleTrackAsObject = options.singleTrackAsObject ?? true;
    for (const [user, loves] of Object.entries(options.users ?? {})) this.setLoves(user, loves);
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        // A hook threw: answer like a broken backend rather than hang the client.
        if (!response.headersSent) this.#send(response, undefined, { status: 500, body: `fake Last.fm hook failed: ${String(error)}`, contentType: 'text/plain' });
        else response.destroy();
      });
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => {
        this.#server.off('error', reject);
        const { port } = this.#server.address() as AddressInfo;
        this.#url = `http://127.0.0.1:${port}/2.0/`;
        resolve();
      });
    });
  }

  get url(): string {
    return this.#url;
  }

  get requests(): readonly FakeLastfmRequest[] {
    return this.#requests;
  }

  requestCount(filter: FakeLastfmRequestFilter = {}): number {
    return this.#requests.filter(
      (request) =>
        (filter.user === undefined || request.user?.toLowerCase() === filter.user.toLowerCase()) &&
        (filter.page === undefined || request.page === filter.page),
    ).length;
  }

  resetRequests(): void {
    this.#requests.length = 0;
  }

  setLoves(user: string, loves: readonly LovedTrack[]): void {
    const entry = this.#ensureUser(user);
    entry.loves = sortNewestFirst(loves.map((love) => ({ ...love })));
  }

  loves(user: string): readonly LovedTrack[] {
    return [...(this.#users.get(user.toLowerCase())?.loves ?? [])];
  }

  love(user: string, track: FakeLove): void {
    const entry = this.#ensureUser(user);
    const love: LovedTrack = { ...track, lovedAt: track.lovedAt === undefined ? Math.floor(Date.now() / 1000) : track.lovedAt };
    entry.loves = sortNewestFirst([love, ...entry.loves.filter((other) => !sameTrack(other, love.artist, love.title))]);
  }

  unlove(user: string, artist: string, title: string): boolean {
    const entry = this.#users.get(user.toLowerCase());
    if (!entry) return false;
    const before = entry.loves.length;
    entry.loves = entry.loves.filter((love) => !sameTrack(love, artist, title));
    return entry.loves.length < before;
  }

  privateUser(user: string, isPrivate = true): void {
    this.#ensureUser(user).isPrivate = isPrivate;
  }

  fail(fault: FakeLastfmFault): () => void {
    const scripted: Scripted<FakeLastfmFaultEffect> = {
      user: fault.user?.toLowerCase(),
      page: fault.page,
      remaining: timesOf(fault.times),
      value: fault.with,
    };
    this.#faults.push(scripted);
    return () => {
      this.#faults = this.#faults.filter((other) => other !== scripted);
    };
  }

  beforePage(
    page: number,
    action: (request: FakeLastfmRequestInfo) => void | Promise<void>,
    options: { readonly user?: string | undefined; readonly times?: number | 'always' | undefined } = {},
  ): () => void {
    const scripted = { user: options.user?.toLowerCase(), page, remaining: timesOf(options.times), value: action };
    this.#pageActions.push(scripted);
    return () => {
      this.#pageActions = this.#pageActions.filter((other) => other !== scripted);
    };
  }

  onRequest(hook: (request: FakeLastfmRequestInfo) => void | Promise<void>): () => void {
    this.#hooks.push(hook);
    return () => {
      this.#hooks = this.#hooks.filter((other) => other !== hook);
    };
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    if (!this.#server.listening) return;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    // Clients keep connections alive; without this close() waits for them.
    this.#server.closeAllConnections();
    await closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Last.fm user names are case-insensitive; the first spelling seen is the one served in `@attr`. */
  #ensureUser(name: string): FakeUser {
    const key = name.toLowerCase();
    let entry = this.#users.get(key);
    if (!entry) {
      entry = { name, loves: [], isPrivate: false };
      this.#users.set(key, entry);
    }
    return entry;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const query = new URL(request.url ?? '/', 'http://fake.invalid').searchParams;
    const path = new URL(request.url ?? '/', 'http://fake.invalid').pathname;
    const info: FakeLastfmRequestInfo = { user: query.get('user') ?? undefined, page: toInt(query.get('page')), limit: toInt(query.get('limit')) };
    const entry: MutableRequest = { ...info, status: 0, at: Date.now(), fault: undefined, userAgent: request.headers['user-agent'] };
    this.#requests.push(entry);

    for (const hook of [...this.#hooks]) await hook(info);
    const action = take(this.#pageActions, info);
    if (action) await action(info);

    if (path !== '/2.0/' && path !== '/2.0') {
      return this.#send(response, entry, { status: 404, body: '<html><body><h1>404 Not Found</h1></body></html>', contentType: 'text/html' });
    }
    if (request.method !== 'GET') {
      return this.#send(response, entry, { status: 405, body: 'Method Not Allowed', contentType: 'text/plain' });
    }

    const fault = take(this.#faults, info);
    if (fault === undefined) return this.#send(response, entry, this.#answer(query));

    if ('code' in fault) {
      entry.fault = 'code';
      return this.#send(response, entry, errorAnswer(fault.code, fault.message, fault.status, fault.retryAfter));
    }
    if ('json' in fault) {
      entry.fault = 'json';
      return this.#send(response, entry, { status: fault.status ?? 200, body: JSON.stringify(fault.json), contentType: JSON_TYPE });
    }
    if ('status' in fault) {
      entry.fault = 'status';
      const body = fault.body ?? `<html><head><title>${fault.status}</title></head><body><h1>${fault.status}</h1></body></html>`;
      return this.#send(response, entry, { status: fault.status, body, contentType: 'text/html', headers: retryAfterHeader(fault.retryAfter) });
    }
    if ('malformed' in fault) {
      entry.fault = 'malformed';
      const answer = this.#answer(query);
      return this.#send(response, entry, { ...answer, status: 200, body: answer.body.slice(0, Math.floor(answer.body.length / 2)) });
    }
    if ('truncate' in fault) {
      entry.fault = 'truncate';
      const answer = this.#answer(query);
      const bytes = Buffer.from(answer.body);
      entry.status = answer.status;
      response.writeHead(answer.status, { 'Content-Type': answer.contentType, 'Content-Length': bytes.length });
      response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => response.destroy());
      return;
    }
    entry.fault = 'delay';
    const served = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        response.off('close', onClose);
        resolve(true);
      }, fault.delayMs);
      const onClose = () => {
        clearTimeout(timer);
        this.#timers.delete(timer);
        resolve(false);
      };
      this.#timers.add(timer);
      response.once('close', onClose);
    });
    if (served) this.#send(response, entry, this.#answer(query));
  }

  /** The answer the real API would give, no faults involved. */
  #answer(query: URLSearchParams): Answer {
    if ((query.get('method') ?? '').toLowerCase() !== 'user.getlovedtracks') return errorAnswer(3);
    if (query.get('api_key') !== this.apiKey) return errorAnswer(10);
    const name = query.get('user');
    if (!name) return errorAnswer(6);
    const limitText = query.get('limit');
    const limit = limitText === null ? 50 : toInt(limitText);
    if (limit === undefined || limit < 1 || limit > 1000) return errorAnswer(6, 'limit param out of bounds (1-1000)');
    const pageText = query.get('page');
    const page = pageText === null ? 1 : toInt(pageText);
    if (page === undefined || page < 1 || page > 1_000_000) return errorAnswer(6, 'page param out of bounds (1-1000000)');
    const user = this.#users.get(name.toLowerCase());
    if (!user) return errorAnswer(6, 'User not found', 404);
    if (user.isPrivate) return errorAnswer(17);

    const total = user.loves.length;
    const tracks = user.loves.slice((page - 1) * limit, page * limit).map(trackJson);
    const body = {
      lovedtracks: {
        track: tracks.length === 1 && this.#singleTrackAsObject ? tracks[0] : tracks,
        '@attr': { user: user.name, totalPages: String(Math.ceil(total / limit)), page: String(page), perPage: String(limit), total: String(total) },
      },
    };
    return { status: 200, body: JSON.stringify(body), contentType: JSON_TYPE };
  }

  #send(response: ServerResponse, entry: MutableRequest | undefined, answer: Answer): void {
    if (response.destroyed) return;
    if (entry) entry.status = answer.status;
    response.writeHead(answer.status, { 'Content-Type': answer.contentType, 'Access-Control-Allow-Origin': '*', ...answer.headers });
    response.end(answer.body);
  }
}

const JSON_TYPE = 'application/json; charset=UTF-8';

function errorAnswer(code: number, message?: string, status?: number, retryAfter?: number | string): Answer {
  return {
    status: status ?? STATUSES[code] ?? 400,
    body: JSON.stringify({ message: message ?? MESSAGES[code] ?? `Error ${code}`, error: code, links: [] }),
    contentType: JSON_TYPE,
    headers: retryAfterHeader(retryAfter),
  };
}

function retryAfterHeader(retryAfter: number | string | undefined): Record<string, string> {
  return retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
}

/** The exact shape Last.fm sends for one loved track. */
function trackJson(love: LovedTrack): Record<string, unknown> {
  const artistUrl = `https://www.last.fm/music/${lastfmPath(love.artist)}`;
  return {
    artist: { url: artistUrl, name: love.artist, mbid: love.artistMbid ?? '' },
    // Last.fm leaves `date` out for a love it has not timestamped yet.
    ...(love.lovedAt === null ? {} : { date: { uts: String(love.lovedAt), '#text': formatDate(love.lovedAt) } }),
    mbid: love.mbid ?? '',
    url: love.url ?? `${artistUrl}/_/${lastfmPath(love.title)}`,
    name: love.title,
    image: ['small', 'medium', 'large', 'extralarge'].map((size) => ({ size, '#text': IMAGE })),
    streamable: { fulltrack: '0', '#text': '0' },
  };
}

function lastfmPath(text: string): string {
  return encodeURIComponent(text).replaceAll('%20', '+');
}

/** Last.fm's `date['#text']`: "14 Nov 2023, 22:13" in UTC. */
function formatDate(uts: number): string {
  const date = new Date(uts * 1000);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** Newest first; a love without a date counts as newest. Stable, so equal times keep their order. */
function sortNewestFirst(loves: LovedTrack[]): LovedTrack[] {
  return loves.sort((a, b) => (b.lovedAt ?? Number.POSITIVE_INFINITY) - (a.lovedAt ?? Number.POSITIVE_INFINITY) || 0);
}

function sameTrack(love: LovedTrack, artist: string, title: string): boolean {
  return love.artist.toLowerCase() === artist.toLowerCase() && love.title.toLowerCase() === title.toLowerCase();
}

function timesOf(times: number | 'always' | undefined): number {
  return times === 'always' ? Number.POSITIVE_INFINITY : (times ?? 1);
}

/** The first scripted entry matching the request, with one use taken off it. */
function take<T>(list: Scripted<T>[], request: FakeLastfmRequestInfo): T | undefined {
  const match = list.find(
    (item) =>
      item.remaining > 0 &&
      (item.user === undefined || item.user === request.user?.toLowerCase()) &&
      (item.page === undefined || item.page === (request.page ?? 1)),
  );
  if (!match) return undefined;
  match.remaining--;
  return match.value;
}

function toInt(text: string | null): number | undefined {
  if (text === null || !/^-?\d+$/.test(text.trim())) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
