import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OptionsError } from '../../../src/errors.js';
import { lovedTrackPages } from '../../../src/source/loved-track-pages.js';
import type { LovedTrackPage, LovedTrackSource } from '../../../src/source/loved-track-source.js';
import { startFakeLastfm, type FakeLastfm } from '../../../src/testing/index.js';
import type { LovedTrack } from '../../../src/types.js';
import { fastSource, makeLoves, rejectionOf } from './support.js';

let lastfm: FakeLastfm;

beforeEach(async () => {
  lastfm = await startFakeLastfm();
});

afterEach(async () => {
  await lastfm.close();
});

function lovesAt(...times: (number | null)[]): LovedTrack[] {
  return times.map((lovedAt, index) => ({ artist: 'Artist', title: `Song ${index}`, lovedAt }));
}

async function collect(pages: AsyncIterable<LovedTrackPage>): Promise<LovedTrackPage[]> {
  const result: LovedTrackPage[] = [];
  for await (const page of pages) result.push(page);
  return result;
}

describe('LastfmSource.pages', () => {
  // Pages of 2: [1000, 900] [800, 800] [800, 700] [600, 500]
  const times = [1000, 900, 800, 800, 800, 700, 600, 500];

  it('walks every page newest first and stops after the last one, without an extra request', async () => {
    lastfm.setLoves('rj', lovesAt(...times));
    const pages = await collect(fastSource(lastfm, { pageSize: 2 }).pages('rj'));
    expect(pages.map((page) => page.page)).toEqual([1, 2, 3, 4]);
    expect(pages.flatMap((page) => page.tracks.map((love) => love.lovedAt))).toEqual(times);
    expect(lastfm.requestCount()).toBe(4);
  });

  it.each([
    [null, [1, 2, 3, 4]],
    [0, [1, 2, 3, 4]],
    [500, [1, 2, 3, 4]],
    [501, [1, 2, 3, 4]],
    // Page 2 holds only loves *at* the cursor: they may be new loves sharing
    // its second, so the walk goes on to page 3, which reaches 700 < 800.
    [800, [1, 2, 3]],
    [801, [1, 2]],
    [900, [1, 2]],
    [1000, [1]],
    [2000, [1]],
  ])('with since = %s yields pages %j', async (since, expected) => {
    lastfm.setLoves('rj', lovesAt(...times));
    const pages = await collect(fastSource(lastfm, { pageSize: 2 }).pages('rj', { since }));
    expect(pages.map((page) => page.page)).toEqual(expected);
    expect(lastfm.requestCount()).toBe(expected.length);
  });

  it('counts loves without a date as newest: they never stop the walk', async () => {
    lastfm.setLoves('rj', lovesAt(null, null, 1000, 900, 100));
    const pages = await collect(fastSource(lastfm, { pageSize: 2 }).pages('rj', { since: 950 }));
    expect(pages.map((page) => page.page)).toEqual([1, 2]);
  });

  it('starts at startPage', async () => {
    lastfm.setLoves('rj', lovesAt(...times));
    const pages = await collect(fastSource(lastfm, { pageSize: 2 }).pages('rj', { startPage: 3 }));
    expect(pages.map((page) => page.page)).toEqual([3, 4]);
  });

  it('yields the single empty page of a user without loves', async () => {
    lastfm.setLoves('rj', []);
    const pages = await collect(fastSource(lastfm).pages('rj'));
    expect(pages).toEqual([{ user: 'rj', page: 1, perPage: 1000, totalPages: 0, total: 0, tracks: [] }]);
    expect(lastfm.requestCount()).toBe(1);
  });

  it('follows a love made between page 1 and page 2 (the boundary love comes twice; the walk grows a page)', async () => {
    lastfm.setLoves('rj', makeLoves(4));
    lastfm.beforePage(2, () => lastfm.love('rj', { artist: 'Fresh', title: 'Love', lovedAt: 1_800_000_000 }));
    const pages = await collect(fastSource(lastfm, { pageSize: 2 }).pages('rj'));
    expect(pages.map((page) => [page.page, page.totalPages])).toEqual([
      [1, 2],
      [2, 3],
      [3, 3],
    ]);
    expect(pages[1]?.tracks[0]).toEqual(pages[0]?.tracks[1]);
  });

  it('ends quietly when unloves made the last page disappear mid-walk', async () => {
    lastfm.setLoves('rj', makeLoves(6));
    lastfm.beforePage(3, () => {
      lastfm.unlove('rj', 'Artist 0', 'Track 0');
      lastfm.unlove('rj', 'Artist 1', 'Track 1');
    });
    const pages = await collect(fastSource(lastfm, { pageSize: 2 }).pages('rj'));
    expect(pages.map((page) => [page.page, page.totalPages, page.tracks.length])).toEqual([
      [1, 3, 2],
      [2, 3, 2],
      [3, 2, 0],
    ]);
  });

  it('sends no more requests when the consumer stops early', async () => {
    lastfm.setLoves('rj', makeLoves(10));
    for await (const page of fastSource(lastfm, { pageSize: 2 }).pages('rj')) {
      if (page.page === 2) break;
    }
    expect(lastfm.requestCount()).toBe(2);
  });

  it.each([
    [{ since: Number.NaN }, 'Expected `since` to be unix seconds, got NaN'],
    [{ startPage: 0 }, 'Expected `startPage` to be a positive integer, got 0'],
  ])('rejects %j before sending anything', async (options, message) => {
    const error = await rejectionOf(collect(fastSource(lastfm).pages('rj', options)));
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as Error).message).toBe(message);
    expect(lastfm.requestCount()).toBe(0);
  });
});

describe('lovedTrackPages', () => {
  it('works over any LovedTrackSource', async () => {
    const calls: number[] = [];
    const source: LovedTrackSource = {
      fetchPage: async (user, page) => {
        calls.push(page);
        return { user, page, perPage: 1, totalPages: 3, total: 3, tracks: [{ artist: 'A', title: `T${page}`, lovedAt: 100 - page }] };
      },
    };
    const pages = await collect(lovedTrackPages(source, 'rj', { since: 98 }));
    expect(pages.map((page) => page.tracks[0]?.title)).toEqual(['T1', 'T2', 'T3']);
    expect(calls).toEqual([1, 2, 3]);
    expect((await collect(lovedTrackPages(source, 'rj', { since: 99 }))).map((page) => page.page)).toEqual([1, 2]);
  });
});
