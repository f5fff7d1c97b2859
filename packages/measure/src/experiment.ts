import { type EventLoopReport, monitorEventLoop } from './event-loop.ts';
import { InFlightTracker } from './in-flight.ts';
import { all } from './intrinsics.ts';

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
  /** When each fast call completed, in ms from the start of the experiment. */
  readonly fastDoneAt: number[];
}

/**
 * The tutorials' experiment: slow calls go out, then at once the fast ones,
 * all timed from the start of the experiment (not from their own start, which
 * a blocked event loop would delay too) while a heartbeat watches this
 * process's event loop.
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
  const [slowResults, fastDoneAt] = await all([all(slow), all(fast)]);
  return {
    tracker,
    loop: watch.stop(),
    slow: slowResults as T[],
    fastDoneAt: fastDoneAt as number[],
  };
}
