// Provided by the exercise: leave this file as it is. An in-memory cache
// warmed from the database: it needs a connected pool.
import { setTimeout as wait } from 'node:timers/promises';
import type { Database } from './database.ts';
import { report } from './report.ts';

export const WARM_MS = 200;
/** Closing writes its hit counts out: longer than closing the flags and the pool together. */
export const CLOSE_MS = 80;

export class Cache {
  private constructor(private readonly products: ReadonlyMap<string, string>) {}

  /** Loads the products from the database: one query of about 200 ms. */
  static async warm(database: Database): Promise<Cache> {
    report('cache', 'starting');
    await database.query('products', WARM_MS);
    report('cache', 'ready');
    return new Cache(
      new Map([
        ['p1', 'Blue mug'],
        ['p2', 'Red kettle'],
      ]),
    );
  }

  get(id: string): string | undefined {
    return this.products.get(id);
  }

  get size(): number {
    return this.products.size;
  }

  /** Writes its hit counts out, then reports closed: about 80 ms. */
  async close(): Promise<void> {
    await wait(CLOSE_MS);
    report('cache', 'closed');
  }
}
