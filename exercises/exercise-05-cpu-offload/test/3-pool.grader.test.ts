import { check, expectFigure, expectThat, kitFetch } from '@kit/grading';
import {
  POOL,
  peakOverlap,
  primesApp,
  reportsArrive,
  threadsOf,
  watchCounts,
} from './primes-app.ts';

check(
  `a batch runs its items on ${POOL.threads} threads at once, never on more than the pool`,
  { points: 3, hint: 2 },
  async () => {
    const baseUrl = await primesApp();
    await kitFetch(`${baseUrl}/primes?below=10`); // a first count starts the pool
    const watch = await watchCounts();
    const below = 2_500_000;
    const answer = await kitFetch(`${baseUrl}/primes/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ below: [below, below, below, below] }),
    });
    await answer.arrayBuffer();
    await reportsArrive(watch, 4, 2_000);
    watch.stop();
    const reports = watch.reports.filter((report) => report.below === below);
    expectFigure({
      label: `items of the batch running at the same time (pool of ${POOL.threads})`,
      measured: peakOverlap(reports),
      equals: POOL.threads,
      meaning:
        peakOverlap(reports) > POOL.threads
          ? `More items ran at once than the pool has threads (PRIMES_THREADS=${POOL.threads}): size the pool with poolSize(), so that the cores are shared, not oversubscribed.`
          : `The four items ran one after another (on ${threadsOf(reports)}): start them all and let the pool spread them over its threads, as Promise.all did with requests.`,
      hint: 2,
      timeline: watch.spans().filter((span) => span.label.startsWith(`${below} `)),
    });
  },
);

check(
  `threads are reused: six requests in a row run on at most ${POOL.threads} threads`,
  { points: 2, hint: 3 },
  async () => {
    const baseUrl = await primesApp();
    const watch = await watchCounts();
    const below = 200_000;
    for (let request = 0; request < 6; request += 1) {
      await (await kitFetch(`${baseUrl}/primes?below=${below}`)).arrayBuffer();
    }
    await reportsArrive(watch, 6, 2_000);
    watch.stop();
    const reports = watch.reports.filter((report) => report.below === below);
    const threads = new Set(reports.map((report) => report.threadId));
    expectThat(reports.length === 6 && threads.size <= POOL.threads, {
      measured: `six requests ran on ${threads.size} different threads: ${threadsOf(reports)}`,
      expected: `at most ${POOL.threads}: the pool's own threads, started once`,
      meaning:
        'A new Worker per request pays tens of milliseconds to start a thread and load the code, every time, and nothing bounds how many run at once. A pool starts its threads once and hands them task after task.',
      hint: 3,
    });
  },
);
