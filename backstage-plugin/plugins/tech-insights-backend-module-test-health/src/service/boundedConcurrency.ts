/**
 * Runs `task` on every item with at most `limit` running at once, and returns the results in the
 * items' order. A collector with thousands of components is asked a few at a time, never all at
 * once; a task that throws fails only its own item (`{ error }`), so one bad component cannot
 * cost the others their facts.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<Array<{ value: R } | { error: unknown }>> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(
      `concurrency must be a positive integer; got ${limit}`,
    );
  }
  const results = new Array<{ value: R } | { error: unknown }>(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { value: await task(items[index]) };
      } catch (error) {
        results[index] = { error };
      }
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}
