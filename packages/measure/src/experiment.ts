import { type EventLoopReport, monitorEventLoop } from './event-loop.ts';
import { InFlightTracker } from './in-flight.ts';
import { all, wait } from './intrinsics.ts';

export interface StarvationCalls<T> {
  /** What the calls are, e.g. `GET /report`; each span is labelled `<label> #<n>`. */
  readonly label: string;
  /** How many go out. */
  readonly count: number;
  /** One call; `index` counts from 1. */
  readonly call: (index: number) => Promise<T>;
}

export interface StarvationResult<T> {
  /** Every call as a span, slow ones first, on the clock the times below use. */
  readonly tracker: InFlightTracker;
  /** The heartbeat of this process's event loop during the experiment. */
  readonly loop: EventLoopReport;
  /** What each slow call resolved to, in order. */
  readonly slow: T[];
  /** When each fast call of the first wave completed, in ms from the start of the experiment. */
  readonly fastDoneAt: number[];
  /**
   * Every fast call, the first wave's and the later ones': from when it was
   * due (not when it could start: a blocked event loop delays that too) to
   * when it completed, in ms.
   */
  readonly fastLatencyMs: number[];
  /**
   * The same latencies less the time the main thread waited meanwhile for a
   * CPU the machine gave to others (see `EventLoopReport.longestHeldMs`).
   */
  readonly fastHeldLatencyMs: number[];
}

/**
 * The tutorials' experiment: slow calls go out, then at once the fast ones,
 * all timed from the start of the experiment (not from their own start, which
 * a blocked event loop would delay too) while a heartbeat watches this
 * process's event loop. With `fastEveryMs`, one more fast call is due every
 * `fastEveryMs` until the slow calls have settled, so a loop blocked late in
 * a slow call (a parse after an asynchronous read) delays one too.
 *
 * @example
 * const { fastDoneAt, loop } = await starvationExperiment({
 *   slow: { label: 'GET /report', count: 2, call: () => fetch(`${baseUrl}/report`) },
 *   fast: { label: 'GET /add', count: 4, call: () => fetch(`${baseUrl}/add?a=3&b=4`) },
 * });
 */
export async function starvationExperiment<T>(options: {
  readonly slow: StarvationCalls<T>;
  readonly fast: StarvationCalls<unknown>;
  readonly fastEveryMs?: number;
}): Promise<StarvationResult<T>> {
  const tracker = new InFlightTracker();
  const watch = monitorEventLoop({ clock: () => tracker.now() });
  const calls = <R>(
    { label, count, call }: StarvationCalls<R>,
    after: (value: R) => unknown = (v) => v,
  ) =>
    Array.from({ length: count }, (_, i) =>
      tracker.track(`${label} #${i + 1}`, () => call(i + 1).then(after)),
    );
  const slow = calls(options.slow);
  const fast = calls(options.fast, () => tracker.now());
  let slowSettled = false;
  const slowDone = all(slow).finally(() => {
    slowSettled = true;
  });
  const later: Array<Promise<number>> = [];
  const { fastEveryMs } = options;
  if (fastEveryMs) {
    const { label, call } = options.fast;
    for (let n = 1; ; n += 1) {
      const dueAt = n * fastEveryMs;
      await wait(Math.max(0, dueAt - tracker.now()));
      if (slowSettled) break;
      const index = options.fast.count + n;
      later.push(tracker.track(`${label} #${index}`, () => call(index)).then(() => tracker.now()));
    }
  }
  const [slowResults, fastDoneAt, laterDoneAt] = await all([slowDone, all(fast), all(later)]);
  const loop = watch.stop();
  const timed = [
    ...(fastDoneAt as number[]).map((doneAt) => ({ dueAt: 0, doneAt })),
    ...(laterDoneAt as number[]).map((doneAt, n) => ({
      dueAt: (n + 1) * (fastEveryMs ?? 0),
      doneAt,
    })),
  ];
  return {
    tracker,
    loop,
    slow: slowResults as T[],
    fastDoneAt: fastDoneAt as number[],
    fastLatencyMs: timed.map(({ dueAt, doneAt }) => doneAt - dueAt),
    fastHeldLatencyMs: timed.map(({ dueAt, doneAt }) =>
      Math.max(0, doneAt - dueAt - loop.machineWaitBetween(dueAt, doneAt)),
    ),
  };
}
