/**
 * Finding the parts of a title that tags and services append: bracketed
 * groups ("Heroes (2017 Remaster)", "Song [Live]", "Fm {No Static At All}")
 * and " - " suffixes ("Heroes - 2017 Remaster", Spotify's style).
 *
 * A group at the very start of a title is part of the title ("(I Can't Get
 * No) Satisfaction", "(Don't Fear) The Reaper") and is never offered.
 *
 * @module
 */

/**
 * One bracket group without nested brackets. An unclosed group at the end
 * counts too: radio logs and some taggers cut titles short
 * ("Miami 2017 (Seen The Lights Go Out On Broadway) (live 1").
 */
const BRACKET_GROUP = /\s*[([{]([^()[\]{}]*)(?:[)\]}]|$)/g;
const DASH_SEPARATOR = /\s+-\s+/;
const HAS_BRACKET = /[([{]/;

/**
 * Removes every bracket group (not at the start) and every " - " segment
 * (not the first) for which `remove(content)` returns true. Returns the
 * value unchanged (same string) when nothing was removed.
 *
 * @example
 * ```ts
 * removeSuffixes('song (live) - radio edit', (suffix) => suffix === 'radio edit'); // 'song (live)'
 * ```
 */
export function removeSuffixes(value: string, remove: (content: string) => boolean): string {
  let result = value;
  if (HAS_BRACKET.test(result)) {
    BRACKET_GROUP.lastIndex = 0;
    result = result.replace(BRACKET_GROUP, (whole: string, content: string, offset: number) =>
      offset > 0 && remove(content.trim()) ? ' ' : whole,
    );
  }
  if (result.includes(' -')) {
    const segments = result.split(DASH_SEPARATOR);
    if (segments.length > 1) {
      const kept = [segments[0] ?? ''];
      let changed = false;
      for (let index = 1; index < segments.length; index++) {
        const segment = segments[index] ?? '';
        if (remove(segment.trim())) changed = true;
        else kept.push(segment);
      }
      if (changed) result = kept.join(' - ');
    }
  }
  return result === value ? value : result.trim();
}
