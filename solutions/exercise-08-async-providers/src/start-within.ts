/**
 * Starts one dependency, failing with its name when it has not answered
 * within `ms`: a start-up that hangs is worse than one that fails, since
 * nothing tells the operator why the service is not up. The signal aborts
 * the attempt (a fetch, a connection) when the time is over.
 *
 * @example
 * useFactory: () => startWithin('the feature flags', startupTimeoutMs(), (signal) => FeatureFlags.load(url, { signal })),
 */
export async function startWithin<T>(
  dependency: string,
  ms: number,
  start: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`${dependency} did not answer within ${ms} ms: start-up stopped.`);
      stop.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([start(stop.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
