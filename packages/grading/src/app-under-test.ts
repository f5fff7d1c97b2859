import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

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
