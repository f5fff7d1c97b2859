import { expect, test } from 'vitest';
import { renderReport } from '../src/report.ts';
import type { GradeRun } from '../src/results.ts';

const run: GradeRun = {
  exercise: 'exercise-01-concurrent-awaits',
  source: '/kit/exercises/exercise-01-concurrent-awaits/src',
  checks: [
    {
      name: 'runAll keeps the input order',
      file: 'run-all.grader.test.ts',
      points: 1,
      state: 'passed',
      figures: [{ label: 'total', measured: '205 ms', expected: 'at most 300 ms', ok: true }],
    },
    {
      name: 'runAll starts every task at once',
      file: 'run-all.grader.test.ts',
      points: 2,
      state: 'failed',
      figures: [],
      failure: {
        measured: 'peak tasks in flight: 1',
        expected: 'exactly 3',
        meaning: 'they ran one after another',
        hint: 1,
        timeline: 'task 0  │██  │',
      },
    },
    { name: 'withTimeout aborts', file: 'x', points: 2, state: 'not-run', figures: [] },
  ],
  errors: [],
  interruption: { kind: 'never-yielded', check: 'withTimeout aborts', afterMs: 15_000 },
  durationMs: 1500,
};

test('the report lists every check with its points, figures and explanations', () => {
  const report = renderReport(run, { hintCommand: (n) => `pnpm hint 01 ${n}` });
  expect(report).toContain('✓ runAll keeps the input order');
  expect(report).toContain('total: 205 ms  (expected at most 300 ms)');
  expect(report).toMatch(/✗ runAll starts every task at once\s+0\/2/);
  expect(report).toContain('measured  peak tasks in flight: 1');
  expect(report).toContain('hint      pnpm hint 01 1');
  expect(report).toContain('task 0  │██  │');
  expect(report).toContain('○ withTimeout aborts');
});

test('a run the watchdog ended names the exercise and says the event loop was blocked', () => {
  const report = renderReport(run);
  expect(report).toContain(
    'exercise-01-concurrent-awaits: your code never yielded while "withTimeout aborts" ran',
  );
  expect(report).toContain('event loop was blocked');
});

test('the report ends with the score and the plain summary line', () => {
  const lines = renderReport(run).split('\n');
  expect(lines.at(-1)).toBe('1 passed, 2 failed');
  expect(lines.at(-2)).toMatch(/^Score 1\/5/);
});

test('without colour the report holds no escape codes; with colour it does', () => {
  expect(renderReport(run)).not.toContain('\u001b[');
  expect(renderReport(run, { color: true })).toContain('\u001b[');
});

test('checks that failed for one cause say it once: the first in full with the others it fails, each of them its own figure and a pointer', () => {
  const failure = (measured: string) => ({
    measured,
    expected: '202 Accepted at once',
    meaning: 'the upload was processed before the answer',
    hint: 1,
  });
  const check = (name: string, measured: string): GradeRun['checks'][number] => ({
    name,
    file: 'f',
    points: 2,
    state: 'failed',
    figures: [],
    failure: failure(measured),
  });
  const report = renderReport({
    ...run,
    checks: [
      check('the first', 'upload 1: 200'),
      check('the second', 'the upload of 100 rows: 200'),
      check('the third', 'upload 1: 200'),
      { ...check('its own', 'upload 1: 500'), failure: { ...failure('upload 1: 500'), hint: 2 } },
    ],
    errors: ['An error escaped every check: boom', 'An error escaped every check: boom'],
    interruption: undefined,
  });
  expect(report.split('the upload was processed before the answer')).toHaveLength(3);
  expect(report).toContain('the same cause fails 2 more checks below (4 points): fix it first');
  expect(report.match(/the same cause as "the first" above/g)).toHaveLength(2);
  expect(report).toContain('measured  the upload of 100 rows: 200');
  expect(report.match(/hint 1/g)).toHaveLength(1);
  expect(report).toContain('hint 2');
  expect(report.match(/An error escaped every check: boom/g)).toHaveLength(1);
  expect(report).toContain('(2 times)');
});
