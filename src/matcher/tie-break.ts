/**
 * The `prefer-original` tie policy: among equally good candidates, a track
 * on the artist's own studio album beats the same recording on a
 * compilation, soundtrack or live album; then the lowest id wins.
 *
 * @module
 */
import type { LibraryTrack, TrackId } from '../types.js';

/**
 * Album titles of compilations. Matched on the folded album title as whole
 * words: "Greatest Hits", "The Best of", "Hits", "Collection", "Anthology",
 * "Essential(s)", "Gold", soundtracks, "Now That's What I Call Music", ...
 */
const COMPILATION_ALBUM =
  /\b(?:greatest hits|best of|the best|hits|collection|anthology|essentials?|gold|platinum|soundtrack|ost|motion picture|compilation|now that'?s what|definitive|ultimate|classics|retrospective|the singles|singles collection|number ones|#1'?s|b-sides|rarities|box set|various)\b/;
/** Live albums: "Live at Leeds", "Alive!"-style titles are left alone; "MTV Unplugged", "In Concert" count. */
const LIVE_ALBUM = /\blive\b|\bin concert\b|\bunplugged\b/;

/**
 * How far a track is from "the original release": one point each for a
 * various-artists album artist, an album artist that is not the track's
 * artist, a compilation-like album title, and a live album. Lower is more
 * original.
 *
 * @example
 * ```ts
 * originalityRank({ id: 1, artist: 'Queen', title: 'Killer Queen', album: 'Greatest Hits' }, ctx); // 1
 * ```
 */
export function originalityRank(
  track: LibraryTrack,
  facts: { readonly albumArtistIsVarious: boolean; readonly albumArtistIsOther: boolean },
): number {
  const album = (track.album ?? '').toLowerCase();
  let rank = 0;
  if (facts.albumArtistIsVarious) rank += 1;
  if (facts.albumArtistIsOther) rank += 1;
  if (album.length > 0 && COMPILATION_ALBUM.test(album)) rank += 1;
  if (album.length > 0 && LIVE_ALBUM.test(album)) rank += 1;
  return rank;
}

/**
 * True when the album title says the album is a live recording ("Live at
 * Leeds", "MTV Unplugged in New York").
 *
 * @example
 * ```ts
 * isLiveAlbum('Live at Leeds'); // true
 * ```
 */
export function isLiveAlbum(album: string | null | undefined): boolean {
  return album !== null && album !== undefined && LIVE_ALBUM.test(album.toLowerCase());
}

/**
 * Orders ids deterministically: numbers by value, anything else by the
 * UTF-16 code units of its string form ("10" before "9" for string ids).
 *
 * @example
 * ```ts
 * [3, 1, 2].sort(compareIds); // [1, 2, 3]
 * ['b', 'a'].sort(compareIds); // ['a', 'b']
 * ```
 */
export function compareIds(a: TrackId, b: TrackId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
