export { check, learnerModule, type CheckOptions, DEFAULT_CHECK_TIMEOUT_MS } from './check.ts';
export {
  expectEqual,
  expectFigure,
  expectThat,
  formatFailure,
  show,
  GradingFailure,
  type FailureDetails,
  type FigureExpectation,
  type Figure,
} from './failure.ts';
export { InFlightTracker, type Span, type SpanOutcome } from './in-flight.ts';
export { describeSchedule, formatMs, renderTimeline, type TimelineOptions } from './timeline.ts';
export { createUpstreamServer, isLoopback } from './upstream.ts';
export { sleep } from './sleep.ts';
