import {
  all,
  check,
  expectFigure,
  expectThat,
  formatMs,
  kitFetch,
  monitorEventLoop,
  sleep,
} from '@kit/grading';
import { LARGE, primesApp, reportsArrive, threadsOf, watchCounts } from './primes-app.ts';

/** Two large counts at once, /health asked for 50 ms in, a heartbeat watching: once per file. */
let scenario: ReturnType<typeof twoLargeCounts> | undefined;
async function twoLargeCounts() {
  const baseUrl = await primesApp();
  await kitFetch(`${baseUrl}/primes?below=10`); // a first count starts the pool before the clock does
  const watch = await watchCounts();
  const loop = monitorEventLoop({ clock: watch.now });
  const counts = all(
    [1, 2].map(() => kitFetch(`${baseUrl}/primes?below=${LARGE}`).then((answer) => answer.json())),
  );
  await sleep(50);
  const health = await kitFetch(`${baseUrl}/health`);
  const healthAt = watch.now();
  await counts;
  await reportsArrive(watch, 2, 2_000);
  const heartbeat = loop.stop();
  watch.stop();
  const spans = [
    ...watch.spans().filter((span) => span.label.startsWith(`${LARGE} `)),
    ...heartbeat.blocked,
  ];
  return {
    healthStatus: health.status,
    healthAt,
    heartbeat,
    reports: watch.reports
      .filter((report) => report.below === LARGE)
      .map((report) => ({ ...report, watchOrigin: watch.origin })),
    spans,
  };
}
const twoLarge = () => {
  scenario ??= twoLargeCounts();
  return scenario;
};

check(
  '/health is answered, and the event loop stays free, while two large counts run',
  { points: 3, hint: 1 },
  async () => {
    const { healthStatus, healthAt, heartbeat, reports, spans } = await twoLarge();
    const firstEnd = Math.min(...reports.map((report) => report.endedAt - report.watchOrigin));
    expectThat(healthStatus === 200 && reports.length === 2 && healthAt < firstEnd, {
      measured:
        reports.length === 2
          ? `GET /health (sent at 50 ms) was answered at ${formatMs(healthAt)} ms, the first count ended at ${formatMs(firstEnd)} ms`
          : `GET /health answered ${healthStatus} at ${formatMs(healthAt)} ms; ${reports.length} of the 2 counts reported`,
      expected: 'GET /health answered while both counts are still running',
      meaning:
        'While the main thread counts, the event loop answers nothing else: not even /health, which then waits for the counting to end. On worker threads the counts hold their threads, not the loop.',
      hint: 1,
      timeline: spans,
    });
    expectFigure({
      label: 'event-loop utilisation while they ran',
      measured: heartbeat.utilization * 100,
      unit: '%',
      atMost: 50,
      meaning:
        'The share of the time the event loop was busy running code rather than waiting: near 1 means the counting ran on it. (Utilisation, unlike a heartbeat, does not count the time the machine gave the other threads.)',
      hint: 1,
      timeline: spans,
    });
  },
);

check(
  'the counting runs on worker threads, never on the main thread',
  { points: 2, hint: 1 },
  async () => {
    const { reports } = await twoLarge();
    expectThat(reports.length === 2 && reports.every((report) => report.threadId !== 0), {
      measured: `the two counts ran on ${threadsOf(reports)}`,
      expected: 'both on worker threads (a threadId other than 0)',
      meaning:
        'An async function still runs on the main thread: `async` only lets it wait without blocking, it does not move CPU work anywhere. Hand the work to a pool of worker threads.',
      hint: 1,
    });
    // Small counts too: "too small to be worth a thread" is a rule the task does not make.
    const baseUrl = await primesApp();
    const watch = await watchCounts();
    const small = [50, 7, 30];
    await kitFetch(`${baseUrl}/primes?below=${small[0]}`).then((answer) => answer.arrayBuffer());
    await kitFetch(`${baseUrl}/primes/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ below: small.slice(1) }),
    }).then((answer) => answer.arrayBuffer());
    await reportsArrive(watch, small.length, 1_000);
    watch.stop();
    const smallReports = watch.reports.filter((report) => small.includes(report.below));
    expectThat(
      smallReports.length === small.length && smallReports.every((report) => report.threadId !== 0),
      {
        measured: `GET /primes?below=50 and a batch [7, 30] ran on ${threadsOf(smallReports)} (${smallReports.length} of ${small.length} counts reported)`,
        expected: 'all three on worker threads, small as they are',
        meaning:
          'An async function still runs on the main thread: `async` only lets it wait without blocking, it does not move CPU work anywhere. Hand the work to a pool of worker threads.',
        hint: 1,
      },
    );
  },
);
