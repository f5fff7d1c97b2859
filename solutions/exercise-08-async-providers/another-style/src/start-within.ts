/**
 * Starts one dependency, failing with its name when it has not answered
 * within `ms` (written by hand, without `Promise.race`): whichever comes
 * first, the answer or the timer, settles the start, and the timer is
 * cleared either way. The signal aborts the attempt when the time is over.
 *
 * @example
 * startWithin('the database', startupTimeoutMs(), () => Database.connect());
 */
export function startWithin<T>(
  dependency: string,
  ms: number,
  start: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const stop = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new Error(`${dependency} did not answer within ${ms} ms: start-up stopped.`);
      stop.abort(error);
      reject(error);
    }, ms);
    start(stop.signal).then(
      (started) => {
        clearTimeout(timer);
        resolve(started);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
