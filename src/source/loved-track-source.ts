import type { LovedTrack } from '../types.js';

/**
 * One page of loved tracks, newest love first.
 */
export interface LovedTrackPage {
  /** The Last.fm user. */
  readonly user: string;
  /** 1-based page number. */
  readonly page: number;
  /** Page size the source asked for. */
  readonly perPage: number;
  /** Pages the source reports in all. */
  readonly totalPages: number;
  /** Loved tracks the source reports in all. */
  readonly total: number;
  /** The loves on this page, newest first. */
  readonly tracks: readonly LovedTrack[];
}

/** Options of a single page request. */
export interface FetchPageOptions {
  /** Aborts the request (and any retry wait). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Where loved tracks come from. {@link LastfmSource} is the real one; tests
 * and hosts can supply their own.
 *
 * Implementations own all HTTP (and throttling, retries, validation).
 */
export interface LovedTrackSource {
  /** Fetches one page, newest love first. Pages are 1-based. */
  fetchPage(user: string, page: number, options?: FetchPageOptions): Promise<LovedTrackPage>;
}
