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
    // Send times seen by fetch are exact; arrival times at the server carry
    // socket and scheduling jitter (a first request that opens a connection
    // arrives late), so those bounds are looser. A burst would show gaps of ~0 ms.
    const sent: number[] = [];
    const source = fastSource(lastfm, {
      requestsPerSecond: 5,
      fetch: (url, init) => {
        sent.push(performance.now());
        return fetch(url, init);
      },
    });
    const users = ['alice', 'bob', 'carol'];
    await Promise.all(Array.from({ length: 12 }, (_, index) => source.fetchPage(users[index % 3]!, 1)));

    expect(sent).toHaveLength(12);
    for (let index = 1; index < sent.length; index++) expect(sent[index]! - sent[index - 1]!).toBeGreaterThanOrEqual(190);

    const at = arrivals();
    expect(at).toHaveLength(12);
    expect(at[11]! - at[0]!).toBeGreaterThanOrEqual(1800);
    for (let index = 0; index + 5 < at.length; index++) expect(at[index + 5]! - at[index]!).toBeGreaterThanOrEqual(700);
    for (let index = 1; index < at.length; index++) expect(at[index]! - at[index - 1]!).toBeGreaterThanOrEqual(50);
  });

  it('throttles retries as well', async () => {
    lastfm.fail({ times: 2, with: { code: 29 } });
    await fastSource(lastfm, { requestsPerSecond: 10, retryBaseDelayMs: 0, retryMaxDelayMs: 0 }).fetchPage('alice', 1);
    const at = arrivals();
    expect(at).toHaveLength(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(50);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(50);
  });
});
