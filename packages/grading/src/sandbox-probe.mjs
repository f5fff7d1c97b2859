// Run by preflight.ts under the graders' sandbox flags, before any graded code:
// does every capability the graders rely on work on this Node? It prints one
// JSON line, `{ "ok": true }` or the step that was refused and why.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const [writableDir] = process.argv.slice(2);
let step = 'start';

try {
  step = 'write a file in the sandbox';
  writeFileSync(join(writableDir, 'probe.txt'), 'ok');

  step = 'listen on loopback';
  const server = createServer((_request, response) => response.end('ok'));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });

  step = 'call a server on loopback';
  // biome-ignore lint/style/noRestrictedGlobals: the probe runs alone, before and without graded code.
  const response = await fetch(`http://127.0.0.1:${server.address().port}/`);
  await response.text();
  server.close();

  step = 'start a worker thread';
  const worker = new Worker("require('node:worker_threads').parentPort.postMessage('ok')", {
    eval: true,
  });
  await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();

  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  const cause = error.cause ?? error;
  console.log(JSON.stringify({ ok: false, step, code: cause.code, message: cause.message }));
}
