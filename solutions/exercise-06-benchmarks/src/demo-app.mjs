// Provided by the exercise: leave this file as it is.
//
// The app `pnpm --filter @kit/exercise-06-benchmarks bench` measures, the
// lesson of exercises 04 and 05 in three routes of 20 ms of work each:
//   /async       waits 20 ms on a timer: the event loop stays free
//   /blocking    spins 20 ms on the event loop: everything else waits
//   /offloaded   spins 20 ms on a worker thread (one per core)
//   /health      answers at once
// `node demo-app.mjs` prints `listening <port>`.
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { setTimeout as wait } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';

const spin = (ms) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // CPU-bound work, for the lesson's sake.
  }
};

const workerCode = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (ms) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {}
  parentPort.postMessage(ms);
});`;
const idle = Array.from({ length: availableParallelism() }, () => {
  const worker = new Worker(workerCode, { eval: true });
  worker.unref();
  return worker;
});
const waiting = [];
function offload(ms) {
  return new Promise((resolve) => {
    const run = (worker) =>
      worker
        .once('message', () => {
          resolve();
          const next = waiting.shift();
          if (next) next(worker);
          else idle.push(worker);
        })
        .postMessage(ms);
    const worker = idle.pop();
    if (worker) run(worker);
    else waiting.push(run);
  });
}

const server = createServer(async (request, response) => {
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  if (path === '/async') await wait(20);
  else if (path === '/blocking') spin(20);
  else if (path === '/offloaded') await offload(20);
  else if (path !== '/health') {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () =>
  console.log(`listening ${server.address().port}`),
);
process.on('disconnect', () => process.exit(0));
