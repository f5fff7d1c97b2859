// Provided by the exercise: leave this file as it is. A stand-in for a
// database connection pool: connecting takes 400 ms, a query takes what it
// is told, and a pool closed while a query runs fails that query.
import { setTimeout as wait } from 'node:timers/promises';
import { report } from './report.ts';

export const CONNECT_MS = 400;

export class Database {
  private closed = false;
  private readonly running = new Set<AbortController>();

  private constructor() {}

  /** Opens the pool: about 400 ms. */
  static async connect(): Promise<Database> {
    report('database', 'starting');
    await wait(CONNECT_MS);
    report('database', 'ready');
    return new Database();
  }

  /** Runs a query that takes `ms`; fails if the pool is closed before or while it runs. */
  async query(name: string, ms: number): Promise<{ query: string; ms: number }> {
    if (this.closed) throw new Error(`the database pool is closed: query "${name}" was refused`);
    const stop = new AbortController();
    this.running.add(stop);
    try {
      await wait(ms, undefined, { signal: stop.signal });
      return { query: name, ms };
    } catch {
      throw new Error(`the database pool was closed while query "${name}" ran`);
    } finally {
      this.running.delete(stop);
    }
  }

  /** Closes the pool; queries still running fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.running) stop.abort();
    await wait(20);
    report('database', 'closed');
  }
}
