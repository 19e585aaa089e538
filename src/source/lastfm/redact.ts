/**
 * Keeps the API key out of everything this library throws.
 *
 * The key travels in the query string, and URLs end up in error messages,
 * in `fetch` failures and in server error pages; an error message is often
 * logged or shown to users, so every string that could hold the key passes
 * through here on its way into an error.
 *
 * @module
 */

/**
 * Placeholder written where the secret was.
 *
 * @example
 * ```ts
 * url.searchParams.set('api_key', REDACTED);
 * ```
 */
export const REDACTED = 'REDACTED';

/**
 * Replaces every occurrence of a secret (plain and URL-encoded) in strings,
 * and checks errors for it.
 *
 * @example
 * ```ts
 * const redactor = new Redactor(apiKey);
 * redactor.text(`https://ws.audioscrobbler.com/2.0/?api_key=${apiKey}`); // '...?api_key=REDACTED'
 * ```
 */
export class Redactor {
  readonly #needles: readonly string[];

  constructor(secret: string) {
    // Longest first, so an encoded form that contains the plain one is
    // replaced whole.
    this.#needles = [...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ k: secret }).toString().slice(2)])]
      .filter((needle) => needle.length > 0)
      .sort((a, b) => b.length - a.length);
  }

  /** `value` with the secret replaced by {@link REDACTED}. */
  text(value: string): string {
    let result = value;
    for (const needle of this.#needles) result = result.replaceAll(needle, REDACTED);
    return result;
  }

  /** True when the secret appears anywhere in `value`. */
  contains(value: string): boolean {
    return this.#needles.some((needle) => value.includes(needle));
  }

  /**
   * Returns `error` itself when the secret appears nowhere in it (message,
   * stack, own properties, cause chain), otherwise a plain copy with the
   * secret redacted. A foreign error (from `fetch`, from a proxy) is what is
   * checked here; our own errors are built from redacted text already.
   */
  error(error: unknown, depth = 0): unknown {
    if (depth > 8 || !this.#leaks(error, new Set())) return error;
    if (!(error instanceof Error)) return this.text(safeString(error));
    const copy = new Error(this.text(error.message), error.cause === undefined ? undefined : { cause: this.error(error.cause, depth + 1) });
    copy.name = this.text(error.name);
    copy.stack = error.stack === undefined ? undefined : this.text(error.stack);
    return copy;
  }

  #leaks(value: unknown, seen: Set<unknown>): boolean {
    if (typeof value === 'string') return this.contains(value);
    if (value === null || typeof value !== 'object' || seen.has(value) || seen.size > 64) return false;
    seen.add(value);
    // Own property names cover an error's message, stack and cause as well
    // as whatever a library hangs on it (undici puts the request on some).
    for (const key of Object.getOwnPropertyNames(value)) {
      let property: unknown;
      try {
        property = (value as Record<string, unknown>)[key];
      } catch {
        continue;
      }
      if (this.#leaks(property, seen)) return true;
    }
    return false;
  }
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}
