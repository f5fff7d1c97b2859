import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';
import { afterFile } from './scratch.ts';

/** What the helper needs of an app: a NestJS `INestApplication` fits. */
export interface ServableApp {
  listen(port: number, hostname: string): Promise<unknown>;
  getHttpServer(): Server;
  close(): Promise<void>;
}

export interface RunningApp<App> {
  readonly app: App;
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
}

/**
 * An app under test on a real loopback port (streams and timings need a real
 * socket), created on first use and closed after the tests of the file or
 * `describe` block that declared it. Closing also cuts the connections
 * clients left open (an aborted stream, a keep-alive socket), so that it
 * never waits for them.
 *
 * @example
 * const app = appUnderTest(async () => {
 *   const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
 *   return moduleRef.createNestApplication({ logger: false });
 * });
 * test('…', async () => { const { baseUrl } = await app(); … });
 */
export function appUnderTest<App extends ServableApp>(
  create: () => Promise<App>,
): () => Promise<RunningApp<App>> {
  let running: Promise<RunningApp<App>> | undefined;
  afterAll(async () => {
    const started = await running?.catch(() => undefined);
    if (!started) return;
    started.app.getHttpServer().closeAllConnections();
    await started.app.close();
  });
  return () => {
    running ??= create().then(async (app) => {
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as AddressInfo;
      return { app, baseUrl: `http://127.0.0.1:${port}` };
    });
    return running;
  };
}

/** An app under test that a check may close itself. */
export interface ClosableApp<App> extends RunningApp<App> {
  /** Cuts the open connections and closes the app; once, however often it is called. */
  close(): Promise<void>;
}

/**
 * An app under test started by a check, with environment variables set
 * only while it is created (settings are read then), on a loopback port;
 * closed by the check, or after the file's tests at the latest.
 *
 * @example
 * const first = await startAppUnderTest(createApp, { JOBS_DIR: dir });
 * await first.close();
 * const second = await startAppUnderTest(createApp, { JOBS_DIR: dir });
 */
export async function startAppUnderTest<App extends ServableApp>(
  create: () => Promise<App>,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<ClosableApp<App>> {
  const saved = Object.keys(env).map((name) => [name, process.env[name]] as const);
  const set = (name: string, value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  let app: App;
  try {
    for (const [name, value] of Object.entries(env)) set(name, value);
    app = await create();
    await app.listen(0, '127.0.0.1');
  } finally {
    for (const [name, value] of saved) set(name, value);
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      app.getHttpServer().closeAllConnections();
      await app.close();
    })();
    return closing;
  };
  afterFile(() => close().catch(() => undefined));
  return { app, baseUrl: `http://127.0.0.1:${port}`, close };
}
