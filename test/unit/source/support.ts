import { inspect } from 'node:util';
import { LastfmSource } from '../../../src/source/lastfm/lastfm-source.js';
import type { LastfmSourceOptions } from '../../../src/source/lastfm/lastfm-options.js';
import type { FakeLastfm } from '../../../src/testing/index.js';
import type { LovedTrack } from '../../../src/types.js';

/** `count` loves, newest first, one minute apart, ending at `newest`. */
export function makeLoves(count: number, newest = 1_700_000_000, prefix = 'Track'): LovedTrack[] {
  return Array.from({ length: count }, (_, index) => ({
    artist: `Artist ${index}`,
    title: `${prefix} ${index}`,
    lovedAt: newest - index * 60,
  }));
}

/** A source pointed at the fake server, with throttling and backoff small enough for tests. */
export function fastSource(lastfm: FakeLastfm, options: Partial<LastfmSourceOptions> = {}): LastfmSource {
  return new LastfmSource({
    apiKey: lastfm.apiKey,
    baseUrl: lastfm.url,
    requestsPerSecond: 1000,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 10,
    ...options,
  });
}

/** The rejection of `promise`; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/**
 * Every place `secret` shows up in `error`: message, stack, each own property
 * (enumerable or not), the JSON of the error, and the same for every cause.
 */
export function secretLeaks(error: unknown, secret: string): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, path: string, depth: number): void => {
    if (depth > 10) return;
    if (typeof value === 'string') {
      if (value.includes(secret) || value.includes(encodeURIComponent(secret))) found.push(path);
      return;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    for (const key of Object.getOwnPropertyNames(value)) {
      visit((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    }
  };
  visit(error, 'error', 0);
  if (inspect(error, { depth: 10, showHidden: true }).includes(secret)) found.push('inspect(error)');
  try {
    if (JSON.stringify(error)?.includes(secret)) found.push('JSON.stringify(error)');
  } catch {
    // circular structures cannot leak through JSON.stringify either
  }
  if (String(error).includes(secret)) found.push('String(error)');
  return found;
}
