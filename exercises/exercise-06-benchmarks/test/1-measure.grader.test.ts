import { check, countCpuWaits, expectFigure, expectThat, now } from '@kit/grading';
import { bench, resetServers, route, serverStats } from './servers.ts';

check(
  'measure keeps `connections` requests in flight and reports requests per second',
  { points: 3, hint: 1 },
  async () => {
    const { measure } = await bench();
    // Two counts, neither autocannon's default of 10: a `connections` that never reaches it fails.
    for (const connections of [7, 13]) {
      await resetServers();
      const startedAt = now();
      const waitedForCpu = countCpuWaits();
      const result = await measure(route('/slow100'), { connections, durationMs: 1_200 });
      const tookMs = now() - startedAt;
      // autocannon runs on this thread: on a busy machine its start and end stretch with the
      // time the thread waits for a CPU (the solution took 2.0 s idle, up to 2.3 s at load 6–8).
      const waitedMs = waitedForCpu();
      const { peakConnections } = await serverStats();
      const durationMeaning =
        'A benchmark runs as long as it was asked to: `durationMs` is milliseconds (autocannon counts its `duration` in seconds), and without it autocannon runs for 10 s.';
      expectFigure({
        label: `time measure took with durationMs: 1200`,
        measured: tookMs,
        unit: 'ms',
        atLeast: 1_000,
        meaning: durationMeaning,
        hint: 1,
      });
      expectFigure({
        label: `time measure took with durationMs: 1200, less ${Math.round(waitedMs)} ms of waits for a CPU`,
        measured: tookMs - waitedMs,
        unit: 'ms',
        atMost: 2_500,
        meaning: durationMeaning,
        hint: 1,
      });
      expectFigure({
        label: `connections the server saw open at once, asked for ${connections}`,
        measured: peakConnections,
        equals: connections,
        meaning: `A benchmark with \`connections: ${connections}\` keeps ${connections} requests in flight at every moment, each connection sending its next request when its answer is in. One request at a time measures the latency, not what the server can serve.`,
        hint: 1,
      });
      expectFigure({
        label: `requests per second on a route that takes 100 ms, over ${connections} connections`,
        measured: result.requests.perSecond,
        atLeast: connections * 7,
        atMost: connections * 11.5,
        meaning: `${connections} connections, each getting an answer every 100 ms, make about ${connections * 10} requests a second: requests.total over the seconds it took.`,
        hint: 1,
      });
      expectFigure({
        label: `p50 latency over ${connections} connections`,
        measured: result.latencyMs.p50,
        unit: 'ms',
        atLeast: 95,
        atMost: 150,
        meaning: 'Every answer of this route takes 100 ms: the median must say so.',
        hint: 2,
      });
    }
  },
);

check('measure reports true percentiles, not the mean', { points: 2, hint: 2 }, async () => {
  const { measure } = await bench();
  const result = await measure(route('/mixed'), { connections: 5, durationMs: 1_500 });
  const { p50, p90, p99, max } = result.latencyMs;
  expectThat(p50 <= 30 && p90 >= 80 && p90 <= 150 && p99 >= 250 && max >= 290, {
    measured: `p50 ${Math.round(p50)} ms, p90 ${Math.round(p90)} ms, p99 ${Math.round(p99)} ms, max ${Math.round(max)} ms`,
    expected: 'p50 at most 30 ms, p90 from 80 to 150 ms, p99 at least 250 ms, max at least 290 ms',
    meaning:
      'Four answers in five take 5 ms, nearly one in five 100 ms and one in fifty 300 ms: the median is 5 ms, the 90th percentile 100 ms and the 99th 300 ms, while the mean, about 28 ms, describes no request at all. Read each percentile from the latency histogram (autocannon gives p50, p90, p99 and max).',
    hint: 2,
  });
});

check(
  'measure counts error answers and requests left unanswered apart',
  { points: 2, hint: 3 },
  async () => {
    const { measure } = await bench();
    await resetServers();
    const result = await measure(route('/flaky'), { connections: 4, amount: 100 });
    const truth = await serverStats();
    expectThat(result.non2xx === truth.served500 && result.errors === truth.dropped, {
      measured: `non2xx ${result.non2xx}, errors ${result.errors}`,
      expected: `non2xx ${truth.served500} (the 500s the server answered), errors ${truth.dropped} (the connections it cut)`,
      meaning:
        'A 500 is an answer, a cut connection is none: a report that lumps them together cannot tell a failing handler from a server falling over. autocannon reconnects after a cut without counting it: count what it sent and got no answer for.',
      hint: 3,
    });
    // Measured for a time, up to one request per connection is still on its way when it stops:
    // that one was not left unanswered, so a healthy route reports no error at all.
    const healthy = await measure(route('/slow100'), { connections: 6, durationMs: 700 });
    expectThat(healthy.errors === 0 && healthy.non2xx === 0, {
      measured: `non2xx ${healthy.non2xx}, errors ${healthy.errors}`,
      expected: 'non2xx 0, errors 0 (the route answers every request, 6 connections for 700 ms)',
      meaning:
        'With `durationMs`, autocannon stops with a request in flight on each connection: it sent them and their answers never came, yet nobody failed to answer. Leave them out of `errors` (with `amount` none is left in flight).',
      hint: 3,
    });
  },
);

check('measure leaves the warm-up out', { points: 2, hint: 4 }, async () => {
  const { measure } = await bench();
  await resetServers();
  const result = await measure(route('/warm'), {
    connections: 5,
    durationMs: 1_000,
    warmupMs: 800,
  });
  expectFigure({
    label: 'slowest answer measured after an 800 ms warm-up',
    measured: result.latencyMs.max,
    unit: 'ms',
    atMost: 200,
    meaning:
      'This route answers in 400 ms for its first 600 ms (a cold cache, a JIT warming up), then in 5 ms. `warmupMs` is load sent first and thrown away: the figures describe the warm server.',
    hint: 4,
  });
});
