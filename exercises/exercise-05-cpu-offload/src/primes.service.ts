import { Injectable } from '@nestjs/common';
import { countPrimes } from './count-primes.mjs';

// Exercise 05: CPU work off the event loop, on a pool. The lesson is in ../README.md.
//
// This service works: it counts on the main thread, so while it counts, the
// event loop runs nothing else, and every other request (even /health) waits.
// Move the counting to a pool of worker threads. Grade your work with `pnpm test 05`.

@Injectable()
export class PrimesService {
  // TODO (hints 1 and 3): a pool of worker threads, sized by poolSize() from ./settings.ts, with a
  // queue bounded by queueSize(); a full queue throws PoolFullError (./pool-full.error.ts).

  /** How many primes are below `below`. */
  async count(below: number, signal?: AbortSignal): Promise<{ below: number; count: number }> {
    // TODO (hints 1 and 5): run countPrimes on a worker thread of the pool, and pass it `signal`,
    // so that a request whose client went away never starts.
    signal?.throwIfAborted();
    return countPrimes({ below });
  }

  /** One count per item, in order. */
  async countAll(belows: number[], signal?: AbortSignal) {
    // TODO (hints 2 and 4): run the items at the same time, on different threads. A batch whose items would
    // not all fit (free threads plus free places in the queue) throws PoolFullError before
    // any of them runs (hint 4).
    const results: Array<{ below: number; count: number }> = [];
    for (const below of belows) results.push(await this.count(below, signal));
    return results;
  }

  // TODO (hint 6): destroy the pool when the app closes, so that no thread outlives it.
}
