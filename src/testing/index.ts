/**
 * Test helpers, published as `loved-track-cache/testing`: a fake Last.fm
 * server to run your sync code against without the network.
 *
 * @example
 * ```ts
 * import { startFakeLastfm } from 'loved-track-cache/testing';
 * const lastfm = await startFakeLastfm({ users: { rj: [] } });
 * ```
 *
 * @module
 */
export { startFakeLastfm } from './fake-lastfm-server.js';
export type {
  FakeLastfm,
  FakeLastfmFault,
  FakeLastfmFaultEffect,
  FakeLastfmOptions,
  FakeLastfmRequest,
  FakeLastfmRequestFilter,
  FakeLastfmRequestInfo,
  FakeLove,
} from './fake-lastfm-server.js';
export { defineStoreConformanceSuite } from './store-conformance.js';
export type { ConformanceTestApi, StoreConformanceOptions } from './store-conformance.js';
export { classicRockSongs, sampleLoves, seededRandom } from './sample-data.js';
export type { ClassicRockSong } from './sample-data.js';
