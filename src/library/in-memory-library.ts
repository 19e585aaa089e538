import type { LibraryTrack, TrackId } from '../types.js';
import type { AddFavoritesResult, HostUserId, LibraryAdapter, ReadTracksOptions } from './library-adapter.js';

/**
 * A library that lives in memory: for tests, prototypes, and hosts whose
 * library is not in SQL. Ids compare as strings, like the cache's own.
 *
 * @example
 * ```ts
 * const library = new InMemoryLibrary([{ id: 1, artist: 'Queen', title: 'Bohemian Rhapsody' }]);
 * library.addTracks([{ id: 2, artist: 'Heart', title: 'Barracuda' }]);
 * ```
 */
export class InMemoryLibrary implements LibraryAdapter {
  readonly #tracks = new Map<string, LibraryTrack>();
  readonly #favorites = new Map<string, Set<string>>();

  constructor(tracks: Iterable<LibraryTrack> = []) {
    this.addTracks(tracks);
  }

  /** Adds or replaces tracks. */
  addTracks(tracks: Iterable<LibraryTrack>): void {
    for (const track of tracks) this.#tracks.set(String(track.id), track);
  }

  /** Removes tracks (and, like most players, their favorites). */
  removeTracks(ids: Iterable<TrackId>): void {
    for (const id of ids) {
      this.#tracks.delete(String(id));
      for (const set of this.#favorites.values()) set.delete(String(id));
    }
  }

  /** Favorites of a host user, as the user would see them (string ids, sorted). */
  favoritesOf(hostUser?: HostUserId): string[] {
    return [...(this.#favorites.get(userKey(hostUser)) ?? [])].sort();
  }

  /** Number of tracks. */
  get size(): number {
    return this.#tracks.size;
  }

  async *tracks(options: ReadTracksOptions): AsyncIterable<readonly LibraryTrack[]> {
    let batch: LibraryTrack[] = [];
    for (const track of this.#tracks.values()) {
      options.signal?.throwIfAborted();
      batch.push(track);
      if (batch.length >= options.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  async getTracks(ids: readonly TrackId[]): Promise<readonly LibraryTrack[]> {
    const out: LibraryTrack[] = [];
    for (const id of ids) {
      const track = this.#tracks.get(String(id));
      if (track !== undefined) out.push(track);
    }
    return out;
  }

  async favorited(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<ReadonlySet<string>> {
    const set = this.#favorites.get(userKey(hostUser));
    return new Set(ids.map(String).filter((id) => set?.has(id)));
  }

  async addFavorites(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<AddFavoritesResult> {
    const key = userKey(hostUser);
    let set = this.#favorites.get(key);
    if (set === undefined) this.#favorites.set(key, (set = new Set()));
    const added: string[] = [];
    for (const id of ids.map(String)) {
      if (set.has(id)) continue;
      set.add(id);
      added.push(id);
    }
    return { added };
  }

  async removeFavorites(hostUser: HostUserId | undefined, ids: readonly TrackId[]): Promise<void> {
    const set = this.#favorites.get(userKey(hostUser));
    for (const id of ids) set?.delete(String(id));
  }
}

function userKey(hostUser: HostUserId | undefined): string {
  return hostUser === undefined ? '' : String(hostUser);
}
