import { useUpstreamServer } from '@kit/grading/upstream';
import { InFlightTracker } from '@kit/measure';
import { expect, test } from 'vitest';
import { FAKE_WEATHER_API, fakeWeatherApi, SAMPLE_CITIES } from '../src/index.ts';

const upstream = useUpstreamServer();

const current = (city: string, key: string = FAKE_WEATHER_API.apiKey) =>
  fetch(`${FAKE_WEATHER_API.baseUrl}/v1/current.json?key=${key}&q=${encodeURIComponent(city)}`);

test('a known city answers in the weatherapi.com shape', async () => {
  upstream.use(fakeWeatherApi({ cities: SAMPLE_CITIES }));
  const response = await current('London');
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    location: { name: 'London' },
    current: { temp_c: 11.2, condition: { text: 'Partly cloudy' } },
  });
});

test('a wrong key is a 401 and an unknown city a 400, with error bodies', async () => {
  upstream.use(fakeWeatherApi({ cities: SAMPLE_CITIES }));
  expect((await current('London', 'wrong')).status).toBe(401);
  const unknown = await current('Atlantis');
  expect(unknown.status).toBe(400);
  expect(await unknown.json()).toEqual({
    error: { code: 1006, message: 'No matching location found.' },
  });
});

test('failing behaviours answer a status, a body that is not JSON, JSON that is not the weather, or no connection', async () => {
  upstream.use(
    fakeWeatherApi({
      cities: {
        Broken: { kind: 'status', status: 500, delayMs: 0 },
        Garbled: { kind: 'malformed', delayMs: 0 },
        Shapeless: { kind: 'shapeless', delayMs: 0 },
        Unreachable: { kind: 'unreachable', delayMs: 0 },
      },
    }),
  );
  expect((await current('Broken')).status).toBe(500);
  await expect((await current('Garbled')).json()).rejects.toThrow();
  const shapeless = await current('Shapeless');
  expect(shapeless.status).toBe(200);
  expect(await shapeless.json()).toEqual({
    location: { name: 'Shapeless' },
    current: { temp_c: 12.5 },
  });
  await expect(current('Unreachable')).rejects.toThrow(TypeError);
});

test('calls are tracked in flight, and a hanging call ends when the caller aborts', async () => {
  const tracker = new InFlightTracker();
  upstream.use(
    fakeWeatherApi({ cities: { ...SAMPLE_CITIES, Nowhere: { kind: 'hang' } }, tracker }),
  );
  const controller = new AbortController();
  const hanging = fetch(
    `${FAKE_WEATHER_API.baseUrl}/v1/current.json?key=${FAKE_WEATHER_API.apiKey}&q=Nowhere`,
    {
      signal: controller.signal,
    },
  );
  await Promise.all([current('London'), current('Paris')]);
  expect(tracker.peak).toBe(3);
  controller.abort();
  await expect(hanging).rejects.toThrow();
  await expect.poll(() => tracker.current, { timeout: 1_000 }).toBe(0);
});
