import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { IdentifierError, OptionsError, StoreError } from '../../src/errors.js';
import { InMemoryLibrary } from '../../src/library/in-memory-library.js';
import { TableLibraryAdapter } from '../../src/library/table-library-adapter.js';
import { LovedTrackCache } from '../../src/loved-track-cache.js';
import { LastfmSource } from '../../src/source/lastfm/lastfm-source.js';
import { KyselyLovedTrackStore } from '../../src/store/kysely-store.js';

const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });

describe('bad options fail fast with clear, typed errors', () => {
  it('LovedTrackCache names each bad option', () => {
    const make = () =>
      new LovedTrackCache({
        user: ' ',
        store: new KyselyLovedTrackStore({ db }),
        source: {} as never,
        library: new InMemoryLibrary(),
        batchSize: 0,
      });
    expect(make).toThrow(OptionsError);
    try {
      make();
    } catch (error) {
      const issues = (error as OptionsError).issues;
      expect(issues.some((i) => i.startsWith('Expected `user` to be a non-empty Last.fm user name'))).toBe(true);
      expect(issues.some((i) => i.startsWith('Expected `source` to be a LovedTrackSource'))).toBe(true);
      expect(issues.some((i) => i.startsWith('Expected `batchSize`') && i.endsWith('got 0'))).toBe(true);
    }
  });

  it('never echoes an API key, even one of the wrong type', () => {
    try {
      new LastfmSource({ apiKey: 1234567890123 as unknown as string });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OptionsError);
      expect(String((error as Error).message)).not.toContain('1234567890123');
      expect(String((error as Error).message)).toContain('apiKey');
    }
  });

  it('TableLibraryAdapter validates every table and column name', () => {
    const make = (tracks: Record<string, string>) => new TableLibraryAdapter({ db, tracks: { table: 'library', ...tracks }, favorites: { table: 'favorites' } });
    expect(() => make({ artist: 'artist; drop table library' })).toThrow(IdentifierError);
    expect(() => make({ artist: 'artist; drop table library' })).toThrow('Expected `tracks.artist` to be a SQL identifier');
    expect(() => make({ table: 'main.library.x' })).toThrow(IdentifierError);
    expect(() => make({ title: '"title"' })).toThrow(IdentifierError);
    expect(() => make({ table: 'public.library', album: 'album_title' })).not.toThrow();
  });

  it('KyselyLovedTrackStore validates the prefix and rejects what is not a Kysely instance', () => {
    expect(() => new KyselyLovedTrackStore({ db, tablePrefix: 'bad-prefix' })).toThrow(IdentifierError);
    expect(() => new KyselyLovedTrackStore({ db: {} as never })).toThrow('Expected `db` to be a Kysely instance');
    const store = new KyselyLovedTrackStore({ db, tablePrefix: 'app_lastfm_' });
    expect(store.tablePrefix).toBe('app_lastfm_');
    expect(store.dialect).toBe('sqlite');
  });

  it('wraps driver failures in StoreError with the operation named', async () => {
    const store = new KyselyLovedTrackStore({ db, tablePrefix: 'never_migrated_' });
    await expect(store.counts('rj')).rejects.toThrow(StoreError);
    await expect(store.counts('rj')).rejects.toThrow(/Could not count loves in the loved-track cache: .*no such table/);
  });
});
