import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLastfm, type FakeLastfm } from '../../../src/testing/index.js';
import { makeLoves } from './support.js';

let lastfm: FakeLastfm;

beforeEach(async () => {
  lastfm = await startFakeLastfm({ apiKey: 'fake-key', users: { RJ: makeLoves(3) } });
});

afterEach(async () => {
  await lastfm.close();
});

async function get(params: Record<string, string>): Promise<{ status: number; json: any; text: string }> {
  const url = new URL(lastfm.url);
  for (const [key, value] of Object.entries({ method: 'user.getlovedtracks', api_key: 'fake-key', format: 'json', ...params })) {
    url.searchParams.set(key, value);
  }
  const response = await fetch(url);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

describe('startFakeLastfm', () => {
  it('listens on 127.0.0.1 at a random port and generates a Last.fm-like key by default', async () => {
    expect(lastfm.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/2\.0\/$/);
    const other = await startFakeLastfm();
    try {
      expect(other.apiKey).toMatch(/^[0-9a-f]{32}$/);
      expect(other.url).not.toBe(lastfm.url);
    } finally {
      await other.close();
    }
  });

  it('answers in the exact shape of the real API, every number a string', async () => {
    lastfm.setLoves('RJ', [
      { artist: 'Daft Punk', title: 'Digital Love', lovedAt: 1700000500, mbid: 'a8b2bafd-b2a0-4a0c-9d5f-0d0d9b8cdbbb', artistMbid: '056e4f3e-d505-4dad-8ec1-d04f521cbb56' },
      { artist: 'Sigur Rós', title: 'Hoppípolla', lovedAt: 1699990000 },
    ]);
    const { status, json } = await get({ user: 'rj', limit: '50' });
    expect(status).toBe(200);
    expect(Object.keys(json.lovedtracks)).toEqual(['track', '@attr']);
    expect(json.lovedtracks['@attr']).toEqual({ user: 'RJ', totalPages: '1', page: '1', perPage: '50', total: '2' });
    expect(json.lovedtracks.track[0]).toEqual({
      artist: { url: 'https://www.last.fm/music/Daft+Punk', name: 'Daft Punk', mbid: '056e4f3e-d505-4dad-8ec1-d04f521cbb56' },
      date: { uts: '1700000500', '#text': '14 Nov 2023, 22:21' },
      mbid: 'a8b2bafd-b2a0-4a0c-9d5f-0d0d9b8cdbbb',
      url: 'https://www.last.fm/music/Daft+Punk/_/Digital+Love',
      name: 'Digital Love',
      image: ['small', 'medium', 'large', 'extralarge'].map((size) => ({ size, '#text': expect.stringMatching(/^https:/) })),
      streamable: { fulltrack: '0', '#text': '0' },
    });
    expect(json.lovedtracks.track[1]).toMatchObject({ mbid: '', artist: { name: 'Sigur Rós', mbid: '' } });
  });

  it('sends a page of one track as a bare object, unless told not to', async () => {
    const { json } = await get({ user: 'rj', limit: '2', page: '2' });
    expect(Array.isArray(json.lovedtracks.track)).toBe(false);
    expect(json.lovedtracks.track.name).toBe('Track 2');

    const arrays = await startFakeLastfm({ apiKey: 'fake-key', singleTrackAsObject: false, users: { rj: makeLoves(1) } });
    try {
      const response = await fetch(`${arrays.url}?method=user.getlovedtracks&user=rj&api_key=fake-key&format=json`);
      expect(((await response.json()) as any).lovedtracks.track).toHaveLength(1);
    } finally {
      await arrays.close();
    }
  });

  it('sends track: [] for a user without loves and for a page past the end', async () => {
    lastfm.setLoves('empty', []);
    expect((await get({ user: 'empty' })).json.lovedtracks).toEqual({
      track: [],
      '@attr': { user: 'empty', totalPages: '0', page: '1', perPage: '50', total: '0' },
    });
    expect((await get({ user: 'rj', page: '9' })).json.lovedtracks).toMatchObject({ track: [], '@attr': { page: '9', totalPages: '1' } });
  });

  it('leaves the date out for a love without one', async () => {
    lastfm.love('rj', { artist: 'New', title: 'Just now', lovedAt: null });
    const { json } = await get({ user: 'rj' });
    expect(json.lovedtracks.track[0].name).toBe('Just now');
    expect(json.lovedtracks.track[0]).not.toHaveProperty('date');
  });

  it('defaults limit to 50 and rejects a limit out of bounds with error 6', async () => {
    lastfm.setLoves('many', makeLoves(60));
    expect((await get({ user: 'many' })).json.lovedtracks['@attr']).toMatchObject({ perPage: '50', totalPages: '2' });
    for (const limit of ['0', '1001', 'ten']) {
      expect(await get({ user: 'many', limit })).toMatchObject({ status: 400, json: { error: 6, message: 'limit param out of bounds (1-1000)' } });
    }
  });

  it('answers an unknown user with HTTP 404 and error 6, a bad key with HTTP 403 and error 10', async () => {
    expect(await get({ user: 'nobody' })).toMatchObject({ status: 404, json: { error: 6, message: 'User not found' } });
    expect(await get({ user: 'rj', api_key: 'wrong' })).toMatchObject({ status: 403, json: { error: 10 } });
    expect(await get({ user: 'rj', method: 'user.getinfo' })).toMatchObject({ json: { error: 3 } });
  });

  it('makes a profile private and public again', async () => {
    lastfm.privateUser('rj');
    expect(await get({ user: 'rj' })).toMatchObject({ status: 403, json: { error: 17 } });
    lastfm.privateUser('rj', false);
    expect((await get({ user: 'rj' })).status).toBe(200);
  });

  it('keeps loves newest first; love() replaces an earlier love of the same track; unlove() removes one', () => {
    lastfm.setLoves('u', [
      { artist: 'A', title: 'old', lovedAt: 100 },
      { artist: 'B', title: 'new', lovedAt: 300 },
      { artist: 'C', title: 'undated', lovedAt: null },
      { artist: 'D', title: 'middle', lovedAt: 200 },
    ]);
    expect(lastfm.loves('U').map((love) => love.title)).toEqual(['undated', 'new', 'middle', 'old']);
    lastfm.love('u', { artist: 'a', title: 'OLD', lovedAt: 400 });
    expect(lastfm.loves('u').map((love) => `${love.title}@${love.lovedAt}`)).toEqual(['undated@null', 'OLD@400', 'new@300', 'middle@200']);
    lastfm.love('u', { artist: 'E', title: 'now' });
    expect(lastfm.loves('u')[1]?.lovedAt).toBeGreaterThan(1_700_000_000);
    expect(lastfm.unlove('u', 'b', 'NEW')).toBe(true);
    expect(lastfm.unlove('u', 'b', 'NEW')).toBe(false);
    expect(lastfm.unlove('nobody', 'b', 'NEW')).toBe(false);
    expect(lastfm.loves('u')).toHaveLength(4);
  });

  it('logs requests and counts them by user and page', async () => {
    await get({ user: 'rj', page: '1', limit: '2' });
    await get({ user: 'RJ', page: '2', limit: '2' });
    await get({ user: 'nobody' });
    expect(lastfm.requests.map(({ user, page, limit, status }) => ({ user, page, limit, status }))).toEqual([
      { user: 'rj', page: 1, limit: 2, status: 200 },
      { user: 'RJ', page: 2, limit: 2, status: 200 },
      { user: 'nobody', page: undefined, limit: undefined, status: 404 },
    ]);
    expect(lastfm.requestCount()).toBe(3);
    expect(lastfm.requestCount({ user: 'rj' })).toBe(2);
    expect(lastfm.requestCount({ user: 'rj', page: 2 })).toBe(1);
    lastfm.resetRequests();
    expect(lastfm.requestCount()).toBe(0);
  });

  it('runs a fault the given number of times, only for its page and user', async () => {
    lastfm.fail({ user: 'rj', page: 2, times: 2, with: { code: 29, retryAfter: 3 } });
    expect((await get({ user: 'rj', page: '1' })).status).toBe(200);
    expect((await get({ user: 'other', page: '2' })).json).toMatchObject({ error: 6 });
    const limited = await fetch(`${lastfm.url}?method=user.getlovedtracks&user=rj&page=2&api_key=fake-key`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toMatchObject({ error: 29 });
    expect((await get({ user: 'rj', page: '2' })).status).toBe(429);
    expect((await get({ user: 'rj', page: '2' })).status).toBe(200);
    expect(lastfm.requests.map((request) => request.fault)).toEqual([undefined, undefined, 'code', 'code', undefined]);
  });

  it('fails "always" until the fault is removed', async () => {
    const remove = lastfm.fail({ times: 'always', with: { status: 502 } });
    for (let index = 0; index < 3; index++) expect(await get({ user: 'rj' })).toMatchObject({ status: 502, json: undefined });
    remove();
    expect((await get({ user: 'rj' })).status).toBe(200);
  });

  it('sends half a body for malformed, cuts the connection for truncate, waits for delayMs, sends any JSON for json', async () => {
    lastfm.fail({ with: { malformed: true } });
    const malformed = await get({ user: 'rj' });
    expect(malformed.status).toBe(200);
    expect(malformed.json).toBeUndefined();
    expect(malformed.text.startsWith('{"lovedtracks":')).toBe(true);

    lastfm.fail({ with: { truncate: true } });
    await expect(get({ user: 'rj' })).rejects.toThrow();

    lastfm.fail({ with: { delayMs: 150 } });
    const started = performance.now();
    expect((await get({ user: 'rj' })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    lastfm.fail({ with: { json: { hello: 'world' }, status: 201 } });
    expect(await get({ user: 'rj' })).toMatchObject({ status: 201, json: { hello: 'world' } });
  });

  it('runs beforePage actions before answering, once by default', async () => {
    lastfm.beforePage(2, () => lastfm.love('rj', { artist: 'Fresh', title: 'Love', lovedAt: 1_800_000_000 }));
    expect((await get({ user: 'rj', limit: '2', page: '1' })).json.lovedtracks['@attr'].total).toBe('3');
    expect((await get({ user: 'rj', limit: '2', page: '2' })).json.lovedtracks['@attr'].total).toBe('4');
    expect((await get({ user: 'rj', limit: '2', page: '2' })).json.lovedtracks['@attr'].total).toBe('4');
    expect(lastfm.loves('rj')).toHaveLength(4);
  });

  it('runs onRequest hooks on every request until removed', async () => {
    const seen: (number | undefined)[] = [];
    const remove = lastfm.onRequest((request) => {
      seen.push(request.page);
    });
    await get({ user: 'rj', page: '1' });
    await get({ user: 'rj', page: '2' });
    remove();
    await get({ user: 'rj', page: '3' });
    expect(seen).toEqual([1, 2]);
  });

  it('closes promptly with keep-alive connections and pending delays, and supports asyncDispose', async () => {
    const other = await startFakeLastfm({ users: { rj: [] } });
    other.fail({ with: { delayMs: 60_000 } });
    const pending = fetch(`${other.url}?method=user.getlovedtracks&user=rj&api_key=${other.apiKey}`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await other[Symbol.asyncDispose]();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
    await other.close();
  });
});
