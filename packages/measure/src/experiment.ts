import { type EventLoopReport, monitorEventLoop } from './event-loop.ts';
import { InFlightTracker } from './in-flight.ts';
import { all, mainThreadWaitingMs, wait } from './intrinsics.ts';

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
   * CPU the machine gave to others (see `EventLoopReport.longestHeldMs`). The
   * waits are read when the call went out and when it completed, never at the
   * heartbeats around them: a blocked loop beats late, and the waits of a
   * stretch that wide are not all this call's (they took a starved /add to
   * 150 ms on a machine four grades shared).
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
  /** The main thread's waits for a CPU so far (0 where the system does not say). */
  const waitedMs = () => mainThreadWaitingMs() ?? 0;
  /** A fast call's times, and the waits so far when it went out and when it completed. */
  interface Timed {
    readonly dueAt: number;
    readonly waitedAtDue: number;
    readonly doneAt: number;
    readonly waitedAtDone: number;
  }
  const timedCall = (label: string, index: number, dueAt: number, waitedAtDue: number) =>
    tracker
      .track(`${label} #${index}`, () => options.fast.call(index))
      .then((): Timed => ({ dueAt, waitedAtDue, doneAt: tracker.now(), waitedAtDone: waitedMs() }));
  const waitedAtStart = waitedMs();
  const slow = Array.from({ length: options.slow.count }, (_, i) =>
    tracker.track(`${options.slow.label} #${i + 1}`, () => options.slow.call(i + 1)),
  );
  const fast = Array.from({ length: options.fast.count }, (_, i) =>
    timedCall(options.fast.label, i + 1, 0, waitedAtStart),
  );
  let slowSettled = false;
  const slowDone = all(slow).finally(() => {
    slowSettled = true;
  });
  const later: Array<Promise<Timed>> = [];
  const { fastEveryMs } = options;
  if (fastEveryMs) {
    for (let n = 1; ; n += 1) {
      const dueAt = n * fastEveryMs;
      await wait(Math.max(0, dueAt - tracker.now()));
      if (slowSettled) break;
      // Read as it goes out: the waits between when it was due and now are not counted, which
      // can only make a figure longer, never take a blocked loop for a busy machine.
      later.push(timedCall(options.fast.label, options.fast.count + n, dueAt, waitedMs()));
    }
  }
  const [slowResults, firstWave, laterWave] = await all([slowDone, all(fast), all(later)]);
  const loop = watch.stop();
  const timed = [...(firstWave as Timed[]), ...(laterWave as Timed[])];
  return {
    tracker,
    loop,
    slow: slowResults as T[],
    fastDoneAt: (firstWave as Timed[]).map(({ doneAt }) => doneAt),
    fastLatencyMs: timed.map(({ dueAt, doneAt }) => doneAt - dueAt),
    fastHeldLatencyMs: timed.map(({ dueAt, doneAt, waitedAtDue, waitedAtDone }) =>
      Math.max(0, doneAt - dueAt - (waitedAtDone - waitedAtDue)),
    ),
  };
}
