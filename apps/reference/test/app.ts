import type { INestApplication } from '@nestjs/common';
import { afterAll } from 'vitest';
import { createApp } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/app-config.ts';
import { UPSTREAM_ENV } from './upstream.ts';

const started: INestApplication[] = [];

/** The reference app on a loopback port, closed after the file's tests. */
export async function startApp(
  env: NodeJS.ProcessEnv = {},
): Promise<{ app: INestApplication; baseUrl: string }> {
  const app = await createApp(loadConfig({ ...UPSTREAM_ENV, WORKER_THREADS: '2', ...env }), {
    logger: false,
  });
  await app.listen(0, '127.0.0.1');
  started.push(app);
  return { app, baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

/** Closes every app this file started; also done after the file's tests. */
export async function closeApps(): Promise<void> {
  for (const app of started.splice(0)) await app.close();
}

afterAll(closeApps);
