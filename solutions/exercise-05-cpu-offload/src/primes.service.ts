import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { PoolFullError } from './pool-full.error.ts';
import { poolSize, queueSize } from './settings.ts';

/**
 * Counts primes on a pool of worker threads, one per core: the event loop
 * only hands work out and collects the answers, so /health stays fast while
 * the cores count. The threads are started once and reused; a full queue is
 * refused at once; a request whose client went away is taken out of the
 * queue; closing the app destroys the pool.
 */
@Injectable()
export class PrimesService implements OnModuleDestroy {
  private readonly pool: Piscina = new Piscina({
    // A worker thread loads JavaScript, not TypeScript: the work is an .mjs file.
    filename: new URL('./count-primes.mjs', import.meta.url).href,
    minThreads: poolSize(),
    maxThreads: poolSize(),
    // Threads stay up between bursts: starting one costs tens of milliseconds.
    idleTimeout: 60_000,
    maxQueue: queueSize(),
  });

  /** How many primes are below `below`. */
  async count(below: number, signal?: AbortSignal): Promise<{ below: number; count: number }> {
    if (this.pool.queueSize >= this.pool.options.maxQueue) throw new PoolFullError();
    return this.pool.run({ below }, signal ? { signal } : {});
  }

  /** One count per item, in order, the items spread over the pool's threads. */
  countAll(
    belows: number[],
    signal?: AbortSignal,
  ): Promise<Array<{ below: number; count: number }>> {
    return Promise.all(belows.map((below) => this.count(below, signal)));
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}
