import type { Kysely } from 'kysely';
import { LovedTrackCache } from '../../src/loved-track-cache.js';
import type { LovedTrackCacheOptions } from '../../src/options.js';
import { LastfmSource } from '../../src/source/lastfm/lastfm-source.js';
import type { LastfmSourceOptions } from '../../src/source/lastfm/lastfm-options.js';
import { KyselyLovedTrackStore } from '../../src/store/kysely-store.js';
import type { FakeLastfm } from '../../src/testing/fake-lastfm-server.js';
import { hostLibrary } from './host-schema.js';

/** A source pointed at the fake server, fast enough for tests. */
export function fastSource(lastfm: FakeLastfm, options: Partial<LastfmSourceOptions> = {}): LastfmSource {
  return new LastfmSource({ apiKey: lastfm.apiKey, baseUrl: lastfm.url, requestsPerSecond: 1000, retryBaseDelayMs: 1, retryMaxDelayMs: 5, maxAttempts: 3, ...options });
}

/** A cache over the example host schema in `db`. */
export function hostCache(db: Kysely<any>, lastfm: FakeLastfm, options: Partial<LovedTrackCacheOptions> & { sourceOptions?: Partial<LastfmSourceOptions> } = {}): LovedTrackCache {
  const { sourceOptions, ...rest } = options;
  return new LovedTrackCache({
    user: 'rj',
    store: new KyselyLovedTrackStore({ db }),
    source: fastSource(lastfm, sourceOptions),
    library: hostLibrary(db),
    ...rest,
  });
}
