import type { InFlightTracker } from '@kit/measure';
import { describeSchedule } from '@kit/measure';
import { expectFigure } from './failure.ts';

export interface AllAtOnceExpectation {
  /** What the calls are, in the plural: "tasks", "requests", "upstream calls". */
  readonly noun: string;
  /** How many calls should have overlapped. */
  readonly count: number;
  /** Each call's latency, when they are all equal: adds a total-time check against the sequential time. */
  readonly eachMs?: number;
  readonly hint?: number;
  /** A sentence on the usual cause, appended to the explanation. */
  readonly usualCause?: string;
}

/** Share of the sequential time that concurrent calls may take: wide, so a loaded machine passes. */
export const CONCURRENT_SHARE_OF_SEQUENTIAL = 0.6;

/**
 * Asserts that `count` tracked calls all ran at once: the peak in flight
 * equals `count` and, given each call's latency, the total time stays well
 * under the sequential time. Failures draw the timeline.
 *
 * @example
 * const tracker = new InFlightTracker();
 * await runAll([0, 1, 2, 3].map((i) => () => tracker.track(`task ${i}`, () => sleep(200))));
 * expectAllAtOnce(tracker, { noun: 'tasks', count: 4, eachMs: 200, hint: 1 });
 */
export function expectAllAtOnce(tracker: InFlightTracker, expectation: AllAtOnceExpectation): void {
  const { noun, count, eachMs, hint } = expectation;
  const cause = expectation.usualCause ? ` ${expectation.usualCause}` : '';
  expectFigure({
    label: `peak ${noun} in flight`,
    measured: tracker.peak,
    equals: count,
    meaning: `All ${count} ${noun} should run together, but ${describeSchedule(tracker.spans)}.${cause}`,
    ...(hint === undefined ? {} : { hint }),
    timeline: tracker,
  });
  // Calls that overlapped but were never answered (the code returned without waiting,
  // or every call failed at once) prove nothing about running together.
  expectFigure({
    label: `${noun} still unanswered when your code was done`,
    measured: tracker.spans.filter((span) => span.outcome === 'pending').length,
    equals: 0,
    meaning: `All ${count} ${noun} must run together and be answered before your code is done: these were started and left behind.${cause}`,
    ...(hint === undefined ? {} : { hint }),
    timeline: tracker,
  });
  if (eachMs === undefined) return;
  const sequentialMs = count * eachMs;
  expectFigure({
    label: 'total time',
    measured: tracker.now(),
    unit: 'ms',
    atMost: CONCURRENT_SHARE_OF_SEQUENTIAL * sequentialMs,
    meaning: `${count} ${noun} of ${eachMs} ms take about ${eachMs} ms together and ${sequentialMs} ms one after another.${cause}`,
    ...(hint === undefined ? {} : { hint }),
    timeline: tracker,
  });
}
