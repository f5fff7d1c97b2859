import { all, check, expectFigure, expectThat, kitFetch, now, sleep } from '@kit/grading';
import { LARGE, POOL, primesApp, reportsArrive, watchCounts } from './primes-app.ts';

check('a full queue answers 503 with Retry-After at once', { points: 2, hint: 4 }, async () => {
  const baseUrl = await primesApp();
  await kitFetch(`${baseUrl}/primes?below=10`); // a first count starts the pool
  const held = POOL.threads + POOL.queue;
  const busy = all(
    Array.from({ length: held }, () =>
      kitFetch(`${baseUrl}/primes?below=4000000`).then((answer) => answer.status),
    ),
  );
  await sleep(100);
  const sentAt = now();
  const extra = await kitFetch(`${baseUrl}/primes?below=4000000`);
  const answeredIn = now() - sentAt;
  await extra.arrayBuffer();
  await busy;
  expectThat(extra.status === 503 && extra.headers.has('retry-after'), {
    measured: `the request beyond the ${POOL.threads} running and ${POOL.queue} waiting got ${extra.status}${extra.headers.has('retry-after') ? '' : ' without Retry-After'}, after ${Math.round(answeredIn)} ms`,
    expected: '503 Service Unavailable, with a Retry-After header',
    meaning: `With ${POOL.threads} threads busy and ${POOL.queue} counts waiting (PRIMES_QUEUE), a further request must be turned away: an unbounded queue lets waits, and memory, grow without end. Throw PoolFullError when the queue is full.`,
    hint: 4,
  });
  expectFigure({
    label: 'the 503 came after',
    measured: answeredIn,
    unit: 'ms',
    atMost: 100,
    meaning: 'Refusing is only useful at once: the client can retry elsewhere or later.',
    hint: 4,
  });
});

check(
  'a request whose client went away while it waited in the queue never runs',
  { points: 2, hint: 5 },
  async () => {
    const baseUrl = await primesApp();
    await kitFetch(`${baseUrl}/primes?below=10`); // a first count starts the pool
    const watch = await watchCounts();
    const running = all(
      Array.from({ length: POOL.threads }, () =>
        kitFetch(`${baseUrl}/primes?below=${LARGE}`).then((answer) => answer.arrayBuffer()),
      ),
    );
    await sleep(50);
    const abandoned = LARGE + 1;
    const client = new AbortController();
    const waiting = kitFetch(`${baseUrl}/primes?below=${abandoned}`, {
      signal: client.signal,
    }).catch(() => undefined);
    await sleep(100);
    client.abort();
    await waiting;
    await running;
    await reportsArrive(watch, POOL.threads + 1, 800);
    watch.stop();
    const ran = watch.reports.filter((report) => report.below === abandoned).length;
    expectFigure({
      label: 'counts run for the request whose client left while it was queued',
      measured: ran,
      equals: 0,
      meaning:
        "The client gave up while its count waited for a thread; running it anyway spends a core on an answer nobody reads. Pass the request's signal to the pool, which then takes the task out of its queue.",
      hint: 5,
      timeline: watch.spans(),
    });
  },
);
