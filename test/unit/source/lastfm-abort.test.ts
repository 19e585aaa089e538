import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLastfm, type FakeLastfm } from '../../../src/testing/index.js';
import { fastSource, makeLoves, rejectionOf } from './support.js';

let lastfm: FakeLastfm;

beforeEach(async () => {
  lastfm = await startFakeLastfm({ users: { rj: makeLoves(10) } });
});

afterEach(async () => {
  await lastfm.close();
});

function abortOnFirstRequest(controller: AbortController, reason: unknown, afterMs = 50): void {
  lastfm.onRequest(() => {
    setTimeout(() => controller.abort(reason), afterMs);
  });
}

describe('LastfmSource and AbortSignal', () => {
  it('rejects with the reason of an already aborted signal and sends nothing', async () => {
    const reason = new Error('not today');
    const source = fastSource(lastfm);
    await expect(source.fetchPage('rj', 1, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(lastfm.requestCount()).toBe(0);
    expect(source.requestCount).toBe(0);
  });

  it('rejects promptly when aborted during a backoff wait', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    lastfm.fail({ times: 'always', with: { status: 503, retryAfter: 30 } });
    abortOnFirstRequest(controller, reason);
    const started = performance.now();
    const error = await rejectionOf(fastSource(lastfm, { retryMaxDelayMs: 60_000 }).fetchPage('rj', 1, { signal: controller.signal }));
    expect(error).toBe(reason);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(lastfm.requestCount()).toBe(1);
  });

  it('rejects promptly when aborted during a request, without retrying', async () => {
    const controller = new AbortController();
    lastfm.fail({ times: 'always', with: { delayMs: 30_000 } });
    abortOnFirstRequest(controller, 'user cancelled');
    const started = performance.now();
    await expect(fastSource(lastfm).fetchPage('rj', 1, { signal: controller.signal })).rejects.toBe('user cancelled');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(lastfm.requestCount()).toBe(1);
  });

  it("keeps the caller's own timeout apart from the per-request timeout", async () => {
    lastfm.fail({ times: 'always', with: { delayMs: 30_000 } });
    const error = await rejectionOf(fastSource(lastfm, { timeoutMs: 10_000 }).fetchPage('rj', 1, { signal: AbortSignal.timeout(100) }));
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(lastfm.requestCount()).toBe(1);
  });

  it('rejects promptly when aborted while waiting for a throttle slot, and never sends that request', async () => {
    const source = fastSource(lastfm, { requestsPerSecond: 0.5 });
    await source.fetchPage('rj', 1);
    const controller = new AbortController();
    setTimeout(() => controller.abort('too slow'), 50);
    const started = performance.now();
    await expect(source.fetchPage('rj', 2, { signal: controller.signal })).rejects.toBe('too slow');
    expect(performance.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lastfm.requestCount()).toBe(1);
    expect(source.requestCount).toBe(1);
  });

  it('aborts pages() in the middle of the walk', async () => {
    const controller = new AbortController();
    const reason = new Error('stop syncing');
    lastfm.fail({ page: 2, times: 'always', with: { code: 11, retryAfter: 30 } });
    lastfm.beforePage(2, () => {
      setTimeout(() => controller.abort(reason), 50);
    });
    const seen: number[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const page of fastSource(lastfm, { pageSize: 3, retryMaxDelayMs: 60_000 }).pages('rj', { signal: controller.signal })) seen.push(page.page);
      })(),
    );
    expect(error).toBe(reason);
    expect(seen).toEqual([1]);
    expect(lastfm.requestCount()).toBe(2);
  });
});
