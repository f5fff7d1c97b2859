// Exercise 01, solved another way: with hand-made promises and callbacks
// instead of Promise.all, allSettled and race. It must score what the
// solution scores (the self-check grades it), so no check leans on one style.

export function runAll<T>(tasks: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<T>(tasks.length);
    let pending = tasks.length;
    if (pending === 0) resolve(results);
    tasks.forEach((task, index) => {
      task().then((value) => {
        results[index] = value;
        pending -= 1;
        if (pending === 0) resolve(results);
      }, reject);
    });
  });
}

export async function runSettled<T>(
  tasks: ReadonlyArray<() => Promise<T>>,
): Promise<PromiseSettledResult<T>[]> {
  const started = tasks.map((task) => {
    try {
      return task().then(
        (value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }),
        (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }),
      );
    } catch (reason) {
      return Promise.resolve<PromiseSettledResult<T>>({ status: 'rejected', reason });
    }
  });
  const results: PromiseSettledResult<T>[] = [];
  for (const outcome of started) results.push(await outcome);
  return results;
}

export function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    return Promise.reject(new RangeError(`limit must be a positive integer, got ${limit}`));
  }
  return new Promise((resolve, reject) => {
    const results = new Array<R>(items.length);
    let started = 0;
    let finished = 0;
    let failed = false;
    // Each call that ends launches the next item: the window slides one item at a time.
    const launch = () => {
      if (failed || started >= items.length) return;
      const index = started;
      started += 1;
      fn(items[index] as T, index).then(
        (value) => {
          results[index] = value;
          finished += 1;
          if (finished === items.length) resolve(results);
          else launch();
        },
        (error: unknown) => {
          failed = true;
          reject(error);
        },
      );
    };
    if (items.length === 0) resolve(results);
    for (let lane = 0; lane < Math.min(limit, items.length); lane += 1) launch();
  });
}

export function withTimeout<T>(task: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new Error(`gave up after ${ms} ms`);
      error.name = 'TimeoutError';
      controller.abort(error);
      reject(error);
    }, ms);
    task(controller.signal).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
