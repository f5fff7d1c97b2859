// `pnpm --filter @kit/exercise-06-benchmarks bench`: your benchmark library,
// run against the demo app (started here in a process of its own).
import { spawn } from 'node:child_process';
import { compare, findStarvingRoutes } from './bench.ts';

const app = spawn(process.execPath, [new URL('./demo-app.mjs', import.meta.url).pathname], {
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
const port = await new Promise<number>((resolve) =>
  app.stdout?.on('data', (chunk: Buffer) => {
    const match = /listening (\d+)/.exec(chunk.toString());
    if (match) resolve(Number(match[1]));
  }),
);
const baseUrl = `http://127.0.0.1:${port}`;
try {
  await compare(
    ['/async', '/offloaded', '/blocking'].map((path) => ({ name: path, url: `${baseUrl}${path}` })),
    { connections: 50, durationMs: 3_000, warmupMs: 500 },
  );
  const starving = await findStarvingRoutes(
    baseUrl,
    ['/async', '/offloaded', '/blocking'],
    '/health',
  );
  console.log(`\nRoutes that starve /health: ${starving.join(', ') || 'none'}`);
} finally {
  app.kill();
}
