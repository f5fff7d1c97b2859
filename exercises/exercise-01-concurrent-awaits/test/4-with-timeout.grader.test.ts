import {
  check,
  expectEqual,
  expectFigure,
  expectThat,
  InFlightTracker,
  show,
  sleep,
} from '@kit/grading';
import { exercise, outcome } from './exercise.ts';

/** A task that ignores nothing: it ends at `ms`, or rejects when its signal aborts. */
function abortableTask(tracker: InFlightTracker, ms: number) {
  let seenSignal: AbortSignal | undefined;
  const task = (signal: AbortSignal) => {
    seenSignal = signal;
    return tracker.track(`task (${ms} ms)`, () => sleep(ms, signal).then(() => 'done'));
  };
  return { task, signal: () => seenSignal };
}

function pendingTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

check(
  'withTimeout resolves with the value of a task that finishes in time',
  { points: 1, hint: 5 },
  async () => {
    const { withTimeout } = await exercise();
    const tracker = new InFlightTracker();
    const { task } = abortableTask(tracker, 100);
    expectEqual('withTimeout(task, 1000)', await withTimeout(task, 1000), 'done', {
      meaning: 'A task that settles before the timeout passes its value through.',
      hint: 5,
    });
  },
);

check(
  'withTimeout rejects with a TimeoutError when the task overruns',
  { points: 2, hint: 5 },
  async () => {
    const { withTimeout } = await exercise();
    const tracker = new InFlightTracker();
    // The task would end at 1500 ms; the timeout is 200 ms.
    const result = await outcome(
      withTimeout(() => sleep(1500).then(() => 'too late'), 200),
      tracker,
    );
    expectThat(result.error instanceof Error && result.error.name === 'TimeoutError', {
      measured:
        'error' in result && result.error !== undefined
          ? `rejected with ${show(result.error)}`
          : `resolved with ${show(result.value)}`,
      expected: "a rejection with an Error whose name is 'TimeoutError'",
      meaning:
        'withTimeout must not wait for a task that overruns: after `ms` it rejects on its own.',
      hint: 5,
    });
    expectFigure({
      label: 'rejected at',
      measured: result.at,
      unit: 'ms',
      atMost: 500,
      meaning:
        'The timeout is 200 ms: the rejection should come then, not when the task ends at 1500 ms.',
      hint: 5,
    });
  },
);

check('withTimeout aborts the signal it gave the task', { points: 2, hint: 5 }, async () => {
  const { withTimeout } = await exercise();
  const tracker = new InFlightTracker();
  const { task, signal } = abortableTask(tracker, 1500);
  await outcome(withTimeout(task, 200), tracker);
  expectThat(signal()?.aborted === true, {
    measured:
      signal() === undefined ? 'the task was never given a signal' : 'the signal was never aborted',
    expected: 'the signal is aborted when the time is up',
    meaning:
      'Aborting tells the task to stop its work (a fetch, a timer) instead of running on unseen.',
    hint: 5,
  });
  await sleep(50);
  expectFigure({
    label: 'task still running after the timeout',
    measured: tracker.current,
    equals: 0,
    meaning: 'The task listens to its signal: once aborted it stops at once.',
    hint: 5,
    timeline: tracker,
  });
});

check(
  'withTimeout leaves no timer behind when the task settles first',
  { points: 2, hint: 5 },
  async () => {
    const { withTimeout } = await exercise();
    const before = pendingTimers();
    await withTimeout(async () => 'quick', 5_000);
    await withTimeout(async () => {
      throw new Error('quick failure');
    }, 5_000).catch(() => undefined);
    expectFigure({
      label: 'timers left pending',
      measured: pendingTimers() - before,
      equals: 0,
      meaning:
        'A timer that is not cleared keeps the process alive (and fires later) after the task has settled: clear it in both cases.',
      hint: 5,
    });
  },
);
