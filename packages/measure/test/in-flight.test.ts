import { expect, test } from 'vitest';
import { InFlightTracker } from '../src/in-flight.ts';
import { sleep } from '../src/sleep.ts';

function manualClock() {
  let now = 0;
  return { read: () => now, advance: (ms: number) => (now += ms) };
}

test('peak counts calls that overlap, and never exceeds what really ran at once', () => {
  const clock = manualClock();
  const tracker = new InFlightTracker(clock.read);
  const endA = tracker.begin('a');
  const endB = tracker.begin('b');
  endA();
  const endC = tracker.begin('c');
  endB();
  endC();
  expect(tracker.peak).toBe(2);
  expect(tracker.current).toBe(0);
});

test('each span records its start, end and outcome on the tracker clock', async () => {
  const clock = manualClock();
  const tracker = new InFlightTracker(clock.read);
  clock.advance(100);
  await tracker.track('ok', () => {
    clock.advance(50);
    return 'value';
  });
  await expect(
    tracker.track('boom', () => {
      clock.advance(10);
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect(tracker.spans).toEqual([
    { label: 'ok', start: 100, end: 150, outcome: 'fulfilled' },
    { label: 'boom', start: 150, end: 160, outcome: 'rejected' },
  ]);
});

test('an unfinished call stays pending and counts as in flight', () => {
  const tracker = new InFlightTracker();
  tracker.begin('slow');
  expect(tracker.current).toBe(1);
  expect(tracker.span('slow')?.outcome).toBe('pending');
  expect(tracker.span('slow')?.end).toBeUndefined();
});

test('ending a call twice counts it once', () => {
  const tracker = new InFlightTracker();
  const end = tracker.begin('a');
  end();
  end('rejected');
  expect(tracker.current).toBe(0);
  expect(tracker.span('a')?.outcome).toBe('fulfilled');
});

test('real concurrent sleeps reach a peak equal to their number', async () => {
  const tracker = new InFlightTracker();
  await Promise.all([0, 1, 2].map((i) => tracker.track(`t${i}`, () => sleep(30))));
  expect(tracker.peak).toBe(3);
  await [0, 1].reduce(
    (chain, i) => chain.then(() => tracker.track(`s${i}`, () => sleep(5))),
    Promise.resolve(),
  );
  expect(tracker.current).toBe(0);
});
