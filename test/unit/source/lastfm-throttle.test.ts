import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLastfm, type FakeLastfm } from '../../../src/testing/index.js';
import { fastSource, makeLoves } from './support.js';

// Timing is read from the server's arrival log, not from wall-clock time
// around the calls, and bounds are generous: timers and sockets add jitter.
let lastfm: FakeLastfm;

beforeEach(async () => {
  lastfm = await startFakeLastfm({ users: { alice: makeLoves(5), bob: makeLoves(5), carol: makeLoves(5) } });
});

afterEach(async () => {
  await lastfm.close();
});

function arrivals(): number[] {
  return lastfm.requests.map((request) => request.at).sort((a, b) => a - b);
}

describe('LastfmSource throttling', () => {
  it('spaces 12 concurrent requests for 3 users at 5 per second: never more than 5 in a second', async () => {
    const source = fastSource(lastfm, { requestsPerSecond: 5 });
    const users = ['alice', 'bob', 'carol'];
    await Promise.all(Array.from({ length: 12 }, (_, index) => source.fetchPage(users[index % 3]!, 1)));
    const at = arrivals();
    expect(at).toHaveLength(12);
    // 11 gaps of 200 ms.
    expect(at[11]! - at[0]!).toBeGreaterThanOrEqual(2000);
    // Any 6 consecutive requests span at least about a second (no bursts at window edges).
    for (let index = 0; index + 5 < at.length; index++) expect(at[index + 5]! - at[index]!).toBeGreaterThanOrEqual(900);
    for (let index = 1; index < at.length; index++) expect(at[index]! - at[index - 1]!).toBeGreaterThanOrEqual(100);
  });

  it('throttles retries as well', async () => {
    lastfm.fail({ times: 2, with: { code: 29 } });
    await fastSource(lastfm, { requestsPerSecond: 10, retryBaseDelayMs: 0, retryMaxDelayMs: 0 }).fetchPage('alice', 1);
    const at = arrivals();
    expect(at).toHaveLength(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(75);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(75);
  });
});
