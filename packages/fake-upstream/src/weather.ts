import { type InFlightTracker, sleep } from '@kit/measure';
import type { FakeRoute } from './route.ts';
import { trackedAnswer } from './tracked-answer.ts';

/** Where the fake weather API answers, and the key it accepts. */
export const FAKE_WEATHER_API = {
  baseUrl: 'https://api.weather.test',
  apiKey: 'workshop-key',
} as const;

/** How the fake API answers for one city. */
export type CityBehaviour =
  | {
      readonly kind: 'ok';
      readonly temperature: number;
      readonly condition: string;
      readonly delayMs: number;
    }
  | { readonly kind: 'status'; readonly status: number; readonly delayMs: number }
  | { readonly kind: 'malformed'; readonly delayMs: number }
  /** JSON, but not the weather: a temperature and no condition, as an API's new version might send. */
  | { readonly kind: 'shapeless'; readonly delayMs: number }
  /** The connection fails: `fetch` rejects with a TypeError, as for a refused or reset connection. */
  | { readonly kind: 'unreachable'; readonly delayMs: number }
  /** Never answers; ends only when the caller aborts (or after `maxMs`, so no test hangs). */
  | { readonly kind: 'hang'; readonly maxMs?: number };

/** A few cities that answer normally, for demos and happy paths. */
export const SAMPLE_CITIES: Readonly<Record<string, CityBehaviour>> = {
  London: { kind: 'ok', temperature: 11.2, condition: 'Partly cloudy', delayMs: 200 },
  Paris: { kind: 'ok', temperature: 14.8, condition: 'Sunny', delayMs: 200 },
  Tokyo: { kind: 'ok', temperature: 18.1, condition: 'Light rain', delayMs: 200 },
  Nairobi: { kind: 'ok', temperature: 23.5, condition: 'Clear', delayMs: 200 },
  Lima: { kind: 'ok', temperature: 19.9, condition: 'Overcast', delayMs: 200 },
};

export interface FakeWeatherOptions {
  readonly cities: Readonly<Record<string, CityBehaviour>>;
  /** Counts calls in flight; one span per call, labelled with the city. */
  readonly tracker?: InFlightTracker;
  readonly baseUrl?: string;
  readonly apiKey?: string;
}

/**
 * A weatherapi.com look-alike:
 * `GET {baseUrl}/v1/current.json?key=…&q=City` answers
 * `{ location: { name }, current: { temp_c, condition: { text } } }`.
 * A wrong key is a 401 and an unknown city a 400, with weatherapi's error body.
 *
 * @example
 * const tracker = new InFlightTracker();
 * upstream.use(asMswHandler(weatherRoute({ cities: SAMPLE_CITIES, tracker })));
 * await fetch(`${FAKE_WEATHER_API.baseUrl}/v1/current.json?key=${FAKE_WEATHER_API.apiKey}&q=London`);
 * tracker.peak; // 1
 */
export function weatherRoute(options: FakeWeatherOptions): FakeRoute {
  const apiKey = options.apiKey ?? FAKE_WEATHER_API.apiKey;
  return {
    method: 'GET',
    baseUrl: options.baseUrl ?? FAKE_WEATHER_API.baseUrl,
    path: '/v1/current.json',
    answer: (request) => answerWeather(options, apiKey, request),
  };
}

function answerWeather(
  options: FakeWeatherOptions,
  apiKey: string,
  request: Request,
): Promise<Response> {
  const url = new URL(request.url);
  const city = url.searchParams.get('q') ?? '';
  return trackedAnswer(options.tracker, city || '(no city)', request, async () => {
    if (url.searchParams.get('key') !== apiKey) {
      return Response.json(
        { error: { code: 2006, message: 'API key is invalid.' } },
        { status: 401 },
      );
    }
    const behaviour = options.cities[city];
    if (!behaviour) {
      return Response.json(
        { error: { code: 1006, message: 'No matching location found.' } },
        { status: 400 },
      );
    }
    return answer(city, behaviour, request.signal);
  });
}

async function answer(
  city: string,
  behaviour: CityBehaviour,
  signal: AbortSignal,
): Promise<Response> {
  switch (behaviour.kind) {
    case 'ok':
      await sleep(behaviour.delayMs, signal);
      return Response.json({
        location: { name: city },
        current: { temp_c: behaviour.temperature, condition: { text: behaviour.condition } },
      });
    case 'status':
      await sleep(behaviour.delayMs, signal);
      return Response.json(
        { error: { code: 9999, message: 'Internal application error.' } },
        { status: behaviour.status },
      );
    case 'malformed':
      await sleep(behaviour.delayMs, signal);
      return new Response('<html>upstream maintenance</html>', {
        headers: { 'content-type': 'text/html' },
      });
    case 'shapeless':
      await sleep(behaviour.delayMs, signal);
      return Response.json({ location: { name: city }, current: { temp_c: 12.5 } });
    case 'unreachable':
      await sleep(behaviour.delayMs, signal);
      return Response.error();
    case 'hang':
      await sleep(behaviour.maxMs ?? 10_000, signal);
      return Response.json({ error: { code: 9999, message: 'Gave up waiting.' } }, { status: 504 });
  }
}
