import { expect, test } from 'vitest';
import { monitorEventLoop } from '../src/event-loop.ts';
import { sleep } from '../src/sleep.ts';

function blockFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Busy: the heartbeat cannot run.
  }
}

test('a free event loop keeps its heartbeat regular', async () => {
  const loop = monitorEventLoop();
  await sleep(200);
  const report = loop.stop();
  expect(report.longestGapMs).toBeLessThan(50);
  expect(report.blocked).toEqual([]);
  expect(report.utilization).toBeLessThan(0.5);
});

test('a blocked event loop shows as a long gap, a blocked span and high utilisation', async () => {
  const loop = monitorEventLoop();
  await sleep(30);
  blockFor(250);
  await sleep(30);
  const report = loop.stop();
  expect(report.longestGapMs).toBeGreaterThanOrEqual(240);
  expect(report.blocked).toHaveLength(1);
  expect(report.blocked[0]?.label).toBe('event loop blocked');
  expect(report.utilization).toBeGreaterThan(0.6);
});
