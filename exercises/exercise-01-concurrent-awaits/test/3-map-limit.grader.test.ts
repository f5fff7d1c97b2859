import {
  check,
  describeSchedule,
  expectEqual,
  expectFigure,
  expectThat,
  formatMs,
  InFlightTracker,
  sleep,
} from '@kit/grading';
import { exercise, outcome } from './exercise.ts';

check('mapLimit resolves with every result in input order', { points: 1, hint: 3 }, async () => {
  const { mapLimit } = await exercise();
  const results = await mapLimit([300, 100, 200, 50], 2, async (ms, index) => {
    await sleep(ms);
    return `${index}:${ms}`;
  });
  expectEqual('results', results, ['0:300', '1:100', '2:200', '3:50'], {
    meaning: 'Results must follow the order of the items, whatever order the calls finish in.',
    hint: 3,
  });
});

check('mapLimit keeps exactly `limit` calls in flight', { points: 3, hint: 3 }, async () => {
  const { mapLimit } = await exercise();
  const tracker = new InFlightTracker();
  await mapLimit([0, 1, 2, 3, 4, 5], 3, (item) => tracker.track(`item ${item}`, () => sleep(150)));
  expectFigure({
    label: 'peak calls in flight with limit 3',
    measured: tracker.peak,
    equals: 3,
    meaning:
      tracker.peak < 3
        ? `The limit is a maximum to use, not to stay under: ${describeSchedule(tracker.spans)}.`
        : 'More calls ran at once than the limit allows: each call must wait for a free slot.',
    hint: 3,
    timeline: tracker,
  });
  const few = new InFlightTracker();
  await mapLimit([0, 1], 5, (item) => few.track(`item ${item}`, () => sleep(150)));
  expectFigure({
    label: 'peak calls in flight for 2 items with limit 5',
    measured: few.peak,
    equals: 2,
    meaning: 'With fewer items than the limit, every item starts at once.',
    hint: 3,
    timeline: few,
  });
});

check(
  'mapLimit starts the next item as soon as a slot frees (a sliding window, not batches)',
  { points: 3, hint: 4 },
  async () => {
    const { mapLimit } = await exercise();
    const tracker = new InFlightTracker();
    const durations = [600, 150, 150, 150, 150];
    // With 2 slots, the 600 ms item holds one slot while the others pass through the second.
    const slidingStarts = [0, 0, 150, 300, 450];
    await mapLimit(durations, 2, (ms, index) =>
      tracker.track(`item ${index} (${ms} ms)`, () => sleep(ms)),
    );
    const lateness = Math.max(
      ...tracker.spans.map((span, i) => span.start - (slidingStarts[i] ?? 0)),
    );
    expectFigure({
      label: 'latest start behind the sliding-window schedule',
      measured: lateness,
      unit: 'ms',
      atMost: 120,
      meaning: `Items should start at ${slidingStarts.join(', ')} ms, but ${describeSchedule(tracker.spans)}. Waiting for a whole batch to finish before starting the next leaves a slot idle.`,
      hint: 4,
      timeline: tracker,
    });
  },
);

check(
  'mapLimit rejects at the first failure and starts no further item',
  { points: 2, hint: 4 },
  async () => {
    const { mapLimit } = await exercise();
    const tracker = new InFlightTracker();
    const failure = new Error('item 1 failed');
    const result = await outcome(
      mapLimit([0, 1, 2, 3, 4, 5], 2, (item) =>
        tracker.track(`item ${item}`, async () => {
          await sleep(item === 1 ? 100 : 300);
          if (item === 1) throw failure;
          return item;
        }),
      ),
      tracker,
    );
    // Give a faulty implementation time to start more items before counting.
    await sleep(400);
    expectThat(result.error === failure, {
      measured:
        result.error === undefined
          ? 'mapLimit resolved'
          : `mapLimit rejected with ${String(result.error)}`,
      expected: 'mapLimit rejects with the error item 1 rejected with',
      meaning: 'The first rejection must reach the caller unchanged.',
      hint: 4,
    });
    expectFigure({
      label: 'rejected at',
      measured: result.at,
      unit: 'ms',
      atMost: 250,
      meaning:
        'Item 1 fails at 100 ms; mapLimit should reject then, not after the calls before it finish.',
      hint: 4,
      timeline: tracker,
    });
    expectFigure({
      label: 'items started',
      measured: tracker.spans.length,
      equals: 2,
      meaning: `After a failure no further item may start, but items started at ${tracker.startTimes().map(formatMs).join(', ')} ms.`,
      hint: 4,
      timeline: tracker,
    });
  },
);

check(
  'mapLimit rejects a limit that is not a positive integer with a RangeError',
  { points: 1, hint: 3 },
  async () => {
    const { mapLimit } = await exercise();
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      const calls: number[] = [];
      const result = await mapLimit([1, 2], limit, async (item) => {
        calls.push(item);
        return item;
      }).then(
        () => 'resolved',
        (error: unknown) =>
          error instanceof RangeError ? 'RangeError' : `rejected with ${String(error)}`,
      );
      expectEqual(`mapLimit(items, ${limit}, fn)`, result, 'RangeError', {
        meaning:
          'A limit of zero, a negative or a fractional one cannot be honoured: say so with a RangeError, before calling fn.',
        hint: 3,
      });
      expectEqual(`calls of fn with limit ${limit}`, calls.length, 0, {
        meaning: 'Check the limit before doing any work.',
        hint: 3,
      });
    }
    // The class has members on both sides of its edge: a limit of 1, and one above the items' count, are positive integers.
    for (const limit of [1, 5]) {
      const result = await mapLimit([1, 2], limit, async (item) => item * 10).then(
        (values) => JSON.stringify(values),
        (error: unknown) => `rejected with ${error instanceof Error ? error.name : String(error)}`,
      );
      expectEqual(`mapLimit([1, 2], ${limit}, fn)`, result, '[10,20]', {
        meaning: `${limit} is a positive integer: a limit to honour (${limit === 1 ? 'one call at a time' : 'more than the items: every item at once'}), not one to refuse. Check the comparison that refuses the limit.`,
        hint: 3,
      });
    }
  },
);
