import {
  check,
  expectAllAtOnce,
  expectEqual,
  expectFigure,
  expectThat,
  InFlightTracker,
} from '@kit/grading';
import { exercise, outcome, rejectsAfter, resolvesAfter } from './exercise.ts';

check('runAll resolves with every result in input order', { points: 1, hint: 1 }, async () => {
  const { runAll } = await exercise();
  const tracker = new InFlightTracker();
  const results = await runAll([
    resolvesAfter(tracker, 'a', 300, 'a'),
    resolvesAfter(tracker, 'b', 150, 'b'),
    resolvesAfter(tracker, 'c', 200, 'c'),
  ]);
  expectEqual('results', results, ['a', 'b', 'c'], {
    meaning: 'Results must be in the order of the tasks, not the order they finished in.',
    hint: 1,
  });
});

check('runAll starts every task at once', { points: 3, hint: 1 }, async () => {
  const { runAll } = await exercise();
  const tracker = new InFlightTracker();
  const tasks = [0, 1, 2, 3].map((i) => resolvesAfter(tracker, `task ${i}`, 200, i));
  await runAll(tasks);
  expectAllAtOnce(tracker, {
    noun: 'tasks',
    count: tasks.length,
    eachMs: 200,
    hint: 1,
    usualCause: 'Awaiting inside a loop waits for each task before starting the next.',
  });
});

check('runAll rejects as soon as the first task rejects', { points: 2, hint: 1 }, async () => {
  const { runAll } = await exercise();
  const tracker = new InFlightTracker();
  const failure = new Error('task 1 failed');
  const result = await outcome(
    runAll([
      resolvesAfter(tracker, 'task 0 (600 ms)', 600, 0),
      rejectsAfter(tracker, 'task 1 (fails at 200 ms)', 200, failure),
    ]),
    tracker,
  );
  expectThat(result.error === failure, {
    measured:
      result.error === undefined
        ? `runAll resolved with ${String(result.value)}`
        : `runAll rejected with ${String(result.error)}`,
    expected: 'runAll rejects with the error task 1 rejected with',
    meaning: 'The first rejection must reach the caller unchanged.',
    hint: 1,
  });
  expectFigure({
    label: 'rejected at',
    measured: result.at,
    unit: 'ms',
    atMost: 450,
    meaning:
      'The failing task rejects at 200 ms; runAll should reject then, not after waiting for task 0 (600 ms) or for the tasks before it.',
    hint: 1,
    timeline: tracker,
    timelineOptions: { marks: [{ at: result.at, label: 'runAll rejected' }] },
  });
});
