// The measuring half of the toolkit lives in @kit/measure (no test framework): graders get it from here too.
// MSW is not here: it costs every grader file about 250 ms to load, and only graders that
// call an upstream API need it (`@kit/grading/upstream`).
export * from '@kit/measure';
export {
  appUnderTest,
  type ClosableApp,
  type RunningApp,
  type ServableApp,
  startAppUnderTest,
} from './app-under-test.ts';
export { type CheckOptions, check, learnerModule } from './check.ts';
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
  type TimelineData,
} from './failure.ts';
export { type PendingTimer, watchPendingTimers } from './pending-timers.ts';
export { afterFile, scratchFolder } from './scratch.ts';
export { conveys, type Fact } from './wording.ts';
