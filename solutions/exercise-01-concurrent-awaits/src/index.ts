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
  // Calling every task first starts them all; Promise.all then waits for the
  // lot, keeps input order and rejects at the first rejection.
  return Promise.all(tasks.map((task) => task()));
}

/**
 * Starts every task at once; never rejects. Each result is
 * `{ status: 'fulfilled', value }` or `{ status: 'rejected', reason }`, in input order.
 */
export async function runSettled<T>(
  tasks: ReadonlyArray<() => Promise<T>>,
): Promise<PromiseSettledResult<T>[]> {
  // The async wrapper turns a task that throws before returning a promise
  // into a rejected result instead of a rejection of runSettled itself.
  return Promise.allSettled(tasks.map(async (task) => task()));
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
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  let failed = false;

  // `limit` lanes, each taking the next item as soon as its previous one ends:
  // a sliding window, not batches.
  async function lane(): Promise<void> {
    while (!failed && nextIndex < items.length) {
      const index = nextIndex++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
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
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`the task did not settle within ${ms} ms`);
      error.name = 'TimeoutError';
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([task(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
