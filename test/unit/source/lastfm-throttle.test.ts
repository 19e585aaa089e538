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
    // The throttle spaces slots exactly; the fetch calls after them, and the
    // arrivals at the server even more, carry scheduling and socket jitter
    // (a request that opens a connection arrives late), hence the slack. A
    // burst would show gaps of ~0 ms.
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
    for (let index = 1; index < sent.length; index++) expect(sent[index]! - sent[index - 1]!).toBeGreaterThanOrEqual(150);

    const at = arrivals();
    expect(at).toHaveLength(12);
    expect(at[11]! - at[0]!).toBeGreaterThanOrEqual(1800);
    for (let index = 0; index + 5 < at.length; index++) expect(at[index + 5]! - at[index]!).toBeGreaterThanOrEqual(700);
  });

  it('throttles retries as well', async () => {
    lastfm.fail({ times: 2, with: { code: 29 } });
    const sent: number[] = [];
    const source = fastSource(lastfm, {
      requestsPerSecond: 10,
      retryBaseDelayMs: 0,
      retryMaxDelayMs: 0,
      fetch: (url, init) => {
        sent.push(performance.now());
        return fetch(url, init);
      },
    });
    await source.fetchPage('alice', 1);
    expect(sent).toHaveLength(3);
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(75);
    expect(sent[2]! - sent[1]!).toBeGreaterThanOrEqual(75);
  });

  it('keeps spacing requests after the event loop was blocked (no catch-up burst)', async () => {
    const sent: number[] = [];
    const source = fastSource(lastfm, {
      requestsPerSecond: 10,
      fetch: (url, init) => {
        sent.push(performance.now());
        return fetch(url, init);
      },
    });
    const all = Promise.all(Array.from({ length: 6 }, () => source.fetchPage('bob', 1)));
    // Block the event loop across several scheduled slots.
    const until = performance.now() + 350;
    while (performance.now() < until) {
      // busy
    }
    await all;
    for (let index = 1; index < sent.length; index++) expect(sent[index]! - sent[index - 1]!).toBeGreaterThanOrEqual(75);
  });
});
