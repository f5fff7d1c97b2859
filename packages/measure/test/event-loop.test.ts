import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { expect, test } from 'vitest';
import { monitorEventLoop } from '../src/event-loop.ts';
import { countCpuWaits, mainThreadWaitingMs } from '../src/intrinsics.ts';
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
  // Held, not gap: on a busy machine a beat can come late because the thread waited for a CPU.
  expect(report.longestHeldMs).toBeLessThan(50);
  expect(report.blocked.filter((span) => span.label === 'event loop blocked')).toEqual([]);
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
      // Each says when it is spinning, and ends by itself after 3 s, so none outlives a run stopped from outside.
      spawn(
        process.execPath,
        [
          '-e',
          'process.stdout.write("spinning"); const end = Date.now() + 3000; while (Date.now() < end) {}',
        ],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      ),
    );
    try {
      // Counted only once every hog runs: a hog still starting would leave a core free.
      await Promise.all(
        hogs.map((hog) => new Promise((spinning) => hog.stdout.once('data', spinning))),
      );
      const waitedForCpu = countCpuWaits();
      blockFor(300);
      // Twice as many busy processes as cores: the main thread runs about a third of the time.
      expect(waitedForCpu()).toBeGreaterThan(50);
    } finally {
      for (const hog of hogs) hog.kill('SIGKILL');
    }
  },
);
