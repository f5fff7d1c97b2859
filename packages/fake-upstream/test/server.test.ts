import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  dataRoute,
  FAKE_WEATHER_API,
  type FakeUpstreamServer,
  SAMPLE_CITIES,
  startFakeUpstream,
  weatherRoute,
} from '../src/server.ts';

let upstream: FakeUpstreamServer;

beforeAll(async () => {
  upstream = await startFakeUpstream((baseUrl) => [
    weatherRoute({ cities: SAMPLE_CITIES, baseUrl }),
    dataRoute({ delayMs: 50, baseUrl }),
  ]);
});
afterAll(() => upstream.close());

test('serves the fake weather API over real HTTP on loopback', async () => {
  const response = await fetch(
    `${upstream.baseUrl}/v1/current.json?key=${FAKE_WEATHER_API.apiKey}&q=Paris`,
  );
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ current: { temp_c: 14.8 } });
});

test('serves the fake data API, and a 404 for anything it does not fake', async () => {
  expect(await (await fetch(`${upstream.baseUrl}/items/7`)).json()).toEqual({ id: '7', value: 55 });
  const missing = await fetch(`${upstream.baseUrl}/nothing-here`);
  expect(missing.status).toBe(404);
});
