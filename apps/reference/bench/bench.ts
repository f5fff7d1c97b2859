// `pnpm bench`: the reference app as `pnpm app` starts it, on Fastify (its default)
// and on Express, beside its FastAPI twin (when Debian's python3-fastapi and
// python3-uvicorn are installed), all up together and loaded in turn with
// autocannon, route by route; one table with each figure's ratio to FastAPI.
// A benchmark, not a test: it asserts nothing. On a 2-core machine the load
// generator competes with the servers, so compare rows of the same run.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
/** Each route with the connections it is loaded with. */
const LOADS: Array<[string, number]> = [
  ['/', 100],
  ['/', 1000],
  ['/async?ms=100', 100],
  ['/async?ms=100', 1000],
  ['/blocking?ms=10', 100],
  ['/offloaded?ms=10', 100],
];
const FASTAPI = 'FastAPI + uvicorn';

interface Server {
  readonly name: string;
  readonly port: number;
  start(): ChildProcess;
}

const appDir = fileURLToPath(new URL('..', import.meta.url));
const app = (adapter: 'fastify' | 'express', port: number): Server => ({
  name: `the app on ${adapter === 'fastify' ? 'Fastify' : 'Express'}`,
  port,
  start: () =>
    spawn(process.execPath, ['--import', '@kit/swc-register', 'src/main.ts'], {
      cwd: appDir,
      env: { ...process.env, ADAPTER: adapter, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
});

const servers: Server[] = [app('fastify', 3100), app('express', 3101)];
if (spawnSync('/usr/bin/python3', ['-c', 'import fastapi, uvicorn']).status === 0) {
  servers.push({
    name: FASTAPI,
    port: 3102,
    start: () =>
      spawn(
        '/usr/bin/python3',
        [fileURLToPath(new URL('./fastapi_twin.py', import.meta.url)), '3102'],
        {
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      ),
  });
} else {
  console.log(
    'The FastAPI twin is skipped: it is not installed. To compare with it: apt-get install python3-fastapi python3-uvicorn',
  );
}

async function up(port: number): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
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

interface Row {
  readonly route: string;
  readonly connections: number;
  readonly server: string;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

const children = servers.map((server) => server.start());
const rows: Row[] = [];
try {
  await Promise.all(servers.map((server) => up(server.port)));
  for (const [route, connections] of LOADS) {
    for (const server of servers) {
      await settle(server.port);
      const result = await autocannon({
        url: `http://127.0.0.1:${server.port}${route}`,
        connections,
        duration: DURATION_S,
      });
      rows.push({
        route,
        connections,
        server: server.name,
        perSecond: result.requests.total / result.duration,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx,
      });
      const row = rows.at(-1);
      console.error(`${route} ×${connections} ${server.name}: ${row?.perSecond.toFixed(0)} req/s`);
    }
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map((child) => (child.exitCode === null ? once(child, 'exit') : null)),
  );
}

const ratio = (row: Row) => {
  const peer = rows.find(
    (other) =>
      other.server === FASTAPI &&
      other.route === row.route &&
      other.connections === row.connections,
  );
  return peer && peer.perSecond > 0 ? `${(row.perSecond / peer.perSecond).toFixed(2)}×` : '–';
};
const header = [
  'route',
  'connections',
  'server',
  'req/s',
  'p50 ms',
  'p99 ms',
  'errors',
  'req/s vs FastAPI',
];
console.log(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) {
  const cells = [
    `\`${row.route}\``,
    String(row.connections),
    row.server,
    row.perSecond.toFixed(0),
    String(row.p50),
    String(row.p99),
    String(row.errors),
    ratio(row),
  ];
  console.log(`| ${cells.join(' | ')} |`);
}
