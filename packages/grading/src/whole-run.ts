import type { CheckResult, GradeRun } from './results.ts';

/**
 * The check every exercise's README lists last: whatever the grader finds
 * outside the other checks (an error that escaped them all, a close that never
 * returned, a grader file that could not run) costs its point, so that the
 * points, the exit code and every output agree.
 */
export const WHOLE_RUN_CHECK = 'nothing escapes your code, and every close returns';
export const WHOLE_RUN_POINTS = 1;

/** Said elsewhere in the report, and charged to the checks the stop left not graded. */
const SAID_ELSEWHERE = /^Not graded, because the run was stopped/;

/**
 * The whole-run check of a finished run: passed when no error escaped any
 * check, every grader file ran to its end, the watchdog did not stop it, and
 * some other check passed (code that never loads cannot earn it).
 *
 * @example
 * run.checks.push(wholeRunCheck(run));
 */
export function wholeRunCheck(run: GradeRun): CheckResult {
  const check: CheckResult = {
    name: WHOLE_RUN_CHECK,
    file: '',
    points: WHOLE_RUN_POINTS,
    state: 'passed',
    figures: [],
  };
  if (run.interruption) return { ...check, state: 'not-run' };
  const escaped = run.errors.filter((error) => !SAID_ELSEWHERE.test(error));
  const othersPassed = run.checks.some((other) => other.state === 'passed');
  if (escaped.length === 0 && othersPassed) return check;
  if (escaped.length === 0) {
    // Code that never loaded, or never worked, ran no risk of leaving anything behind.
    return {
      ...check,
      state: 'failed',
      failure: {
        measured: 'no other check passed',
        expected: 'a run in which some of your code works, and nothing escapes it',
        meaning:
          'This point goes with a clean run of code that runs. Make the other checks pass first: the first failure above is the place to start.',
      },
    };
  }
  return {
    ...check,
    state: 'failed',
    failure: {
      measured: `${escaped.length === 1 ? 'one finding' : `${escaped.length} findings`} outside every check: ${escaped[0]}`,
      expected:
        'no error escapes the checks, and every close the grader calls (your app, a pool, a consumer) returns',
      meaning:
        'Something your code started went wrong after the check that started it was over: a promise rejected with nobody awaiting it, a callback that threw, or a close (onModuleDestroy, a pool, a server) that never returned, so the grader could not end its run cleanly. The findings are listed below the checks.',
    },
  };
}
