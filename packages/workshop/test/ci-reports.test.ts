import type { GradeRun } from '@kit/grading/results';
import { expect, test } from 'vitest';
import { toClassroom, toJson, toJunit, toStepSummary } from '../src/ci-reports.ts';

const run: GradeRun = {
  exercise: 'exercise-01-concurrent-awaits',
  source: 'exercises/exercise-01-concurrent-awaits',
  checks: [
    {
      name: 'runAll keeps order',
      file: 'a',
      points: 1,
      state: 'passed',
      figures: [],
      durationMs: 12,
    },
    {
      name: 'runAll <starts> at once',
      file: 'a',
      points: 3,
      state: 'failed',
      figures: [],
      failure: {
        measured: 'peak tasks in flight: 1',
        expected: 'exactly 4',
        meaning: 'one after another',
      },
    },
  ],
  errors: [],
  durationMs: 1000,
};

test('JSON carries every check and the score', () => {
  const [parsed] = JSON.parse(toJson([run]));
  expect(parsed.score).toEqual({ earned: 1, possible: 4, passed: 1, failed: 1, notGraded: 0 });
  expect(parsed.checks).toHaveLength(2);
});

test('JUnit has one case per check, failures escaped and explained', () => {
  const xml = toJunit([run]);
  expect(xml).toContain('<testsuite name="exercise-01-concurrent-awaits" tests="2" failures="1"');
  expect(xml).toContain('name="runAll &#60;starts&#62; at once"');
  expect(xml).toContain('<failure message="peak tasks in flight: 1">');
});

test('the classroom format gives points per test', () => {
  const classroom = JSON.parse(toClassroom([run]));
  expect(classroom).toMatchObject({ version: 1, status: 'fail', max_score: 4 });
  expect(classroom.tests[1]).toMatchObject({ status: 'fail', score: 0, max_score: 3 });
});

test('the step summary is a Markdown table with the totals', () => {
  const summary = toStepSummary([run]);
  expect(summary).toContain('**exercise-01-concurrent-awaits**: 1/4');
  expect(summary).toContain(
    '| exercise-01-concurrent-awaits | ❌ runAll <starts> at once | 0/3 | peak tasks in flight: 1 |',
  );
});

test('a run the kit could not grade is "not graded" in every format, never a failure of the learner', () => {
  const kitFailed: GradeRun = {
    ...run,
    kitFailure: { node: 'v26.12.1', reason: 'a sandboxed process could not listen on loopback' },
  };
  expect(JSON.parse(toJson([kitFailed]))[0].score).toMatchObject({ failed: 0, notGraded: 2 });
  const xml = toJunit([kitFailed]);
  expect(xml).toContain('failures="0" skipped="2"');
  expect(xml).toContain('<skipped message="not graded: the kit failed on Node v26.12.1');
  expect(xml).not.toContain('<failure');
  const classroom = JSON.parse(toClassroom([kitFailed]));
  expect(classroom.status).toBe('error');
  expect(classroom.tests[0]).toMatchObject({ status: 'error', score: 0 });
  expect(toStepSummary([kitFailed])).toContain(
    '**exercise-01-concurrent-awaits**: not graded (the kit failed on Node v26.12.1)',
  );
});
