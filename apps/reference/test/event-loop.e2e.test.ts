import { starvationExperiment } from '@kit/measure';
import { beforeAll, expect, test } from 'vitest';
import { referenceApp } from './app.ts';

const app = referenceApp();
let baseUrl: string;

beforeAll(async () => {
  ({ baseUrl } = await app());
  await fetch(`${baseUrl}/offloaded?ms=1`); // starts the first worker thread
});

/** Two slow requests and four tiny ones at once, watched by a heartbeat: the tutorials' experiment. */
async function experiment(slowPath: string) {
  const { fastDoneAt, fastHeldLatencyMs, loop } = await starvationExperiment({
    slow: { label: slowPath, count: 2, call: () => fetch(`${baseUrl}${slowPath}`) },
    fast: { label: 'GET /', count: 4, call: () => fetch(`${baseUrl}/`) },
  });
  return { fastDoneAt, fastHeldLatencyMs, report: loop };
}

// A loop left free is judged less the time its thread waited for a CPU (Linux): on a busy
// machine a beat or an answer comes late for that alone. The blocked case is judged raw.

test('/blocking starves every other request and stops the heartbeat (the anti-pattern)', async () => {
  const { fastDoneAt, report } = await experiment('/blocking?ms=300');
  expect(report.longestGapMs).toBeGreaterThanOrEqual(250);
  expect(Math.min(...fastDoneAt)).toBeGreaterThanOrEqual(250);
});

test('/offloaded does the same work on worker threads and leaves the event loop free', async () => {
  const { fastHeldLatencyMs, report } = await experiment('/offloaded?ms=300');
  expect(report.longestHeldMs).toBeLessThan(100);
  expect(Math.max(...fastHeldLatencyMs)).toBeLessThan(150);
});

test('/async waits without blocking', async () => {
  const { fastHeldLatencyMs, report } = await experiment('/async?ms=300');
  expect(report.longestHeldMs).toBeLessThan(100);
  expect(Math.max(...fastHeldLatencyMs)).toBeLessThan(150);
});
