// The one MSW server of the app's tests: fake upstream APIs, loopback passes through.
import {
  FAKE_DATA_API,
  FAKE_WEATHER_API,
  fakeDataApi,
  fakeWeatherApi,
  SAMPLE_CITIES,
} from '@kit/fake-upstream';
import { useUpstreamServer } from '@kit/grading/upstream';
import { InFlightTracker } from '@kit/measure';

export const upstream = useUpstreamServer();

/** Serves the fake weather and data APIs, counting calls in flight. */
export function serveUpstreams(dataDelayMs = 200) {
  const tracker = new InFlightTracker();
  upstream.use(
    fakeWeatherApi({ cities: SAMPLE_CITIES, tracker }),
    fakeDataApi({ delayMs: dataDelayMs, tracker }),
  );
  return tracker;
}

export const UPSTREAM_ENV = {
  DATA_API_URL: FAKE_DATA_API.baseUrl,
  WEATHER_API_BASE_URL: FAKE_WEATHER_API.baseUrl,
  WEATHER_API_KEY: FAKE_WEATHER_API.apiKey,
};
