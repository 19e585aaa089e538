import type { HostUserId } from './library/library-adapter.js';
import type { SyncMode, SyncReport } from './types-reports.js';

/**
 * Every event {@link LovedTrackCache} emits, keyed `namespace:verb`, each with
 * one payload object. Bind a progress bar to `sync:page` and `match:progress`.
 *
 * @example
 * ```ts
 * cache.on('sync:page', ({ lovesSoFar, total }) => console.log(`Importing ${total} loved tracks... ${lovesSoFar}`));
 * ```
 */
export interface LovedTrackCacheEvents {
  /** A sync began. */
  'sync:start': { readonly user: string; readonly mode: SyncMode };
  /** A page of loves was stored. */
  'sync:page': {
    readonly user: string;
    readonly mode: SyncMode;
    readonly page: number;
    readonly totalPages: number;
    /** Loves received so far in this sync. */
    readonly lovesSoFar: number;
    /** Loves Last.fm reports in all. */
    readonly total: number;
    /** New loves on this page. */
    readonly added: number;
  };
  /** A sync finished. */
  'sync:done': { readonly user: string; readonly report: SyncReport };
  /** Library tracks indexed for matching so far. */
  'index:progress': { readonly done: number };
  /** Loves checked for a match so far, of `total`. */
  'match:progress': { readonly user: string; readonly done: number; readonly total: number };
  /** Favorites this library created. */
  'favorite:added': { readonly user: string; readonly hostUser: HostUserId | undefined; readonly trackIds: readonly string[] };
  /** Favorites this library removed (only ever its own). */
  'favorite:removed': { readonly user: string; readonly hostUser: HostUserId | undefined; readonly trackIds: readonly string[]; readonly reason: string };
}

/** A listener of event `K`. */
export type Listener<K extends keyof LovedTrackCacheEvents> = (payload: LovedTrackCacheEvents[K]) => void;

/**
 * A small typed event emitter. Listeners run synchronously in the order they
 * were added; an exception in a listener propagates to the emitting call, as
 * with Node's EventEmitter.
 *
 * @internal
 */
export class TypedEmitter {
  readonly #listeners = new Map<keyof LovedTrackCacheEvents, Set<(payload: never) => void>>();

  on<K extends keyof LovedTrackCacheEvents>(event: K, listener: Listener<K>): () => void {
    let set = this.#listeners.get(event);
    if (set === undefined) this.#listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => this.off(event, listener);
  }

  once<K extends keyof LovedTrackCacheEvents>(event: K, listener: Listener<K>): () => void {
    const off = this.on(event, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  off<K extends keyof LovedTrackCacheEvents>(event: K, listener: Listener<K>): void {
    this.#listeners.get(event)?.delete(listener as (payload: never) => void);
  }

  emit<K extends keyof LovedTrackCacheEvents>(event: K, payload: LovedTrackCacheEvents[K]): void {
    const set = this.#listeners.get(event);
    if (set === undefined) return;
    for (const listener of [...set]) (listener as Listener<K>)(payload);
  }
}
