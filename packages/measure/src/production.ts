import { now } from './intrinsics.ts';
/** What a consumer did with an instrumented async iterable. */
export interface ProductionStats {
  /** Items the source has yielded so far. */
  produced: number;
  /** When each item was yielded, on the given clock. */
  readonly producedAt: number[];
  /** The consumer closed the iteration (`return()`, `break`, or a destroyed stream) or it ran to its end. */
  closed: boolean;
  /** The iteration was closed before the source ran out. */
  closedEarly: boolean;
}

/**
 * Wraps an async iterable to count what it produces and whether its consumer
 * closed it: the grader's view of "rows produced vs rows sent" and of a
 * server that stops pulling when its client goes away.
 *
 * @example
 * const { iterable, stats } = countProduction(repository.query({ count: 10, delayMs: 100 }));
 * for await (const row of iterable) if (row.id === 3) break;
 * stats; // { produced: 3, closed: true, closedEarly: true, … }
 */
export function countProduction<T>(
  source: AsyncIterable<T>,
  clock: () => number = now,
): { iterable: AsyncGenerator<T, void, undefined>; stats: ProductionStats } {
  const stats: ProductionStats = { produced: 0, producedAt: [], closed: false, closedEarly: false };
  async function* counted(): AsyncGenerator<T, void, undefined> {
    let ranOut = false;
    try {
      for await (const item of source) {
        stats.produced += 1;
        stats.producedAt.push(clock());
        yield item;
      }
      ranOut = true;
    } finally {
      stats.closed = true;
      stats.closedEarly = !ranOut;
    }
  }
  return { iterable: counted(), stats };
}
