// Exercise 01: concurrent awaits. The lesson is in ../README.md.
//
// Every function below already works, one task at a time, like the tutorials'
// sequential example. Keep what each one returns, and make it concurrent.
// Grade your work with `pnpm test 01`.

/**
 * Starts every task at once and resolves with their results in input order.
 * Rejects with the first rejection as soon as it happens.
 */
export async function runAll<T>(tasks: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  // TODO: start every task before awaiting any of them (see HINTS.md, hint 1).
  const results: T[] = [];
  for (const task of tasks) {
    results.push(await task());
  }
  return results;
}

/**
 * Starts every task at once; never rejects. Each result is
 * `{ status: 'fulfilled', value }` or `{ status: 'rejected', reason }`, in input order.
 */
export async function runSettled<T>(
  tasks: ReadonlyArray<() => Promise<T>>,
): Promise<PromiseSettledResult<T>[]> {
  // TODO: start every task at once and collect every outcome (hint 2).
  const results: PromiseSettledResult<T>[] = [];
  for (const task of tasks) {
    try {
      results.push({ status: 'fulfilled', value: await task() });
    } catch (reason) {
      results.push({ status: 'rejected', reason });
    }
  }
  return results;
}

/**
 * Calls `fn` on every item with at most `limit` calls in flight; as soon as one
 * finishes the next one starts. Results in input order. On the first rejection
 * it rejects and starts no further item. A `limit` that is not a positive
 * integer rejects with a RangeError.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  // TODO: check `limit`, then keep exactly `limit` calls running (hints 3 and 4).
  void limit; // unused for now: this version runs one call at a time, whatever the limit
  const results: R[] = [];
  for (const [index, item] of items.entries()) {
    results.push(await fn(item, index));
  }
  return results;
}

/**
 * Calls `task` with a signal. If it has not settled after `ms`, aborts the
 * signal and rejects with an Error whose name is 'TimeoutError'. When the task
 * settles first, the timer is cleared.
 */
export async function withTimeout<T>(
  task: (signal: AbortSignal) => Promise<T>,
  ms: number,
): Promise<T> {
  // TODO: race the task against a timer of `ms` milliseconds (hint 5).
  void ms; // unused for now: this version waits for the task, however long it takes
  return task(new AbortController().signal);
}
