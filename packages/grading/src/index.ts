export { appUnderTest, type RunningApp, type ServableApp } from './app-under-test.ts';
export { type CheckOptions, check, learnerModule } from './check.ts';
export {
  type AllAtOnceExpectation,
  CONCURRENT_SHARE_OF_SEQUENTIAL,
  expectAllAtOnce,
} from './concurrency.ts';
export {
  type EventLoopMonitorOptions,
  type EventLoopReport,
  monitorEventLoop,
} from './event-loop.ts';
export { type StarvationCalls, type StarvationResult, starvationExperiment } from './experiment.ts';
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
export {
  all,
  clearRepeating,
  clearTimer,
  deferred,
  kitFetch,
  nextTurn,
  now,
  race,
  setNextTurn,
  setRepeating,
  setTimer,
  wallClock,
} from './intrinsics.ts';
export { countProduction, type ProductionStats } from './production.ts';
export { sleep } from './sleep.ts';
export {
  type Arrival,
  parseSseEvent,
  type RecordStreamOptions,
  recordStream,
  type ServerSentEvent,
  type StalledReading,
  type StreamRecording,
  stallThenReadAll,
} from './streams.ts';
export { describeSchedule, formatMs, renderTimeline, type TimelineOptions } from './timeline.ts';
export { createUpstreamServer, isLoopback, useUpstreamServer } from './upstream.ts';
export { conveys, type Fact } from './wording.ts';
