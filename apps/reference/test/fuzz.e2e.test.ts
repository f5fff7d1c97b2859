import { expect, test } from 'vitest';
import { referenceApp } from './app.ts';
import { serveUpstreams } from './upstream.ts';

const app = referenceApp(() => ({ MAX_UPLOAD_BYTES: '4096' }));

/** Values no route accepts where a number, an id or a single value is due. */
const BAD_VALUES = [
  '',
  ' ',
  '-1',
  '1.5',
  'abc',
  'NaN',
  'Infinity',
  '1e999',
  '0x10',
  '9'.repeat(400),
  '-'.repeat(50),
  '%00',
  '%FF%FE',
  '..%2F..%2Fetc%2Fpasswd',
  '%F0%9F%92%A5',
  '<script>',
  "' OR 1=1 --",
  '{"a":1}',
  '[1,2]',
  'null',
  'undefined',
  'true',
  '100001',
  '5000001',
];

/** Query strings built around a parameter `name`: wrong values, repeated keys, nested keys. */
function badQueries(name: string): string[] {
  return [
    ...BAD_VALUES.map((value) => `${name}=${value}`),
    `${name}=1&${name}=2`,
    `${name}=1&${name}=abc&${name}=3`,
    `${name}[]=1`,
    `${name}[a]=1`,
    `${name}[a][b]=1`,
    name,
    `${name}=`,
    `${name}=${'1'.repeat(10_000)}`,
  ];
}

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly queryNames: string[];
  readonly pathNames: string[];
}

/** Every operation of the app, from its own OpenAPI document: a route added later is fuzzed too. */
async function operations(baseUrl: string): Promise<Operation[]> {
  const document = (await (await fetch(`${baseUrl}/docs-json`)).json()) as {
    paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      queryNames: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      pathNames: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''),
    })),
  );
}

/** Malformed requests for one operation: bad path values, bad queries, bad bodies and types. */
function malformed(operation: Operation): RequestInit & { url: string }[] {
  const requests: Array<RequestInit & { url: string }> = [];
  const fill = (value: string) =>
    operation.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(value).replace(/%25/g, '%'));
  const basePath = fill('1');
  for (const value of operation.pathNames.length > 0 ? BAD_VALUES : []) {
    if (value.trim() === '') continue;
    requests.push({ url: fill(value), method: operation.method });
  }
  // A route's own parameters, or, for a route that takes none, keys it must ignore.
  const names = operation.queryNames.length > 0 ? operation.queryNames : ['id', 'page'];
  for (const name of names) {
    for (const query of badQueries(name)) {
      requests.push({ url: `${basePath}?${query}`, method: operation.method });
    }
  }
  const bodies: Array<[string, string | Uint8Array]> = [
    ['application/json', '{"broken": '],
    ['application/json', '[]'.repeat(5_000)],
    ['text/plain', 'hello'],
    ['multipart/form-data', '--x\r\n'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\n',
    ],
    ['multipart/form-data; boundary=x', 'no boundary here at all'],
    ['application/x-www-form-urlencoded', 'a=1&a=2&a[b]=3'],
    ['application/octet-stream', new Uint8Array(8_192)],
  ];
  for (const [type, body] of bodies) {
    requests.push({ url: basePath, method: 'POST', headers: { 'content-type': type }, body });
    if (operation.method === 'POST') {
      requests.push({ url: basePath, method: 'POST', headers: { 'content-type': type }, body });
    }
  }
  return requests as unknown as RequestInit & { url: string }[];
}

const answers: Array<{ request: string; status: number }> = [];

test('at least a thousand malformed requests across every route: never a 5xx, never a crash', async () => {
  const { baseUrl } = await app();
  serveUpstreams(50);
  const requests = (await operations(baseUrl)).flatMap(
    (operation) => malformed(operation) as unknown as Array<RequestInit & { url: string }>,
  );
  expect(requests.length).toBeGreaterThanOrEqual(1_000);
  // A few at a time: malformed, not a flood.
  for (let start = 0; start < requests.length; start += 16) {
    await Promise.all(
      requests.slice(start, start + 16).map(async ({ url, ...init }) => {
        const request = `${init.method} ${url}`.slice(0, 160);
        try {
          const response = await fetch(`${baseUrl}${url}`, {
            ...init,
            signal: AbortSignal.timeout(10_000),
          });
          await response.arrayBuffer();
          answers.push({ request, status: response.status });
        } catch (error) {
          answers.push({ request: `${request}: ${String(error)}`, status: 599 });
        }
      }),
    );
  }
  const serverErrors = answers.filter((answer) => answer.status >= 500);
  expect(serverErrors).toEqual([]);
  expect((await fetch(`${baseUrl}/health`)).status).toBe(200);
}, 120_000);

test('a 400 names the field that is wrong', async () => {
  const { baseUrl } = await app();
  const answer = await fetch(`${baseUrl}/offloaded?ms=1&ms=2`);
  expect(answer.status).toBe(400);
  expect(((await answer.json()) as { message: string }).message).toMatch(/\bms\b/);
});
