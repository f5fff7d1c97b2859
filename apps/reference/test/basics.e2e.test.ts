import request from 'supertest';
import { beforeAll, expect, test } from 'vitest';
import { referenceApp } from './app.ts';

const app = referenceApp();
let http: ReturnType<typeof request>;

beforeAll(async () => {
  http = request((await app()).baseUrl);
});

test('GET / says hello and GET /add adds', async () => {
  expect((await http.get('/')).body).toEqual({ message: 'Hello World' });
  expect((await http.get('/add?a=3&b=4')).body).toEqual({ result: 7 });
});

test.each([
  ['/add?a=3', 'b is missing'],
  ['/add?a=1&a=2&b=1', 'a must be given once, not 2 times'],
  ['/add?a=x&b=1', 'a must be a number'],
  ['/async?ms=1&ms=2', 'ms must be given once'],
  ['/async?ms=20000', 'ms must be a whole number from 0 to 10000'],
  ['/blocking?ms=-1', 'ms must be a whole number from 0 to 10000'],
  ['/offloaded?ms=abc', 'ms must be a whole number from 0 to 10000'],
  ['/cpu-task/0', 'n must be a whole number from 1 to 5000000'],
  ['/users/abc', 'id must be a whole number'],
  ['/rows?count=0', 'count must be a whole number from 1 to 100000'],
  ['/rows/events?delayMs=5001', 'delayMs must be a whole number from 0 to 5000'],
])('GET %s is a 400 that says what is wrong', async (path, message) => {
  const response = await http.get(path);
  expect(response.status).toBe(400);
  expect(response.body.message).toContain(message);
});

test('GET /users/:id is served by the async provider, and a 404 for an unknown user', async () => {
  expect((await http.get('/users/1')).body).toEqual({
    id: 1,
    name: 'Ada Lovelace',
    email: 'ada@example.test',
  });
  expect((await http.get('/users/99')).status).toBe(404);
});

test('GET /cpu-task/:n counts primes on the worker pool', async () => {
  expect((await http.get('/cpu-task/100000')).body).toEqual({ n: 100000, primes: 9592 });
});

test('GET /docs serves interactive API docs, and /docs-json the OpenAPI document', async () => {
  const docs = await http.get('/docs');
  expect(docs.status).toBe(200);
  expect(docs.text).toContain('swagger-ui');
  const openApi = (await http.get('/docs-json')).body as {
    paths: Record<string, { post?: { requestBody?: unknown } }>;
  };
  expect(openApi.paths['/orders']?.post?.requestBody).toMatchObject({
    content: { 'application/json': { schema: { type: 'array' } } },
  });
  expect(Object.keys(openApi.paths)).toEqual(
    expect.arrayContaining([
      '/',
      '/add',
      '/async',
      '/blocking',
      '/offloaded',
      '/weather/async',
      '/rows',
      '/files',
      '/jobs/{id}',
      '/orders',
    ]),
  );
});

test('GET /metrics exposes event-loop lag and requests in flight', async () => {
  const metrics = await http.get('/metrics');
  expect(metrics.headers['content-type']).toContain('text/plain');
  expect(metrics.text).toContain('nodejs_eventloop_lag_seconds');
  expect(metrics.text).toMatch(/^http_requests_in_flight 1$/m);
  expect(metrics.text).toContain('http_request_duration_seconds_bucket');
});

test('GET /health says which queue runs the jobs', async () => {
  expect((await http.get('/health')).body).toMatchObject({ status: 'ok', queue: 'in-process' });
});

test('a wrong configuration stops start-up with the variable named', async () => {
  const { loadConfig } = await import('../src/config/app-config.ts');
  expect(() => loadConfig({ DATA_API_URL: 'not a url', WEATHER_API_BASE_URL: 'http://x' })).toThrow(
    'DATA_API_URL is not a URL',
  );
  expect(() => loadConfig({ WEATHER_API_BASE_URL: 'http://x' })).toThrow('DATA_API_URL is not set');
  expect(() =>
    loadConfig({
      DATA_API_URL: 'http://x',
      WEATHER_API_BASE_URL: 'http://x',
      REDIS_URL: 'localhost',
    }),
  ).toThrow('REDIS_URL must look like redis://host:port');
});
