import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { getResponse, type RequestHandler } from 'msw';

export interface FakeUpstreamServer {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves MSW handlers over real HTTP on loopback, so that an app run by hand
 * (not under a grader) gets the same fake upstream APIs, offline. The
 * handlers are made once the port is known, since they match full URLs.
 *
 * @example
 * const upstream = await startFakeUpstream((baseUrl) => [fakeWeatherApi({ cities: SAMPLE_CITIES, baseUrl })]);
 * await fetch(`${upstream.baseUrl}/v1/current.json?key=workshop-key&q=London`);
 */
export async function startFakeUpstream(
  handlersFor: (baseUrl: string) => RequestHandler[],
  port = 0,
): Promise<FakeUpstreamServer> {
  let handlers: RequestHandler[] = [];
  const server = createServer((req, res) => {
    void answer(handlers, req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handlers = handlersFor(baseUrl);
  return {
    baseUrl,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(handlers: RequestHandler[], req: IncomingMessage, res: ServerResponse) {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method ?? 'GET',
    headers: Object.entries(req.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, String(value)] as [string, string]],
    ),
    signal: controller.signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  });
  try {
    const response = await getResponse(handlers, request);
    if (!response || response.type === 'error') {
      res.writeHead(response ? 502 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: response ? 'upstream failure' : `no fake answers ${req.method} ${req.url}`,
        }),
      );
      return;
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) Readable.fromWeb(response.body as never).pipe(res);
    else res.end();
  } catch (error) {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: String(error) }));
  }
}
