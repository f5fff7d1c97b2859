// The one MSW server of this grader; importing this file sets it up for the importing test file.
import { type CityBehaviour, FAKE_WEATHER_API, fakeWeatherApi } from '@kit/fake-upstream';
import { InFlightTracker } from '@kit/grading';
import { useUpstreamServer } from '@kit/grading/upstream';
import { beforeAll } from 'vitest';

export const upstream = useUpstreamServer();

// The first mocked answer of a process is slow (module loading); pay it here, not in a timed check.
beforeAll(async () => {
  upstream.use(
    fakeWeatherApi({
      cities: { Warmup: { kind: 'ok', temperature: 0, condition: 'Clear', delayMs: 0 } },
    }),
  );
  // biome-ignore lint/style/noRestrictedGlobals: the warm-up goes through MSW's patched fetch, as the learner's calls do.
  await fetch(
    `${FAKE_WEATHER_API.baseUrl}/v1/current.json?key=${FAKE_WEATHER_API.apiKey}&q=Warmup`,
  );
  upstream.resetHandlers();
});

/** The fake weather API's address and key, as getWeather is given them. */
export const api = { baseUrl: FAKE_WEATHER_API.baseUrl, apiKey: FAKE_WEATHER_API.apiKey };

/** Makes the fake weather API answer for `cities`, each call tracked. */
export function serve(cities: Record<string, CityBehaviour>): InFlightTracker {
  const tracker = new InFlightTracker();
  upstream.use(fakeWeatherApi({ cities, tracker }));
  return tracker;
}
