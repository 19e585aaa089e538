/** Splits `items` into arrays of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Removes duplicates, keeping the first occurrence's order. */
export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}
