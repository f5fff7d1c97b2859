import { recordStream } from '@kit/measure';
import request from 'supertest';
import { beforeAll, expect, test } from 'vitest';
import { referenceApp } from './app.ts';
import { serveUpstreams } from './upstream.ts';

const app = referenceApp();
let baseUrl: string;
let http: ReturnType<typeof request>;

beforeAll(async () => {
  ({ baseUrl } = await app());
  http = request(baseUrl);
});

test('GET /fetch-data makes its two upstream calls at once', async () => {
  const tracker = serveUpstreams(200);
  const response = await http.get('/fetch-data');
  expect(response.body).toMatchObject({ first: { id: '1' }, second: { id: '2' } });
  expect(tracker.peak).toBe(2);
});

test('GET /weather/sync calls one city after another, /weather/async all at once', async () => {
  const sync = serveUpstreams();
  const one = await http.get('/weather/sync');
  expect(sync.peak).toBe(1);
  const all = serveUpstreams();
  const five = await http.get('/weather/async');
  expect(all.peak).toBe(5);
  expect(five.body.weather).toEqual(one.body.weather);
  expect(five.body.weather).toHaveLength(5);
  expect(one.body.elapsedMs).toBeGreaterThan(2.5 * five.body.elapsedMs);
});

test('GET /rows streams NDJSON as the rows come, and /rows/events ends with an end event', async () => {
  const lines = await recordStream(`${baseUrl}/rows?count=4&delayMs=100`);
  expect(lines.lines).toHaveLength(4);
  expect((lines.lines[3]?.at ?? 0) - (lines.lines[0]?.at ?? 0)).toBeGreaterThanOrEqual(250);
  const events = await recordStream(`${baseUrl}/rows/events?count=2&delayMs=0`);
  expect(events.events.map((event) => event.value.event)).toEqual(['message', 'message', 'end']);
});
