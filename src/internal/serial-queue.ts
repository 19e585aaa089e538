/**
 * Runs operations one at a time, in the order they were given: the next
 * starts when the previous settles, whether it succeeded or failed.
 *
 * @internal
 */
export function serialQueue(): <T>(operation: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation, operation);
    queue = run.catch(() => undefined);
    return run;
  };
}
