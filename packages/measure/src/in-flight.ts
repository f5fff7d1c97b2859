import { now } from './intrinsics.ts';

/**
 * How a tracked call ended, or `pending` while it is still running;
 * `blocked` marks a stretch where the event loop could not run at all.
 */
export type SpanOutcome = 'fulfilled' | 'rejected' | 'pending' | 'blocked';

/** One tracked call: when it started and ended, in ms since the tracker was created. */
export interface Span {
  readonly label: string;
  readonly start: number;
  end: number | undefined;
  outcome: SpanOutcome;
}

/**
 * Counts calls in flight and records each call's span on a shared clock.
 *
 * Graders prove concurrency with it structurally (peak in-flight calls,
 * start order) rather than with wall-clock totals alone.
 *
 * @example
 * const tracker = new InFlightTracker();
 * const tasks = [200, 200].map((ms, i) => () => tracker.track(`task ${i}`, () => sleep(ms)));
 * await Promise.all(tasks.map((task) => task()));
 * tracker.peak; // 2
 */
export class InFlightTracker {
  readonly spans: Span[] = [];
  #current = 0;
  #peak = 0;
  readonly #origin: number;

  constructor(private readonly clock: () => number = now) {
    this.#origin = clock();
  }

  /** Calls running right now. */
  get current(): number {
    return this.#current;
  }

  /** The most calls that were ever running at the same time. */
  get peak(): number {
    return this.#peak;
  }

  /** Milliseconds since the tracker was created. */
  now(): number {
    return this.clock() - this.#origin;
  }

  /** Marks a call as started; call the returned function when it ends. */
  begin(label: string): (outcome?: 'fulfilled' | 'rejected') => void {
    const span: Span = { label, start: this.now(), end: undefined, outcome: 'pending' };
    this.spans.push(span);
    this.#current += 1;
    this.#peak = Math.max(this.#peak, this.#current);
    let ended = false;
    return (outcome = 'fulfilled') => {
      if (ended) return;
      ended = true;
      span.end = this.now();
      span.outcome = outcome;
      this.#current -= 1;
    };
  }

  /** Runs `work` as one tracked call and passes its result or rejection through. */
  async track<T>(label: string, work: () => Promise<T> | T): Promise<T> {
    const end = this.begin(label);
    try {
      const value = await work();
      end('fulfilled');
      return value;
    } catch (error) {
      end('rejected');
      throw error;
    }
  }

  /** The spans' start times, in the order the calls started. */
  startTimes(): number[] {
    return this.spans.map((span) => span.start);
  }

  /** The span with this label (the first one, when labels repeat). */
  span(label: string): Span | undefined {
    return this.spans.find((span) => span.label === label);
  }
}
