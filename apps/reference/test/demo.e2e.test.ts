import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { redisSource } from '@kit/redis-for-tests';
import { expect, test } from 'vitest';

const appDir = fileURLToPath(new URL('..', import.meta.url));
// Case (c) needs Redis: without one the demo says it skipped it, and CI (KIT_REQUIRE_REDIS=1) fails here instead.
const redis = redisSource('the consumer demo, case (c)');
if (redis.kind === 'absent') console.warn(`[kit] ${redis.notice}`);

test('pnpm demo consumer replays the three cases and prints the probes of each', async () => {
  const demo = spawn(
    process.execPath,
    ['--import', '@kit/swc-register', 'demo/demo.ts', 'consumer'],
    {
      cwd: appDir,
      env: { ...process.env, DEMO_WORK_MS: '300' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  for (const stream of [demo.stdout, demo.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  }
  const [code] = await once(demo, 'exit');
  expect(code, output).toBe(0);
  const blocked = output.slice(output.indexOf('(a) the work'), output.indexOf('(b) the work'));
  expect(blocked).toMatch(/order 10, 300 ms +│/);
  // Three orders of 300 ms each run one after another on the loop: some probe waits behind them.
  expect(blocked).toMatch(
    /GET \/ every 100 ms +│[^│\n]*▓[^│\n]*│ \d+ probes: p50 \d+ ms, max \d+ ms/,
  );
  expect(output).toMatch(/^\(a\) +GET \/ p50 +\d+ ms, max +\d+ ms; every order done at \d+ ms$/m);
  expect(output).toMatch(/^\(b\) +GET \/ p50 +\d+ ms, max +\d+ ms; every order done at \d+ ms$/m);
  expect(output).toMatch(
    redis.kind === 'absent'
      ? /^\(c\) +skipped: no Redis$/m
      : /^\(c\) +GET \/ p50 +\d+ ms, max +\d+ ms; every order done at \d+ ms$/m,
  );
}, 120_000);
