import type { Kysely } from 'kysely';
import type { TableLibraryAdapterOptions } from '../table-library-adapter.js';
import { funkwhaleRecipe } from './funkwhale.js';
import { gonicRecipe } from './gonic.js';
import { jellyfinRecipe } from './jellyfin.js';
import { koelRecipe } from './koel.js';
import { mtRecipe } from './mt.js';
import { navidromeRecipe } from './navidrome.js';

export { funkwhaleRecipe } from './funkwhale.js';
export { gonicRecipe } from './gonic.js';
export { jellyfinRecipe } from './jellyfin.js';
export { koelRecipe } from './koel.js';
export { mtRecipe } from './mt.js';
export { navidromeRecipe } from './navidrome.js';

/** A function that maps a player's own tables: give it the player's Kysely instance. */
export type HostRecipe = (db: Kysely<any>) => TableLibraryAdapterOptions;

/**
 * The built-in mappings of real players' schemas, by name, for
 * `new TableLibraryAdapter(hostRecipes.navidrome(db))` (and for the CLI's
 * `--host` option). See docs/hosts.md for each as plain configuration.
 *
 * @example
 * ```ts
 * const library = new TableLibraryAdapter(hostRecipes['navidrome'](db));
 * ```
 */
export const hostRecipes = {
  navidrome: navidromeRecipe,
  funkwhale: funkwhaleRecipe,
  gonic: gonicRecipe,
  jellyfin: jellyfinRecipe,
  koel: koelRecipe,
  mt: mtRecipe,
} as const satisfies Record<string, HostRecipe>;

/** Names of the built-in recipes. */
export type HostRecipeName = keyof typeof hostRecipes;
