// Provided by the exercise: leave this file as it is.
//
// The CPU-bound work of exercise 05: counting the primes below a number by
// trial division, a few hundred milliseconds for the large inputs. It runs
// wherever it is called, on the main thread or on a worker thread (it is
// plain JavaScript, so a worker can load it). Each call reports, for the
// grader, which thread ran it and when, on a clock shared by all threads.
import { BroadcastChannel, threadId } from 'node:worker_threads';

/** Where each call reports `{ below, threadId, startedAt, endedAt }`. */
export const REPORTS_CHANNEL = 'exercise-05/count-primes';

const reports = new BroadcastChannel(REPORTS_CHANNEL);
reports.unref();

/** Milliseconds since the epoch, with sub-millisecond precision, on every thread. */
const clock = () => performance.timeOrigin + performance.now();

function isPrime(n) {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let divisor = 3; divisor * divisor <= n; divisor += 2) {
    if (n % divisor === 0) return false;
  }
  return true;
}

/**
 * How many primes are below `below`.
 *
 * @param {{ below: number }} task
 * @returns {{ below: number, count: number }}
 */
export function countPrimes({ below }) {
  const startedAt = clock();
  let count = 0;
  for (let n = 2; n < below; n += 1) if (isPrime(n)) count += 1;
  reports.postMessage({ below, threadId, startedAt, endedAt: clock() });
  return { below, count };
}

export default countPrimes;
