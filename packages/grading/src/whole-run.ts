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
 * check, every grader file ran to its end, and the watchdog did not stop it.
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
  if (escaped.length === 0) return check;
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
