import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Piscina } from 'piscina';

/** How many worker threads the pool may run: the app's `WORKER_THREADS`. */
export const WORKER_THREADS = Symbol('WorkerThreads');

/**
 * A pool of worker threads for blocking and CPU-bound work: the Node twin of
 * FastAPI's thread pool for `def` routes, sized to the machine's cores.
 */
@Injectable()
export class OffloadService implements OnApplicationShutdown {
  private readonly pool: Piscina;

  constructor(@Inject(WORKER_THREADS) workerThreads: number) {
    this.pool = new Piscina({
      filename: new URL('./tasks.mjs', import.meta.url).href,
      minThreads: 1,
      maxThreads: workerThreads,
    });
  }

  get threads(): number {
    return this.pool.options.maxThreads;
  }

  block(ms: number): Promise<{ blockedMs: number }> {
    return this.pool.run({ ms }, { name: 'block' });
  }

  countPrimes(n: number): Promise<{ n: number; primes: number }> {
    return this.pool.run({ n }, { name: 'countPrimes' });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
