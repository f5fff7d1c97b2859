import { http, passthrough, type RequestHandler } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True for requests to this machine, such as supertest's calls to the app under test. */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * The MSW server every grader uses: your handlers answer the fake upstream
 * APIs, loopback requests (the app under test) pass through, and any other
 * host fails loudly so that no test ever reaches the network.
 *
 * @example
 * const upstream = createUpstreamServer(...weatherHandlers());
 * beforeAll(() => upstream.listen());
 * afterEach(() => upstream.resetHandlers());
 * afterAll(() => upstream.close());
 */
export function createUpstreamServer(...handlers: RequestHandler[]): SetupServer {
  const server = setupServer(
    // Checked before the grader's own handlers: NestJS under supertest must reach itself.
    http.all(
      ({ request }) => isLoopback(new URL(request.url)),
      () => passthrough(),
    ),
    ...handlers,
  );
  const listen = server.listen.bind(server);
  // 'error' turns an unmocked request into a network error in the caller, never a real request.
  server.listen = (options) => listen({ onUnhandledRequest: 'error', ...options });
  return server;
}

/**
 * {@link createUpstreamServer}, listening for the test file that calls it:
 * listens before its tests, drops the handlers a test added after each one,
 * closes after the last. One per package, in the file its tests import.
 *
 * @example
 * export const upstream = useUpstreamServer();
 * test('…', () => { upstream.use(fakeWeatherApi({ cities })); … });
 */
export function useUpstreamServer(...handlers: RequestHandler[]): SetupServer {
  const server = createUpstreamServer(...handlers);
  beforeAll(() => server.listen());
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}
