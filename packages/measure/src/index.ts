export {
  type EventLoopMonitorOptions,
  type EventLoopReport,
  monitorEventLoop,
} from './event-loop.ts';
export { type StarvationCalls, type StarvationResult, starvationExperiment } from './experiment.ts';
export { InFlightTracker, type Span, type SpanOutcome } from './in-flight.ts';
export {
  all,
  clearRepeating,
  clearTimer,
  countCpuWaits,
  deferred,
  epochNow,
  kitFetch,
  kitHttpRequest,
  mainThreadWaitingMs,
  nextTurn,
  now,
  type Outcome,
  race,
  retainedBytes,
  runningWorkerThreads,
  setNextTurn,
  setRepeating,
  setTimer,
  wallClock,
  within,
} from './intrinsics.ts';
export { probe } from './probe.ts';
export { countProduction, type ProductionStats } from './production.ts';
export { type Heard, listenToReports } from './reports.ts';
export { sleep } from './sleep.ts';
export {
  type Arrival,
  parseSseEvent,
  type RecordStreamOptions,
  recordStream,
  type ServerSentEvent,
  type StalledReading,
  type StreamRecording,
  stallThenLeave,
  stallThenReadAll,
} from './streams.ts';
export { describeSchedule, formatMs, renderTimeline, type TimelineOptions } from './timeline.ts';
