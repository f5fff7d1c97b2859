// The one MSW server of this grader. Importing this file registers its life cycle
// in the importing test file.
import { FAKE_WEATHER_API, fakeWeatherApi } from '@kit/fake-upstream';
import { createUpstreamServer } from '@kit/grading';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const upstream = createUpstreamServer();

beforeAll(async () => {
  upstream.listen();
  // The first mocked answer of a process is slow (module loading); pay it here, not in a timed check.
  upstream.use(
    fakeWeatherApi({
      cities: { Warmup: { kind: 'ok', temperature: 0, condition: 'Clear', delayMs: 0 } },
    }),
  );
  await fetch(
    `${FAKE_WEATHER_API.baseUrl}/v1/current.json?key=${FAKE_WEATHER_API.apiKey}&q=Warmup`,
  );
  upstream.resetHandlers();
});
afterEach(() => upstream.resetHandlers());
afterAll(() => upstream.close());
