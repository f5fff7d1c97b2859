// The measuring half of the toolkit lives in @kit/measure (no test framework): graders get it from here too.
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
export { afterFile, scratchFolder } from './scratch.ts';
export { createUpstreamServer, isLoopback, useUpstreamServer } from './upstream.ts';
export { conveys, type Fact } from './wording.ts';
