import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { PoolFullError } from './pool-full.error.ts';
import { poolSize, queueSize } from './settings.ts';

/**
 * Counts primes on a pool of worker threads, one per core: the event loop
 * only hands work out and collects the answers, so /health stays fast while
 * the cores count. The threads are started once and reused; a full queue is
 * refused at once, and a batch is taken whole or refused whole; a request
 * whose client went away is taken out of the queue; closing the app destroys
 * the pool.
 */
@Injectable()
export class PrimesService implements OnModuleDestroy {
  private readonly threads = poolSize();
  private readonly pool: Piscina = new Piscina({
    // A worker thread loads JavaScript, not TypeScript: the work is an .mjs file.
    filename: new URL('./count-primes.mjs', import.meta.url).href,
    minThreads: this.threads,
    maxThreads: this.threads,
    // Threads stay up between bursts: starting one costs tens of milliseconds.
    idleTimeout: 60_000,
    // No `maxQueue`: piscina 5 puts a task given a `signal` on a queue its limit does not
    // count, so it would never refuse one. The bound is the check in `take()` instead.
  });
  /** Counts handed to the pool and not yet settled: running, or waiting for a thread. */
  private taken = 0;

  /** How many primes are below `below`. */
  async count(below: number, signal?: AbortSignal): Promise<{ below: number; count: number }> {
    this.take(1);
    return this.run(below, signal);
  }

  /**
   * One count per item, in order, the items spread over the pool's threads. A
   * batch that would not fit (free threads plus free places in the queue) is
   * refused whole, before any item runs; when one item fails, or the client
   * leaves, the items still waiting are taken out of the queue.
   */
  async countAll(
    belows: number[],
    signal?: AbortSignal,
  ): Promise<Array<{ below: number; count: number }>> {
    this.take(belows.length);
    const batch = new AbortController();
    const either = signal ? AbortSignal.any([signal, batch.signal]) : batch.signal;
    try {
      return await Promise.all(belows.map((below) => this.run(below, either)));
    } catch (error) {
      // Nobody will read the other items' answers: those still waiting never run.
      batch.abort();
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }

  /** Takes `count` places, or throws PoolFullError when running and waiting would pass the bound. */
  private take(count: number): void {
    if (this.taken + count > this.threads + queueSize()) throw new PoolFullError();
    this.taken += count;
  }

  private async run(below: number, signal: AbortSignal | undefined) {
    try {
      return await this.pool.run({ below }, signal ? { signal } : {});
    } finally {
      this.taken -= 1;
    }
  }
}
