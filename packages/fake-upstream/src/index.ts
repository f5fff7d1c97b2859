export { FAKE_DATA_API, type FakeDataOptions, fakeDataApi } from './data.ts';
export { type FakeUpstreamServer, startFakeUpstream } from './server.ts';
export {
  type CityBehaviour,
  FAKE_WEATHER_API,
  type FakeWeatherOptions,
  fakeWeatherApi,
  SAMPLE_CITIES,
} from './weather.ts';
