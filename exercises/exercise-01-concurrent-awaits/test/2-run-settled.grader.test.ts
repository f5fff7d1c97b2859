import { check, expectAllAtOnce, expectEqual, InFlightTracker } from '@kit/grading';
import { exercise, rejectsAfter, resolvesAfter } from './exercise.ts';

check(
  'runSettled reports every outcome in input order and never rejects',
  { points: 1, hint: 2 },
  async () => {
    const { runSettled } = await exercise();
    const tracker = new InFlightTracker();
    const failure = new Error('b failed');
    const results = await runSettled<string>([
      resolvesAfter(tracker, 'a', 250, 'a'),
      rejectsAfter(tracker, 'b', 150, failure),
      () => {
        throw new Error('c threw before returning a promise');
      },
      resolvesAfter(tracker, 'd', 200, 'd'),
    ]).catch((error: unknown) => ({ rejected: error }));
    expectEqual(
      'results',
      results,
      [
        { status: 'fulfilled', value: 'a' },
        { status: 'rejected', reason: failure },
        { status: 'rejected', reason: new Error('c threw before returning a promise') },
        { status: 'fulfilled', value: 'd' },
      ],
      {
        meaning:
          'Each task gets its own { status, value } or { status, reason } entry, in input order; a task that throws is a rejected entry too.',
        hint: 2,
      },
    );
  },
);

check('runSettled starts every task at once', { points: 2, hint: 2 }, async () => {
  const { runSettled } = await exercise();
  const tracker = new InFlightTracker();
  const tasks = [0, 1, 2].map((i) =>
    i === 1
      ? rejectsAfter(tracker, `task ${i}`, 200, new Error('x'))
      : resolvesAfter(tracker, `task ${i}`, 200, i),
  );
  await runSettled(tasks);
  expectAllAtOnce(tracker, { noun: 'tasks', count: tasks.length, hint: 2 });
});
