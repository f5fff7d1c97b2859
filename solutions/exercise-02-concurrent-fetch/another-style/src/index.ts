// Exercise 02, solved another way: every answer awaited before any body is
// read, a semaphore of waiting resolvers for the limit, and a timer of its own
// per call. It replaces the solution's index.ts and must score what it scores.

export type CityWeather = { city: string; temperature: number; condition: string };
export type CityError = { city: string; error: string };

export interface WeatherOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  concurrency?: number;
}

export async function fetchAll(
  urls: readonly string[],
  init?: { signal?: AbortSignal },
): Promise<unknown[]> {
  // Every answer first (one await for all, so no rejection is left unheard), then every body.
  const responses = await Promise.all(
    urls.map((url) => fetch(url, { signal: init?.signal ?? null })),
  );
  const failed = responses.findIndex((response) => response.status < 200 || response.status > 299);
  if (failed !== -1) throw new Error(`${urls[failed]}: status ${responses[failed]?.status}`);
  return Promise.all(responses.map((response) => response.json()));
}

/** Lets `size` holders in at a time; the others wait in line for a place. */
function semaphore(size: number): () => Promise<() => void> {
  let free = size;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  };
  return async () => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    return release;
  };
}

export function getWeather(
  cities: readonly string[],
  options: WeatherOptions,
): Promise<Array<CityWeather | CityError>> {
  const enter = semaphore(options.concurrency ?? Number.POSITIVE_INFINITY);
  return Promise.all(
    cities.map(async (city) => {
      const leave = await enter();
      try {
        return await askFor(city, options);
      } finally {
        leave();
      }
    }),
  );
}

async function askFor(city: string, options: WeatherOptions): Promise<CityWeather | CityError> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const query = new URLSearchParams({ key: options.apiKey, q: city });
  try {
    const response = await fetch(`${options.baseUrl}/v1/current.json?${query}`, {
      signal: controller.signal,
    });
    if (!response.ok) return { city, error: `upstream status ${response.status}` };
    const text = await response.text();
    let body: { current?: { temp_c?: unknown; condition?: { text?: unknown } } };
    try {
      body = JSON.parse(text);
    } catch {
      return { city, error: 'malformed body: not JSON' };
    }
    const { temp_c: temperature, condition } = body.current ?? {};
    if (typeof temperature !== 'number' || typeof condition?.text !== 'string') {
      return { city, error: 'malformed body: current.temp_c or current.condition.text missing' };
    }
    return { city, temperature, condition: condition.text };
  } catch (error) {
    if (controller.signal.aborted) return { city, error: `timeout after ${timeoutMs} ms` };
    return { city, error: `fetch failed: ${error instanceof Error ? error.message : error}` };
  } finally {
    clearTimeout(timer);
  }
}
