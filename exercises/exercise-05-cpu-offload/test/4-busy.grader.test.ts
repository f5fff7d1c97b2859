import {
  all,
  check,
  countCpuWaits,
  expectFigure,
  expectThat,
  kitFetch,
  now,
  sleep,
} from '@kit/grading';
import { POOL, primesApp, reportsArrive, watchCounts } from './primes-app.ts';

/**
 * A refusal is useful only when it comes at once: judged without the time the main thread
 * waited for a CPU the machine gave to others (on Linux), which alone took the solution's
 * 503 to 174 ms beside two CPU hogs.
 */
function expectRefusedAtOnce(answeredIn: number, machineWaitMs: number): void {
  expectFigure({
    label: `the 503 came after${machineWaitMs > 0 ? `, less ${Math.round(machineWaitMs)} ms of waits for a CPU` : ''}`,
    measured: Math.max(0, answeredIn - machineWaitMs),
    unit: 'ms',
    atMost: 100,
    meaning: `Refusing is only useful at once: the client can retry elsewhere or later (the answer took ${Math.round(answeredIn)} ms in all).`,
    hint: 4,
  });
}

/** The counts that hold the threads, the largest the route takes: over 500 ms of a core each, more on a busy machine. */
const HELD = 5_000_000;

/**
 * The checks that hold every thread with the largest counts: their scenario lasts as long as
 * such a count takes, over 4 s of a core at load 6 (0.55 s idle), so they get the time a busy
 * machine needs rather than the 8 s that would call the machine's slowness code that never settles.
 */
const HOLDING_CHECK_TIMEOUT_MS = 20_000;

check(
  'a full queue answers 503 with Retry-After at once',
  { points: 2, hint: 4, timeoutMs: HOLDING_CHECK_TIMEOUT_MS },
  async () => {
    const baseUrl = await primesApp();
    await kitFetch(`${baseUrl}/primes?below=10`); // a first count starts the pool
    const held = POOL.threads + POOL.queue;
    const watch = await watchCounts();
    const fetchStatus = (below: number) =>
      kitFetch(`${baseUrl}/primes?below=${below}`).then((answer) => answer.status);
    // The largest counts take the threads; small ones fill the queue, so that the scenario lasts
    // one large count, not two (at load 6 two took it past the check's 8 s).
    const running = Array.from({ length: POOL.threads }, () => fetchStatus(HELD));
    await sleep(50);
    const queued = Array.from({ length: POOL.queue }, (_, place) => fetchStatus(200_011 + place));
    const busy = all([...running, ...queued]);
    await sleep(100);
    // Three more, so that a bound too large shows by how much. Small, so that a count that
    // runs after all reports at once, however busy the machine.
    const extras = [200_001, 200_002, 200_003];
    const answers = await all(
      extras.map(async (below, place) => {
        await sleep(30 * place); // one after another, so that no answer waits behind another's
        const answer = await kitFetch(`${baseUrl}/primes?below=${below}`);
        const answeredAt = watch.now();
        await answer.arrayBuffer();
        return {
          below,
          status: answer.status,
          retryAfter: answer.headers.has('retry-after'),
          answeredAt,
        };
      }),
    );
    const heldStatuses = await busy;
    // A count refused after it was queued would still run, once a thread frees.
    await reportsArrive(watch, held + extras.length, 800);
    watch.stop();
    const taken = answers.filter((answer) => answer.status !== 503).length;
    const refused = answers.filter((answer) => answer.status === 503);
    expectThat(taken === 0 && refused.every((answer) => answer.retryAfter), {
      measured:
        taken === 0
          ? `the ${extras.length} requests beyond the ${POOL.threads} running and ${POOL.queue} waiting got 503 without Retry-After`
          : taken === extras.length
            ? `the ${extras.length} requests beyond the ${POOL.threads} running and ${POOL.queue} waiting were all taken (${answers.map((answer) => answer.status).join(', ')}): nothing bounds the queue`
            : `of the ${extras.length} requests beyond the ${POOL.threads} running and ${POOL.queue} waiting, ${taken} ${taken === 1 ? 'was' : 'were'} taken before the rest got 503: the queue held ${POOL.queue + taken}, not ${POOL.queue}`,
      expected: `503 Service Unavailable for each, with a Retry-After header: the queue holds ${POOL.queue} (PRIMES_QUEUE)`,
      meaning:
        taken > 0 && taken < extras.length
          ? `A bound, but ${taken} too large: a count must be refused when ${POOL.threads} + ${POOL.queue} counts are already running or waiting. Check the comparison in your bound, and what it counts.`
          : `With ${POOL.threads} threads busy and ${POOL.queue} counts waiting (PRIMES_QUEUE), a further request must be turned away: an unbounded queue lets waits, and memory, grow without end. Throw PoolFullError when the queue is full.`,
      hint: 4,
      timeline: watch.spans(),
    });
    // A bound one short refuses the last of the requests that fit: a near miss, said as one.
    const refusedEarly = heldStatuses.findIndex((status) => status !== 200);
    expectThat(refusedEarly === -1, {
      measured: `${heldStatuses.filter((status) => status !== 200).length} of the ${held} requests that fit (${POOL.threads} running, ${POOL.queue} waiting) got ${heldStatuses[refusedEarly]}`,
      expected: `200 for each of the ${held}: the queue is full only once ${POOL.queue} counts already wait`,
      meaning: `A bound one short turns away a request the queue still has room for. A count fits while the counts running and waiting, itself included, are at most ${POOL.threads} + ${POOL.queue}: check the comparison in your bound.`,
      hint: 4,
      timeline: watch.spans(),
    });
    // "At once" is judged against the running counts, not a number of milliseconds, which a
    // busy machine can stretch past any bound: a 503 decided once a thread frees comes after.
    const heldEnds = watch.reports
      .filter((report) => report.below === HELD)
      .map((report) => report.endedAt - watch.origin);
    expectThat(heldEnds.length > 0, {
      measured: `none of the ${POOL.threads} counts of ${HELD} reported that it ran`,
      expected:
        'each count reported by the provided countPrimes, which tells the grader when it ended',
      meaning:
        'The grader learns when a thread frees from what count-primes.mjs reports: count with the provided countPrimes, unchanged.',
      hint: 1,
    });
    const firstFreed = Math.min(...heldEnds);
    expectFigure({
      label: `the last 503 came at (ms since the running counts were sent; the first of them ended at ${Math.round(firstFreed)} ms)`,
      measured: Math.max(...refused.map((answer) => answer.answeredAt)),
      unit: 'ms',
      atMost: firstFreed,
      meaning:
        'Refusing is only useful at once, while every thread is still busy: a 503 that waits for a thread to free tells the client nothing it could not have learnt by waiting, and it could have retried elsewhere meanwhile. Decide from the counts taken, when the request comes.',
      hint: 4,
      timeline: watch.spans(),
    });
    expectFigure({
      label: 'counts run for the requests that were refused',
      measured: watch.reports.filter((report) => extras.includes(report.below)).length,
      equals: 0,
      meaning:
        'The clients were told 503, so nobody reads these counts: a request refused after it was handed to the pool still runs once a thread frees. Decide before the count is queued.',
      hint: 4,
      timeline: watch.spans(),
    });
  },
);

check(
  'a batch that does not fit is refused whole: 503 at once, and none of its items runs',
  { points: 2, hint: 4 },
  async () => {
    const baseUrl = await primesApp();
    await kitFetch(`${baseUrl}/primes?below=10`); // a first count starts the pool
    const watch = await watchCounts();
    // One item more than the threads and the queue hold, on an idle app; each value its own.
    const belows = Array.from({ length: POOL.threads + POOL.queue + 1 }, (_, i) => 1_000_000 + i);
    const sentAt = now();
    const waitedForCpu = countCpuWaits();
    const answer = await kitFetch(`${baseUrl}/primes/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ below: belows }),
    });
    const answeredIn = now() - sentAt;
    const machineWaitMs = waitedForCpu();
    await answer.arrayBuffer();
    // An item that ran reports when it ends, about 100 ms of a core each.
    await reportsArrive(watch, 1, 800);
    watch.stop();
    const ran = watch.reports.filter((report) => belows.includes(report.below)).length;
    expectThat(answer.status === 503 && answer.headers.has('retry-after'), {
      measured: `a batch of ${belows.length} items on an idle app (${POOL.threads} threads, a queue of ${POOL.queue}) got ${answer.status} after ${Math.round(answeredIn)} ms, and ${ran} of its items ran`,
      expected: '503 Service Unavailable with a Retry-After header, and none of its items run',
      meaning: `${belows.length} items cannot all run or wait: ${POOL.threads} threads and ${POOL.queue} places in the queue hold ${POOL.threads + POOL.queue}. A batch taken item by item is refused part-way, and the items it took keep running for a client that was told 503. Count what the whole batch needs before any item starts.`,
      hint: 4,
    });
    expectFigure({
      label: 'items of the refused batch that ran',
      measured: ran,
      equals: 0,
      meaning:
        'A refused batch must cost nothing: its client was told to come back later, and nobody reads the answers of items that ran.',
      hint: 4,
    });
    expectRefusedAtOnce(answeredIn, machineWaitMs);
    // A bound one short refuses the batch that just fits as well.
    const fitting = Array.from({ length: POOL.threads + POOL.queue }, (_, i) => 300_000 + i);
    const taken = await kitFetch(`${baseUrl}/primes/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ below: fitting }),
    });
    const answers = taken.status === 200 ? ((await taken.json()) as unknown[]) : [];
    if (taken.status !== 200) await taken.arrayBuffer();
    expectThat(taken.status === 200 && answers.length === fitting.length, {
      measured: `a batch of ${fitting.length} items on an idle app got ${taken.status}${taken.status === 200 ? ` with ${answers.length} answers` : ''}`,
      expected: `200 with ${fitting.length} answers: ${POOL.threads} items run and ${POOL.queue} wait, which the pool holds`,
      meaning: `A batch fits when its items are at most the free threads plus the free places of the queue (${POOL.threads} + ${POOL.queue} on an idle app): refusing this one is a bound one short. Check the comparison in your bound.`,
      hint: 4,
    });
  },
);

check(
  'a request whose client went away while it waited in the queue never runs',
  { points: 2, hint: 5, timeoutMs: HOLDING_CHECK_TIMEOUT_MS },
  async () => {
    const baseUrl = await primesApp();
    await kitFetch(`${baseUrl}/primes?below=10`); // a first count starts the pool
    const watch = await watchCounts();
    // The largest count the route takes, about 550 ms of a core here: three times the
    // single count's and then the batch's stay in the queue (about 180 ms in all).
    const held = 5_000_000;
    const running = all(
      Array.from({ length: POOL.threads }, () =>
        kitFetch(`${baseUrl}/primes?below=${held}`).then(async (answer) => {
          await answer.arrayBuffer();
          return answer.status;
        }),
      ),
    );
    await sleep(40);
    // Small, so that if they run after all they report at once, however busy the machine.
    const abandoned = 200_001;
    const client = new AbortController();
    const waiting = kitFetch(`${baseUrl}/primes?below=${abandoned}`, {
      signal: client.signal,
    }).catch(() => undefined);
    await sleep(60);
    client.abort();
    await waiting;
    await sleep(30); // the server sees the first client leave before the batch comes
    // Then a batch, in the place the single count left: each of its items must leave the queue too.
    const abandonedBatch = [200_002, 200_003];
    const batchClient = new AbortController();
    const waitingBatch = kitFetch(`${baseUrl}/primes/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ below: abandonedBatch }),
      signal: batchClient.signal,
    }).catch(() => undefined);
    await sleep(60);
    batchClient.abort();
    await waitingBatch;
    const heldStatuses = await running;
    await reportsArrive(watch, POOL.threads + 1, 800);
    watch.stop();
    // The scenario holds only if every thread was busy while the two clients waited and left.
    expectThat(
      heldStatuses.every((status) => status === 200),
      {
        measured: `the ${POOL.threads} counts that held the threads were answered ${heldStatuses.join(', ')}`,
        expected: `200 for each: counts below ${held} are in range, and every thread is theirs while the others wait`,
        meaning:
          'This check queues requests behind counts that fill every thread; if those are refused, nothing waits and nothing can be cancelled.',
        hint: 5,
        timeline: watch.spans(),
      },
    );
    const ran = watch.reports.filter((report) => report.below === abandoned).length;
    const ranOfBatch = watch.reports.filter((report) =>
      abandonedBatch.includes(report.below),
    ).length;
    expectFigure({
      label: 'counts run for the batch whose client left while its items were queued',
      measured: ranOfBatch,
      equals: 0,
      meaning:
        "A batch's client gave up while its items waited for a thread: each item still to run must be taken out of the queue too. Pass the request's signal to every item.",
      hint: 5,
      timeline: watch.spans(),
    });
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
