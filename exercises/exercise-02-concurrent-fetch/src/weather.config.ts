/** The configuration the weather route needs, read from the environment. */
export interface WeatherConfig {
  WEATHER_API_BASE_URL: string;
  WEATHER_API_KEY: string;
}

/**
 * Validates the environment at start-up: a missing variable stops the app
 * with a message that says which one and how to set it.
 */
export function validateWeatherConfig(env: Record<string, unknown>): WeatherConfig {
  const missing = (['WEATHER_API_BASE_URL', 'WEATHER_API_KEY'] as const).filter(
    (name) => typeof env[name] !== 'string' || env[name] === '',
  );
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set. Set ${missing.length === 1 ? 'it' : 'them'} before starting the app, e.g. WEATHER_API_BASE_URL=https://api.weatherapi.com WEATHER_API_KEY=<your key>.`,
    );
  }
  const baseUrl = String(env.WEATHER_API_BASE_URL);
  if (!URL.canParse(baseUrl)) {
    throw new Error(
      `WEATHER_API_BASE_URL is not a URL: "${baseUrl}". Give one such as https://api.weatherapi.com.`,
    );
  }
  return { WEATHER_API_BASE_URL: baseUrl, WEATHER_API_KEY: String(env.WEATHER_API_KEY) };
}
