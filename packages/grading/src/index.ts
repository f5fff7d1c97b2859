export { type CheckOptions, check, DEFAULT_CHECK_TIMEOUT_MS, learnerModule } from './check.ts';
export {
  type AllAtOnceExpectation,
  CONCURRENT_SHARE_OF_SEQUENTIAL,
  expectAllAtOnce,
} from './concurrency.ts';
export {
  expectEqual,
  expectFigure,
  expectThat,
  type FailureDetails,
  type Figure,
  type FigureExpectation,
  formatFailure,
  GradingFailure,
  show,
} from './failure.ts';
export { InFlightTracker, type Span, type SpanOutcome } from './in-flight.ts';
export { sleep } from './sleep.ts';
export { describeSchedule, formatMs, renderTimeline, type TimelineOptions } from './timeline.ts';
export { createUpstreamServer, isLoopback } from './upstream.ts';
