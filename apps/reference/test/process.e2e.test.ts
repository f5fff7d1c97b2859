import { recordStream } from '@kit/measure';
import { expect, test } from 'vitest';
import { startAppProcess } from './app-process.ts';

test('the app users start runs on Fastify and loads no test framework and no MSW', async () => {
  const app = await startAppProcess();
  expect(app.output()).toContain('(fastify;');
  expect((await fetch(`${app.baseUrl}/`)).status).toBe(200);
  const loaded = app.modules();
  expect(loaded.length).toBeGreaterThan(100);
  const forbidden = /node_modules\/(\.pnpm\/)?(vitest|msw|@vitest)[@/]|packages\/grading\//;
  expect(loaded.filter((module) => forbidden.test(module))).toEqual([]);
});

test('SIGTERM answers every request in flight, finishes streams, closes the upstream last and exits 0', async () => {
  const app = await startAppProcess({ SHUTDOWN_GRACE_MS: '5000' });
  // /fetch-data waits 1 s on the fake upstream: it must still be there when the app drains.
  const inFlight = [
    fetch(`${app.baseUrl}/fetch-data`),
    fetch(`${app.baseUrl}/async?ms=800`),
    fetch(`${app.baseUrl}/weather/async`),
  ];
  const stream = recordStream(`${app.baseUrl}/rows?count=6&delayMs=150`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  app.child.kill('SIGTERM');
  const answers = await Promise.all(inFlight);
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
  expect(await answers[0]?.json()).toMatchObject({ first: { id: '1' }, second: { id: '2' } });
  expect((await stream).lines).toHaveLength(6);
  expect(await app.exited).toBe(0);
  const log = app.output();
  expect(log).toContain('Shutdown: SIGTERM received');
  expect(log).toContain('Shutdown: done.');
  await expect(fetch(`${app.baseUrl}/`)).rejects.toThrow();
});

test('a request that outlasts the grace period is cut, and the stop says so', async () => {
  const app = await startAppProcess({ SHUTDOWN_GRACE_MS: '300' });
  const long = fetch(`${app.baseUrl}/async?ms=5000`).then(
    (answer) => answer.status,
    () => 'cut',
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  app.child.kill('SIGTERM');
  expect(await long).toBe('cut');
  expect(await app.exited).toBe(0);
  expect(app.output()).toContain('grace period is over');
});
