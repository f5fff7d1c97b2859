// Exercise 02: concurrent fetch. The lesson is in ../README.md.
//
// This is the tutorials' `/weather/sync`: it works, one request at a time.
// Keep what each function returns, and fan the requests out.
// Grade your work with `pnpm test 02`.

export type CityWeather = { city: string; temperature: number; condition: string };
export type CityError = { city: string; error: string };

export interface WeatherOptions {
  /** The weather API's base URL, e.g. https://api.weatherapi.com */
  baseUrl: string;
  apiKey: string;
  /** Each call is aborted after this many ms (default 2000). */
  timeoutMs?: number;
  /** At most this many calls in flight; all at once when not given. */
  concurrency?: number;
}

/**
 * GETs every URL at once and resolves with the parsed JSON bodies in input
 * order. A non-2xx answer rejects with an Error naming the URL and the status.
 */
export async function fetchAll(
  urls: readonly string[],
  init?: { signal?: AbortSignal },
): Promise<unknown[]> {
  // TODO: start every request before awaiting any (hint 1).
  const bodies: unknown[] = [];
  for (const url of urls) {
    bodies.push(await getJson(url, init?.signal));
  }
  return bodies;
}

async function getJson(url: string, signal: AbortSignal | undefined): Promise<unknown> {
  const response = await fetch(url, signal ? { signal } : {});
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`);
  }
  return response.json();
}

/**
 * The current weather of every city, in input order. A city that fails
 * (non-2xx, malformed body, failed connection, timeout) becomes `{ city, error }` and never fails
 * the others.
 */
export async function getWeather(
  cities: readonly string[],
  options: WeatherOptions,
): Promise<Array<CityWeather | CityError>> {
  // TODO: every city at once, or at most `options.concurrency` in flight (hints 2 to 5).
  const results: Array<CityWeather | CityError> = [];
  for (const city of cities) {
    results.push(await cityWeather(city, options));
  }
  return results;
}

/** One city's weather, or what went wrong with it. */
async function cityWeather(
  city: string,
  options: WeatherOptions,
): Promise<CityWeather | CityError> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const url = new URL('/v1/current.json', options.baseUrl);
  url.searchParams.set('key', options.apiKey);
  url.searchParams.set('q', city);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
      return { city, error: `the weather API answered ${response.status} ${response.statusText}` };
    }
    const body = (await response.json()) as {
      current?: { temp_c?: unknown; condition?: { text?: unknown } };
    };
    const temperature = body.current?.temp_c;
    const condition = body.current?.condition?.text;
    if (typeof temperature !== 'number' || typeof condition !== 'string') {
      return { city, error: 'malformed answer: no current.temp_c or current.condition.text' };
    }
    return { city, temperature, condition };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return { city, error: `timed out after ${timeoutMs} ms` };
    }
    if (error instanceof SyntaxError) {
      return { city, error: `malformed answer: the body is not JSON (${error.message})` };
    }
    return {
      city,
      error: `request failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
