import { http, type RequestHandler } from 'msw';
import { dataRoute, type FakeDataOptions } from './data.ts';
import type { FakeRoute } from './route.ts';
import { type FakeWeatherOptions, weatherRoute } from './weather.ts';

/** A fake route as an MSW handler, for graders and tests that intercept `fetch`. */
export function asMswHandler(route: FakeRoute): RequestHandler {
  return http.get(`${route.baseUrl}${route.path}`, ({ request, params }) =>
    route.answer(
      request,
      Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)])),
    ),
  );
}

/**
 * The fake weather API as an MSW handler.
 *
 * @example
 * upstream.use(fakeWeatherApi({ cities: SAMPLE_CITIES, tracker }));
 */
export function fakeWeatherApi(options: FakeWeatherOptions): RequestHandler {
  return asMswHandler(weatherRoute(options));
}

/**
 * The fake data API as an MSW handler.
 *
 * @example
 * upstream.use(fakeDataApi({ delayMs: 1000 }));
 */
export function fakeDataApi(options: FakeDataOptions): RequestHandler {
  return asMswHandler(dataRoute(options));
}
