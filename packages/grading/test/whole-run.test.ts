import { expect, test } from 'vitest';
import type { GradeRun } from '../src/results.ts';
import { WHOLE_RUN_CHECK, wholeRunCheck } from '../src/whole-run.ts';

const run = (errors: string[], extra: Partial<GradeRun> = {}): GradeRun => ({
  exercise: 'exercise-09-message-consumer',
  source: 'src',
  checks: [{ name: 'a check', file: 'f', points: 2, state: 'passed', figures: [] }],
  errors,
  durationMs: 0,
  ...extra,
});

test('a run with nothing outside its checks passes the whole-run check', () => {
  expect(wholeRunCheck(run([]))).toMatchObject({
    name: WHOLE_RUN_CHECK,
    points: 1,
    state: 'passed',
  });
});

test('an error that escaped every check, or a close that never returned, costs its point', () => {
  const escaped = wholeRunCheck(
    run([
      'An error escaped every check (often a promise rejected with nobody awaiting it): Error: boom',
      'test/5-shutdown.grader.test.ts could not run to its end: a set-up or a close the grader waits for … did not return within 10 s.',
    ]),
  );
  expect(escaped.state).toBe('failed');
  expect(escaped.failure?.measured).toMatch(/^2 findings outside every check: An error escaped/);
});

test('what the report charges elsewhere is not charged twice', () => {
  // A grade made void after it was taken costs the point too: its points never read as full.
  expect(wholeRunCheck(run(['This grade is void: …'])).state).toBe('failed');
  expect(
    wholeRunCheck(run(['Not graded, because the run was stopped: a.grader.test.ts.'])).state,
  ).toBe('passed');
  const stopped = run([], { interruption: { kind: 'stalled', afterMs: 45_000 } });
  expect(wholeRunCheck(stopped).state).toBe('not-run');
});

test('code that passes no other check cannot earn it', () => {
  const nothingWorked = run([], {
    checks: [{ name: 'a check', file: 'f', points: 2, state: 'failed', figures: [] }],
  });
  expect(wholeRunCheck(nothingWorked)).toMatchObject({
    state: 'failed',
    failure: { measured: 'no other check passed' },
  });
});
