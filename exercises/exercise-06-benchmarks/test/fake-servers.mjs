// The servers exercise 06's grader measures, in a process of their own, with
// the truth about each route kept on the server's side:
//
//   node fake-servers.mjs <blocking route> [<blocking route> …]
//
// prints `listening <port>`, then serves:
//   /slow100, /slow50   every answer after 100 ms (50 ms)
//   /mixed              every 50th answer after 300 ms, every other 5th after 100 ms, the rest after 5 ms
//   /flaky              every 5th request answers 500; every 7th other one has its connection cut
//   /warm               400 ms answers for the first 600 ms after its first request, 5 ms after
//   /probe              at once
//   /r/:name            60 ms each: on a timer, or, for the blocking route in force, in a busy loop
//   /_stats             { peakConnections, requests, served500, dropped, windows } since the last /_reset,
//                       windows[path] = { firstAt, lastAt }: its first request, its last answer (ms)
//   /_reset             zeroes the counters
//   /_block?index=N     puts the N-th blocking route of the command line in force
// Connections are counted from their first request to a route (not to /_*), so
// the grader's own requests do not count.
import { createServer } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';

const blockingRoutes = process.argv.slice(2);
let blocking = blockingRoutes[0];
let stats;
/** Connections open that have served a route other than /_*. */
let open = 0;
let warmFrom;
const counters = { mixed: 0, flaky: 0 };

function reset() {
  stats = { peakConnections: open, requests: 0, served500: 0, dropped: 0, windows: {} };
  counters.mixed = 0;
  counters.flaky = 0;
  warmFrom = undefined;
}
reset();

const json = (response, status, body) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

const server = createServer(async (request, response) => {
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  if (path === '/_stats') return json(response, 200, stats);
  if (path === '/_reset') {
    reset();
    return json(response, 200, { ok: true });
  }
  if (path === '/_block') {
    blocking =
      blockingRoutes[Number(new URL(request.url ?? '/', 'http://x').searchParams.get('index'))];
    return json(response, 200, { blocking });
  }
  stats.requests += 1;
  // When each route was first asked and last answered: whether two loads overlapped.
  stats.windows[path] ??= { firstAt: performance.now(), lastAt: 0 };
  const window = stats.windows[path];
  response.once('finish', () => {
    window.lastAt = performance.now();
  });
  if (!request.socket.measured) {
    request.socket.measured = true;
    open += 1;
    stats.peakConnections = Math.max(stats.peakConnections, open);
    request.socket.once('close', () => {
      open -= 1;
    });
  }
  if (path === '/slow100' || path === '/slow50') {
    await wait(path === '/slow100' ? 100 : 50);
    return json(response, 200, { ok: true });
  }
  if (path === '/mixed') {
    counters.mixed += 1;
    await wait(counters.mixed % 50 === 0 ? 300 : counters.mixed % 5 === 0 ? 100 : 5);
    return json(response, 200, { ok: true });
  }
  if (path === '/flaky') {
    counters.flaky += 1;
    if (counters.flaky % 5 === 0) {
      stats.served500 += 1;
      return json(response, 500, { error: 'every fifth' });
    }
    if (counters.flaky % 7 === 0) {
      stats.dropped += 1;
      request.socket.destroy();
      return undefined;
    }
    return json(response, 200, { ok: true });
  }
  if (path === '/warm') {
    warmFrom ??= Date.now();
    await wait(Date.now() - warmFrom < 600 ? 400 : 5);
    return json(response, 200, { ok: true });
  }
  if (path === '/probe') return json(response, 200, { ok: true });
  if (path.startsWith('/r/')) {
    if (path === blocking) {
      const until = Date.now() + 60;
      while (Date.now() < until) {
        // Holds the event loop, as a CPU-bound or *Sync handler does.
      }
    } else {
      await wait(60);
    }
    return json(response, 200, { ok: true });
  }
  return json(response, 404, { error: 'no such route' });
});

server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
// Ends with the grader that started it, however that ends.
process.on('disconnect', () => process.exit(0));
