// For graders and tests: the fake upstream APIs as MSW handlers. The running app
// imports `@kit/fake-upstream/server` instead, which loads no MSW.
export { FAKE_DATA_API, type FakeDataOptions } from './data.ts';
export { asMswHandler, fakeDataApi, fakeWeatherApi } from './msw.ts';
export {
  type CityBehaviour,
  FAKE_WEATHER_API,
  type FakeWeatherOptions,
  SAMPLE_CITIES,
} from './weather.ts';
