import type { TypedEmitter } from '../events.js';
import type { HostUserId, LibraryAdapter } from '../library/library-adapter.js';
import type { Matcher } from '../matcher/matcher.js';
import type { LovedTrackSource } from '../source/loved-track-source.js';
import type { LovedTrackStore } from '../store/loved-track-store.js';

/**
 * What the engines share: the injected components and the frozen options of
 * one {@link LovedTrackCache}.
 *
 * @internal
 */
export interface EngineContext {
  readonly user: string;
  readonly hostUser: HostUserId | undefined;
  /** `hostUser` as the store keeps it. */
  readonly hostUserKey: string;
  readonly store: LovedTrackStore;
  readonly source: LovedTrackSource;
  readonly library: LibraryAdapter;
  readonly matcher: Matcher;
  readonly events: TypedEmitter;
  readonly batchSize: number;
  readonly candidatesPerLove: number;
  readonly onUnlove: 'keep' | 'remove-favorite';
  readonly reconcileEveryMs: number;
  /** Identifies this cache instance as a lease holder. */
  readonly owner: string;
  /** Current time in ms (injectable for tests). */
  readonly now: () => number;
}

/** Unix seconds of `ms`. @internal */
export function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}
