// Provided by the exercise: leave this file as it is.
import { availableParallelism } from 'node:os';

/** The largest `below` the routes accept: about half a second of work. */
export const MAX_BELOW = 5_000_000;

function positiveWhole(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive whole number, got "${raw}".`);
  }
  return value;
}

/** Worker threads in the pool: `PRIMES_THREADS`, or one per core. */
export function poolSize(): number {
  return positiveWhole('PRIMES_THREADS', availableParallelism());
}

/** Counts that may wait for a free thread before a request is turned away: `PRIMES_QUEUE`, or twice the pool. */
export function queueSize(): number {
  return positiveWhole('PRIMES_QUEUE', 2 * poolSize());
}
