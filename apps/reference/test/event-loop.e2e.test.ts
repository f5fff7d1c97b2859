import { InFlightTracker, monitorEventLoop } from '@kit/grading';
import { beforeAll, expect, test } from 'vitest';
import { startApp } from './app.ts';

let baseUrl: string;

beforeAll(async () => {
  ({ baseUrl } = await startApp());
  await fetch(`${baseUrl}/offloaded?ms=1`); // starts the first worker thread
});

/** Two slow requests and four tiny ones at once, watched by a heartbeat: the tutorials' experiment. */
async function experiment(slowPath: string) {
  const tracker = new InFlightTracker();
  const loop = monitorEventLoop({ clock: () => tracker.now() });
  const slow = [1, 2].map((i) =>
    tracker.track(`${slowPath} #${i}`, () => fetch(`${baseUrl}${slowPath}`)),
  );
  const fast = [1, 2, 3, 4].map((i) =>
    tracker.track(`/ #${i}`, async () => {
      await fetch(`${baseUrl}/`);
      return tracker.now();
    }),
  );
  const [fastDoneAt] = await Promise.all([Promise.all(fast), Promise.all(slow)]);
  return { fastDoneAt, report: loop.stop() };
}

test('/blocking starves every other request and stops the heartbeat (the anti-pattern)', async () => {
  const { fastDoneAt, report } = await experiment('/blocking?ms=300');
  expect(report.longestGapMs).toBeGreaterThanOrEqual(250);
  expect(Math.min(...fastDoneAt)).toBeGreaterThanOrEqual(250);
});

test('/offloaded does the same work on worker threads and leaves the event loop free', async () => {
  const { fastDoneAt, report } = await experiment('/offloaded?ms=300');
  expect(report.longestGapMs).toBeLessThan(100);
  expect(Math.max(...fastDoneAt)).toBeLessThan(150);
});

test('/async waits without blocking', async () => {
  const { fastDoneAt, report } = await experiment('/async?ms=300');
  expect(report.longestGapMs).toBeLessThan(100);
  expect(Math.max(...fastDoneAt)).toBeLessThan(150);
});
