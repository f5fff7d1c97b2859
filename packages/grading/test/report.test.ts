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

test('checks that failed for one cause say it once: the first in full, the others point to it', () => {
  const failure = {
    measured: 'upload 1: 200',
    expected: '202 Accepted at once',
    meaning: 'the upload was processed before the answer',
    hint: 1,
  };
  const check = (name: string): GradeRun['checks'][number] => ({
    name,
    file: 'f',
    points: 2,
    state: 'failed',
    figures: [],
    failure,
  });
  const report = renderReport({
    ...run,
    checks: [check('the first'), check('the second'), check('the third')],
    errors: ['An error escaped every check: boom', 'An error escaped every check: boom'],
    interruption: undefined,
  });
  expect(report.split('the upload was processed before the answer')).toHaveLength(2);
  expect(report).toContain('the same cause as "the first" above');
  expect(report.match(/the same cause as/g)).toHaveLength(2);
  expect(report.match(/An error escaped every check: boom/g)).toHaveLength(1);
  expect(report).toContain('(2 times)');
});
