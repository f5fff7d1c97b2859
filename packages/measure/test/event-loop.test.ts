import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { expect, test } from 'vitest';
import { monitorEventLoop } from '../src/event-loop.ts';
import { mainThreadWaitingMs } from '../src/intrinsics.ts';
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

test('a loop held by a sleeping call (Atomics.wait) counts as held: the thread waits for no CPU', async () => {
  const loop = monitorEventLoop();
  await sleep(30);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  await sleep(30);
  const report = loop.stop();
  expect(report.longestHeldMs).toBeGreaterThanOrEqual(240);
  expect(report.blocked.map((span) => span.label)).toEqual(['event loop blocked']);
});

const linux = mainThreadWaitingMs() !== undefined;

test.skipIf(!linux)(
  "the main thread's waits for a CPU are counted while other processes take every core (Linux)",
  async () => {
    const hogs = Array.from({ length: availableParallelism() * 2 }, () =>
      // Each ends by itself after 3 s, so none outlives a run stopped from outside.
      spawn(
        process.execPath,
        ['-e', 'const end = Date.now() + 3000; while (Date.now() < end) {}'],
        {
          stdio: 'ignore',
        },
      ),
    );
    try {
      await sleep(100);
      const before = mainThreadWaitingMs() ?? 0;
      blockFor(300);
      // Twice as many busy processes as cores: the main thread runs about a third of the time.
      expect((mainThreadWaitingMs() ?? 0) - before).toBeGreaterThan(50);
    } finally {
      for (const hog of hogs) hog.kill('SIGKILL');
    }
  },
);
