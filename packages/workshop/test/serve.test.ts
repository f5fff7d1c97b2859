import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { findKitRoot } from '../src/kit.ts';

const bin = join(findKitRoot(), 'packages/workshop/bin/workshop.js');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

test('an exercise without an app says there is nothing to serve', () => {
  const result = spawnSync(process.execPath, [bin, 'serve', '01'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('exercise-01-concurrent-awaits has no app to serve');
});

test('serves an exercise app on the port asked for, until it is stopped, then says how it ended', async () => {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [bin, 'serve', '03', '--solution', '--port', String(port)],
    {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  try {
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await expect
      .poll(() => output, { timeout: 20_000, interval: 100 })
      .toContain(`Listening on http://127.0.0.1:${port}`);
    const response = await fetch(`http://127.0.0.1:${port}/rows?count=2&delayMs=0`);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    expect(await response.text()).toBe(
      '{"id":1,"name":"row 1","value":919}\n{"id":2,"name":"row 2","value":838}\n',
    );
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
  await expect(fetch(`http://127.0.0.1:${port}/rows`)).rejects.toThrow();
  expect(output).toMatch(
    /The app (exited with code \d+|was killed by SIG\w+), \d+ ms after SIGTERM/,
  );
}, 30_000);

test('the usual port taken, it serves on a free one and says so', async () => {
  const taken = createServer().listen(3003, '127.0.0.1');
  const listening = await Promise.race([
    once(taken, 'listening').then(() => true),
    once(taken, 'error').then(() => false),
  ]);
  const server = spawn(process.execPath, [bin, 'serve', '03', '--solution'], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  try {
    await expect
      .poll(() => output, { timeout: 20_000, interval: 100 })
      .toMatch(/Listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toContain('Port 3003 is taken');
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
    if (listening) taken.close();
  }
}, 30_000);
