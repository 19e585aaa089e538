/**
 * Zod schemas for the JSON of `user.getLovedTracks`, and for Last.fm error
 * bodies, normalised to {@link LovedTrackPage}.
 *
 * Last.fm's JSON is a mechanical translation of its XML, which explains
 * every quirk handled here: numbers arrive as strings, a list of one becomes a
 * bare object, an empty list disappears, absent values become `""`.
 *
 * @module
 */
import { z } from 'zod';
import type { LovedTrack } from '../../types.js';
import type { LovedTrackPage } from '../loved-track-source.js';

/** A count or id that Last.fm sends as a string of digits (a bare number is accepted too). */
const count = z
  .union([z.string(), z.number()], { error: (issue) => `expected a non-negative integer (as a string), got ${describe(issue.input)}` })
  .transform((value, ctx) => {
    const parsed = toCount(value);
    if (parsed === undefined) {
      ctx.addIssue(`expected a non-negative integer (as a string), got ${describe(value)}`);
      return z.NEVER;
    }
    return parsed;
  });

/** Text Last.fm may send as a number when the value looks numeric (a track called "1999"). */
const text = z
  .union([z.string(), z.number()], { error: (issue) => `expected a string, got ${describe(issue.input)}` })
  .transform(String);

/** Last.fm writes "no value" as `""`; the domain types say `undefined`. */
const optionalText = z
  .union([z.string(), z.number(), z.null()], { error: (issue) => `expected a string, got ${describe(issue.input)}` })
  .optional()
  .transform((value) => (value === null || value === undefined || value === '' ? undefined : String(value)));

/**
 * The artist of a loved track. Normally `{ name, mbid, url }`; the `#text`
 * form is what other Last.fm methods send and older responses used, and a
 * bare string is tolerated for the same reason.
 */
const artistSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { name: value } : value),
  z
    .object(
      { name: optionalText, '#text': optionalText, mbid: optionalText, url: optionalText },
      { error: (issue) => `expected an artist object, got ${describe(issue.input)}` },
    )
    .transform((artist, ctx) => {
      const name = artist.name ?? artist['#text'];
      if (name === undefined) {
        ctx.addIssue('expected the artist to have a name');
        return z.NEVER;
      }
      return { name, mbid: artist.mbid, url: artist.url };
    }),
);

/**
 * `date` is missing on a track loved a moment ago; such a love is newer than
 * any dated one, which is how {@link LovedTrack.lovedAt} `null` is read.
 */
const dateSchema = z
  .object(
    {
      uts: z
        .union([z.string(), z.number(), z.null()], { error: (issue) => `expected a unix time (as a string), got ${describe(issue.input)}` })
        .optional()
        .transform((value, ctx) => {
          if (value === undefined || value === null || value === '') return null;
          const parsed = toCount(value);
          if (parsed === undefined) {
            ctx.addIssue(`expected a unix time (as a string), got ${describe(value)}`);
            return z.NEVER;
          }
          return parsed;
        }),
    },
    { error: (issue) => `expected a date object, got ${describe(issue.input)}` },
  )
  .nullish()
  .transform((date) => date?.uts ?? null);

const trackSchema = z
  .object(
    { name: text, mbid: optionalText, url: optionalText, date: dateSchema, artist: artistSchema },
    { error: (issue) => `expected a track object, got ${describe(issue.input)}` },
  )
  .transform((track): LovedTrack => {
    // Keys with no value are left out so the objects compare and serialise cleanly.
    const love: { -readonly [K in keyof LovedTrack]: LovedTrack[K] } = {
      artist: track.artist.name,
      title: track.name,
      lovedAt: track.date,
    };
    if (track.mbid !== undefined) love.mbid = track.mbid;
    if (track.artist.mbid !== undefined) love.artistMbid = track.artist.mbid;
    if (track.url !== undefined) love.url = track.url;
    return love;
  });

/** One track is sent as a bare object, none as a missing key (or `[]`). */
const tracksSchema = z.preprocess(
  (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]),
  z.array(trackSchema),
);

const attrSchema = z.object(
  { user: text, page: count, perPage: count, totalPages: count, total: count },
  { error: (issue) => `expected the paging attributes, got ${describe(issue.input)}` },
);

const lovedTracksSchema = z
  .object({ '@attr': attrSchema, track: tracksSchema }, { error: (issue) => `expected an object, got ${describe(issue.input)}` })
  .superRefine((body, ctx) => {
    const { page, perPage, totalPages, total } = body['@attr'];
    const tracks = body.track.length;
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message, input: body });
    if (page < 1) issue(['@attr', 'page'], `expected a page number from 1, got ${page}`);
    if (perPage < 1) issue(['@attr', 'perPage'], `expected a page size from 1, got ${perPage}`);
    if (tracks > perPage) issue(['track'], `holds ${tracks} tracks, more than perPage (${perPage})`);
    if (total === 0 && tracks > 0) issue(['@attr', 'total'], `is 0, yet the page holds ${tracks} tracks`);
    if (total > 0 && totalPages === 0) issue(['@attr', 'totalPages'], `is 0, yet total is ${total}`);
    // A page past the end with no tracks is a legitimate answer (asked for a
    // page that unloves made disappear); past the end *with* tracks is not.
    if (total > 0 && page > totalPages && tracks > 0) {
      issue(['@attr', 'page'], `is ${page}, past totalPages (${totalPages}), yet the page holds ${tracks} tracks`);
    }
  })
  .transform(
    (body): LovedTrackPage => ({
      user: body['@attr'].user,
      page: body['@attr'].page,
      perPage: body['@attr'].perPage,
      totalPages: body['@attr'].totalPages,
      total: body['@attr'].total,
      tracks: body.track,
    }),
  );

/**
 * The whole `user.getLovedTracks` response, parsed to a {@link LovedTrackPage}
 * whose `user` is the name as Last.fm spells it in `@attr`.
 *
 * @example
 * ```ts
 * const page = lovedTracksResponseSchema.parse(await response.json());
 * ```
 */
export const lovedTracksResponseSchema = z
  .object({ lovedtracks: lovedTracksSchema }, { error: (issue) => `expected a JSON object, got ${describe(issue.input)}` })
  .transform((body) => body.lovedtracks);

/**
 * A Last.fm error body, `{ error: 6, message: "User not found" }`.
 *
 * @example
 * ```ts
 * lastfmErrorBodySchema.parse({ error: 29, message: 'Rate Limit Exceeded' }); // { error: 29, message: 'Rate Limit Exceeded' }
 * ```
 */
export const lastfmErrorBodySchema = z.object({ error: count, message: optionalText });

/**
 * The outcome of {@link parseLovedTracksResponse}.
 *
 * @example
 * ```ts
 * const result: LovedTracksParseResult = parseLovedTracksResponse(json);
 * if (result.success) console.log(result.page.total);
 * ```
 */
export type LovedTracksParseResult =
  | { readonly success: true; readonly page: LovedTrackPage }
  | { readonly success: false; readonly issues: readonly string[] };

/**
 * Validates a parsed `user.getLovedTracks` body. Never throws: a body of the
 * wrong shape, or paging that contradicts itself, comes back as one line per
 * problem, e.g. `lovedtracks.@attr.page: expected a non-negative integer (as
 * a string), got "abc"`.
 *
 * @example
 * ```ts
 * const result = parseLovedTracksResponse(JSON.parse(text));
 * if (!result.success) throw new LastfmResponseError('bad page', { issues: result.issues });
 * ```
 */
export function parseLovedTracksResponse(body: unknown): LovedTracksParseResult {
  const result = lovedTracksResponseSchema.safeParse(body);
  if (result.success) return { success: true, page: result.data };
  return { success: false, issues: formatIssues(result.error.issues) };
}

/**
 * A Last.fm error body, normalised.
 *
 * @example
 * ```ts
 * const body: LastfmErrorBody = { code: 6, message: 'User not found' };
 * ```
 */
export interface LastfmErrorBody {
  /** Last.fm's error code. */
  readonly code: number;
  /** Last.fm's message, when it sent one. */
  readonly message: string | undefined;
}

/**
 * Reads a Last.fm error body, or returns `undefined` when `body` is not one
 * (no numeric `error` key). Error codes arrive as numbers or strings.
 *
 * @example
 * ```ts
 * parseLastfmErrorBody({ error: 6, message: 'User not found' }); // { code: 6, message: 'User not found' }
 * parseLastfmErrorBody({ lovedtracks: {} }); // undefined
 * ```
 */
export function parseLastfmErrorBody(body: unknown): LastfmErrorBody | undefined {
  if (body === null || typeof body !== 'object' || !('error' in body)) return undefined;
  const result = lastfmErrorBodySchema.safeParse(body);
  return result.success ? { code: result.data.error, message: result.data.message } : undefined;
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const message = issue.message.replace(/^Invalid input: /, '');
    return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${message}` : message;
  });
}

function toCount(value: string | number): number | undefined {
  const parsed = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(parsed) && parsed >= 0 ? parsed : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
