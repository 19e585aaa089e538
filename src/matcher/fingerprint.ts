/**
 * A short stable hash of a matcher's configuration.
 *
 * @module
 */

/**
 * Bump when a built-in rule, the scoring or the key format changes: every
 * store rebuilds its keys and re-checks automatic matches.
 *
 * @example
 * ```ts
 * createMatcher().fingerprint.startsWith(`dm${MATCHER_VERSION}-`); // true
 * ```
 */
export const MATCHER_VERSION = 1;

/**
 * cyrb53: a fast 53-bit string hash (public domain, by bryc). Not
 * cryptographic; it only has to change when the configuration changes.
 */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The fingerprint of a configuration: "dm<version>-<hash>". The input is
 * serialized in a fixed order (arrays as given, object keys sorted), so the
 * same configuration always gives the same string, in every process.
 *
 * @example
 * ```ts
 * fingerprintOf({ artist: ['unicode'], threshold: 0.85 }); // 'dm1-…' (14 hex digits)
 * ```
 */
export function fingerprintOf(configuration: unknown): string {
  return `dm${MATCHER_VERSION}-${cyrb53(stableStringify(configuration)).toString(16).padStart(14, '0')}`;
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
