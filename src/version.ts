/**
 * The version of this package, sent in the default User-Agent.
 *
 * Hardcoded rather than read from package.json so the bundle needs no JSON
 * import and no file system; keep it in step with package.json on release.
 *
 * @example
 * ```ts
 * console.log(`running loved-track-cache ${VERSION}`);
 * ```
 */
export const VERSION = '0.1.0';
