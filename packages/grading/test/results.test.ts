import { expect, test } from 'vitest';
import {
  exitCodeOf,
  type GradeRun,
  isPerfect,
  parsePointsTag,
  score,
  timeInChecks,
  withPointsTag,
} from '../src/results.ts';

test('points survive the round trip through a test name', () => {
  expect(withPointsTag('runAll keeps the order', 1)).toBe('runAll keeps the order (1 pt)');
  expect(parsePointsTag(withPointsTag('a (b) c', 12))).toEqual({ name: 'a (b) c', points: 12 });
  expect(parsePointsTag('no tag')).toEqual({ name: 'no tag', points: 0 });
});

const run = (states: Array<'passed' | 'failed' | 'not-run'>): GradeRun => ({
  exercise: 'exercise-00',
  source: '/tmp/src',
  checks: states.map((state, i) => ({
    name: `c${i}`,
    file: 'f',
    points: i + 1,
    state,
    figures: [],
  })),
  errors: [],
  durationMs: 0,
});

test('the score counts points of passed checks; a check not run counts as failed', () => {
  expect(score(run(['passed', 'failed', 'not-run']))).toEqual({
    earned: 1,
    possible: 6,
    passed: 1,
    failed: 2,
    notGraded: 0,
  });
});

test('a run is perfect only when every check passed and nothing else went wrong', () => {
  expect(isPerfect(run(['passed', 'passed']))).toBe(true);
  expect(isPerfect(run(['passed', 'failed']))).toBe(false);
  expect(isPerfect(run([]))).toBe(false);
  expect(isPerfect({ ...run(['passed']), errors: ['boom'] })).toBe(false);
  expect(isPerfect({ ...run(['passed']), interruption: { kind: 'stalled', afterMs: 1 } })).toBe(
    false,
  );
});

test('a run the kit could not grade fails no check and exits "not graded", whatever else failed', () => {
  const kitFailed = {
    ...run(['failed', 'not-run']),
    kitFailure: { node: 'v26.12.1', reason: 'the sandbox refused Net' },
  };
  expect(score(kitFailed)).toEqual({ earned: 0, possible: 3, passed: 0, failed: 0, notGraded: 2 });
  expect(isPerfect(kitFailed)).toBe(false);
  expect(exitCodeOf([run(['passed']), kitFailed])).toBe(3);
  expect(exitCodeOf([run(['passed']), run(['failed'])])).toBe(1);
  expect(exitCodeOf([run(['passed'])])).toBe(0);
});

test('time in checks counts checks side by side once, the gaps between them not at all', () => {
  const timed = (spans: Array<[number, number] | undefined>): GradeRun => ({
    ...run(spans.map(() => 'passed')),
    checks: run(spans.map(() => 'passed')).checks.map((check, i) => {
      const span = spans[i];
      return span ? { ...check, startMs: span[0], durationMs: span[1] - span[0] } : check;
    }),
  });
  expect(
    timeInChecks(
      timed([
        [0, 300],
        [100, 500],
        [900, 1000],
      ]),
    ),
  ).toBe(600);
  expect(
    timeInChecks(
      timed([
        [900, 1000],
        [0, 500],
        [100, 200],
      ]),
    ),
  ).toBe(600);
  expect(timeInChecks(timed([[0, 100], undefined]))).toBe(100);
  expect(timeInChecks(timed([]))).toBe(0);
});
