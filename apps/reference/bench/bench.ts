// `pnpm bench`: loads the same routes on NestJS over Express, NestJS over Fastify
// and, when Debian's python3-fastapi and python3-uvicorn are installed, the FastAPI
// twin, with autocannon at 100 and 1000 connections, and prints one table.
// A benchmark, not a test: it asserts nothing. On a 2-core machine the load
// generator competes with the server, so compare rows of the same run.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const ROUTES = ['/', '/async?ms=100', '/blocking?ms=10', '/offloaded?ms=10'];
const CONNECTIONS = [100, 1000];

interface Server {
  readonly name: string;
  readonly port: number;
  start(): ChildProcess;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const nest = (adapter: string, port: number): Server => ({
  name: `NestJS + ${adapter}`,
  port,
  start: () =>
    spawn(process.execPath, ['--import', '@kit/swc-register', here('./serve.ts')], {
      env: { ...process.env, ADAPTER: adapter.toLowerCase(), PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
});

const servers: Server[] = [nest('Express', 3100), nest('Fastify', 3101)];
const hasFastApi = spawnSync('/usr/bin/python3', ['-c', 'import fastapi, uvicorn']).status === 0;
if (hasFastApi) {
  servers.push({
    name: 'FastAPI + uvicorn',
    port: 3102,
    start: () =>
      spawn('/usr/bin/python3', [here('./fastapi_twin.py'), '3102'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
  });
} else {
  console.log(
    '(python3-fastapi and python3-uvicorn are not installed: the FastAPI twin is left out)',
  );
}

async function up(port: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server on port ${port} did not come up`);
}

/**
 * Waits until the server answers `/` promptly again: a run against a blocking
 * route leaves a backlog of queued requests that would eat the next run.
 */
async function settle(port: number): Promise<void> {
  for (let quick = 0, attempt = 0; quick < 3 && attempt < 600; attempt += 1) {
    const started = performance.now();
    await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
    quick = performance.now() - started < 50 ? quick + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const rows: string[][] = [];
for (const server of servers) {
  const child = server.start();
  try {
    await up(server.port);
    for (const route of ROUTES) {
      for (const connections of CONNECTIONS) {
        await settle(server.port);
        const result = await autocannon({
          url: `http://127.0.0.1:${server.port}${route}`,
          connections,
          duration: DURATION_S,
        });
        const errors = result.errors + result.timeouts + result.non2xx;
        rows.push([
          server.name,
          route,
          String(connections),
          (result.requests.total / result.duration).toFixed(0),
          String(result.latency.p50),
          String(result.latency.p99),
          String(errors),
        ]);
        console.log(rows.at(-1)?.join('  '));
      }
    }
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}

const header = ['server', 'route', 'connections', 'req/s', 'p50 ms', 'p99 ms', 'errors'];
console.log(`\n| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
