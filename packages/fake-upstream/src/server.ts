import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { type FakeRoute, matchPath } from './route.ts';

export interface FakeUpstreamServer {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves fake routes over real HTTP on loopback, so that an app run by hand
 * (not under a grader) gets the same fake upstream APIs, offline, without
 * loading MSW. The routes are made once the port is known.
 *
 * @example
 * const upstream = await startFakeUpstream((baseUrl) => [weatherRoute({ cities: SAMPLE_CITIES, baseUrl })]);
 * await fetch(`${upstream.baseUrl}/v1/current.json?key=workshop-key&q=London`);
 */
export async function startFakeUpstream(
  routesFor: (baseUrl: string) => FakeRoute[],
  port = 0,
): Promise<FakeUpstreamServer> {
  let routes: FakeRoute[] = [];
  const server = createServer((req, res) => {
    void answer(routes, req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes = routesFor(baseUrl);
  return {
    baseUrl,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(routes: FakeRoute[], req: IncomingMessage, res: ServerResponse) {
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
    const { pathname } = new URL(request.url);
    let response: Response | undefined;
    for (const route of routes) {
      const params = route.method === request.method ? matchPath(route.path, pathname) : undefined;
      if (params) {
        response = await route.answer(request, params);
        break;
      }
    }
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

export { dataRoute, FAKE_DATA_API, type FakeDataOptions } from './data.ts';
export type { FakeRoute } from './route.ts';
export {
  type CityBehaviour,
  FAKE_WEATHER_API,
  type FakeWeatherOptions,
  SAMPLE_CITIES,
  weatherRoute,
} from './weather.ts';
