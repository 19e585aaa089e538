import type { BuiltInRule, RecordingMarker } from './rule.js';
import { removeSuffixes } from './suffixes.js';

/**
 * The kinds of different recording, in the order they are tried, with the
 * words that signal each. Every kind's own name is one of its words, so a
 * key like "song (live wembley)" reads back to the same marker (idempotence).
 */
const KINDS: ReadonlyArray<readonly [kind: string, words: RegExp]> = [
  ['rerecorded', /\bre-?record(?:ed|ing)?\b|\btaylor'?s version\b|\bnew recording\b/g],
  ['karaoke', /\bkaraoke\b|\bin the style of\b|\boriginally (?:performed|recorded)(?: by)?\b|\b(?:as )?made famous(?: by)?\b|\bsing-?along\b/g],
  ['live', /\blive\b|\bin concert\b|\bunplugged\b/g],
  ['remix', /\bre-?mix(?:ed|es)?\b|\brmx\b|\bmix\b|\bdub\b|\bre-?work(?:ed)?\b|\bbootleg\b|\bextended\b|\bclub\b|\bvip\b/g],
  ['acoustic', /\bacoustic\b|\bstripped\b|\bpiano\b|\borchestral\b|\bsymphonic\b/g],
  ['instrumental', /\binstrumental\b|\bbacking track\b/g],
  ['acappella', /\ba ?cap+el+a\b/g],
  ['demo', /\bdemo\b|\bouttake\b|\bwork(?:ing)? tape\b|\brough\b|\brehearsal\b/g],
  ['alternate', /\balternat(?:e|ive)\b|\balt\b|\btake(?=\s*\d)|\b(?:first|early|second|final)\s+take\b/g],
  ['cover', /\bcover\b|\btribute\b/g],
  ['reprise', /\breprise\b/g],
  ['intro', /\bintro\b/g],
  ['outro', /\boutro\b/g],
  ['interlude', /\binterlude\b/g],
];
/** A suffix that says "version"/"edit"/"session" but none of the kinds above ("Spanish Version", "BBC Session"). */
const GENERIC_VERSION: readonly [string, RegExp] = ['version', /\bversion\b|\bedit\b|\bsessions?\b/g];

/** Every kind's words in one pattern: most bracket groups name none, and one test says so. */
const ANY_KIND = new RegExp([...KINDS.map(([, words]) => words.source), GENERIC_VERSION[1].source].join('|'));

/**
 * The marker a bracket group or " - " suffix names, or `undefined` when it
 * names none (then it is part of the title: "I Want You (She's So Heavy)").
 *
 * @example
 * ```ts
 * recordingMarker('live at wembley'); // { kinds: ['live'], text: 'live at wembley', qualifier: 'at wembley' }
 * recordingMarker("she's so heavy"); // undefined
 * ```
 */
export function recordingMarker(content: string): RecordingMarker | undefined {
  if (!ANY_KIND.test(content)) return undefined;
  const kinds: string[] = [];
  let qualifier = content;
  for (const [kind, words] of KINDS) {
    words.lastIndex = 0;
    if (words.test(content)) {
      kinds.push(kind);
      words.lastIndex = 0;
      qualifier = qualifier.replace(words, ' ');
    }
  }
  if (kinds.length === 0) {
    const [kind, words] = GENERIC_VERSION;
    words.lastIndex = 0;
    if (!words.test(content)) return undefined;
    kinds.push(kind);
    words.lastIndex = 0;
    qualifier = qualifier.replace(words, ' ');
  }
  kinds.sort();
  return { kinds, text: content, qualifier: qualifier.trim() };
}

/**
 * `different-recording` (title only): suffixes that name a different
 * recording (live, remix, acoustic, demo, instrumental, karaoke, cover,
 * re-recorded / Taylor's Version, reprise, ...) are taken out of the title
 * and kept as markers; the title key ends with them ("song (live)") and
 * comparison requires the same markers on both sides.
 *
 * Fixes: a loved studio "Song" matched to "Song (Live)" or "Song (X Remix)"
 * in the library, or "Love Story" matched to "Love Story (Taylor's Version)".
 *
 * @example
 * ```ts
 * differentRecordingRule.apply('holiday (live)', context); // 'holiday'; context.markers[0].kinds: ['live']
 * ```
 */
export const differentRecordingRule: BuiltInRule = {
  name: 'different-recording',
  description: 'Different-recording suffixes (live, remix, acoustic, demo, instrumental, karaoke, cover, re-recorded, ...) set aside as markers that must agree',
  stage: 'clean',
  extracts: true,
  example: ['smells like teen spirit (butch vig mix)', 'smells like teen spirit'],
  apply(value, context) {
    return removeSuffixes(value, (content) => {
      const marker = recordingMarker(content);
      if (marker === undefined) return false;
      context.markers.push(marker);
      return true;
    });
  },
};
