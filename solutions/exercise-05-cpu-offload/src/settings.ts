// Provided by the exercise: leave this file as it is.

import { availableParallelism } from 'node:os';
import { positiveWholeFromEnv } from '@kit/settings';

/** The largest `below` the routes accept: about half a second of work. */
export const MAX_BELOW = 5_000_000;

/** Worker threads in the pool: `PRIMES_THREADS`, or one per core. */
export function poolSize(): number {
  return positiveWholeFromEnv('PRIMES_THREADS', availableParallelism());
}

/** Counts that may wait for a free thread before a request is turned away: `PRIMES_QUEUE`, or twice the pool. */
export function queueSize(): number {
  return positiveWholeFromEnv('PRIMES_QUEUE', 2 * poolSize());
}
