import { type InFlightTracker, learnerModule, sleep } from '@kit/grading';

/** The learner's module, loaded inside each check. */
export const exercise = learnerModule('src/index.ts', () => import('#exercise/index.ts'), [
  'runAll',
  'runSettled',
  'mapLimit',
  'withTimeout',
]);

/** A task that resolves with `value` after `ms`, tracked as `label`. */
export function resolvesAfter<T>(tracker: InFlightTracker, label: string, ms: number, value: T) {
  return () => tracker.track(label, () => sleep(ms).then(() => value));
}

/** A task that rejects with `error` after `ms`, tracked as `label`. */
export function rejectsAfter(tracker: InFlightTracker, label: string, ms: number, error: Error) {
  return () =>
    tracker.track(label, async (): Promise<never> => {
      await sleep(ms);
      throw error;
    });
}

/** Settles `promise` into a value or a caught error, with the time it took from `since`. */
export async function outcome<T>(
  promise: Promise<T>,
  tracker: InFlightTracker,
): Promise<{ value?: T; error?: unknown; at: number }> {
  try {
    const value = await promise;
    return { value, at: tracker.now() };
  } catch (error) {
    return { error, at: tracker.now() };
  }
}
