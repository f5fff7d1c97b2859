export {
  type CityBehaviour,
  FAKE_WEATHER_API,
  type FakeWeatherOptions,
  fakeWeatherApi,
  SAMPLE_CITIES,
} from './weather.ts';
