import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLastfm, type FakeLastfm } from '../../../src/testing/index.js';
import type { LovedTrack } from '../../../src/types.js';
import { fastSource } from './support.js';

let lastfm: FakeLastfm;

beforeAll(async () => {
  lastfm = await startFakeLastfm();
});

afterAll(async () => {
  await lastfm.close();
});

const loveArbitrary: fc.Arbitrary<LovedTrack> = fc.record(
  {
    artist: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
    title: fc.string({ unit: 'grapheme', maxLength: 20 }),
    mbid: fc.uuid(),
    artistMbid: fc.uuid(),
    lovedAt: fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: null }),
  },
  { requiredKeys: ['artist', 'title', 'lovedAt'] },
);

function withoutUrl({ url: _url, ...love }: LovedTrack): LovedTrack {
  return love;
}

describe('fake server and LastfmSource together', () => {
  it('hand back exactly the loves that were stored, in order, for any loves and page size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(loveArbitrary, { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), async (loves, pageSize) => {
        lastfm.setLoves('rj', loves);
        const received: LovedTrack[] = [];
        for await (const page of fastSource(lastfm, { pageSize }).pages('rj')) received.push(...page.tracks.map(withoutUrl));
        expect(received).toEqual(lastfm.loves('rj'));
      }),
      { numRuns: 40 },
    );
  });
});
