/**
 * Compile-time check that a documented options interface and the input type
 * of its zod schema accept the same options: mutually assignable and with
 * the same keys (an optional option on one side only would pass plain
 * assignability). Use as `Assert<SameOptions<A, B>>`.
 *
 * @example
 * ```ts
 * type _Check = Assert<SameOptions<MatcherOptions, z.input<typeof matcherOptionsSchema>>>;
 * ```
 *
 * @internal
 */
export type SameOptions<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;

/** Fails to compile unless `T` is `true`. @internal */
export type Assert<T extends true> = T;
