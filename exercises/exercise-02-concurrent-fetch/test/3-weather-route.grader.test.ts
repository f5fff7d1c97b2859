import { FAKE_WEATHER_API, fakeWeatherApi, SAMPLE_CITIES } from '@kit/fake-upstream';
import {
  appUnderTest,
  check,
  expectAllAtOnce,
  expectEqual,
  expectThat,
  InFlightTracker,
} from '@kit/grading';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { appModule } from './exercise.ts';
import { upstream } from './upstream.ts';

// The route reads its upstream from configuration, as it would in production.
process.env.WEATHER_API_BASE_URL = FAKE_WEATHER_API.baseUrl;
process.env.WEATHER_API_KEY = FAKE_WEATHER_API.apiKey;

/** The learner's AppModule as a running Nest app, created once for this file. */
const app = appUnderTest(async () => {
  const { AppModule } = await appModule();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  return moduleRef.createNestApplication({ logger: false });
});

function serveSampleCities() {
  const tracker = new InFlightTracker();
  upstream.use(fakeWeatherApi({ cities: SAMPLE_CITIES, tracker }));
  return tracker;
}

check(
  'GET /weather answers { elapsedMs, weather } for the cities asked',
  { points: 2, hint: 5 },
  async () => {
    const { baseUrl } = await app();
    serveSampleCities();
    const response = await request(baseUrl).get('/weather?cities=London,Paris');
    expectEqual('status', response.status, 200, {
      meaning: 'The happy path answers 200.',
      hint: 5,
    });
    expectThat(typeof response.body.elapsedMs === 'number', {
      measured: `elapsedMs: ${JSON.stringify(response.body.elapsedMs)}`,
      expected: 'elapsedMs is a number of milliseconds',
      meaning: 'The route reports how long the upstream calls took.',
      hint: 5,
    });
    expectEqual(
      'weather',
      response.body.weather,
      [
        { city: 'London', temperature: 11.2, condition: 'Partly cloudy' },
        { city: 'Paris', temperature: 14.8, condition: 'Sunny' },
      ],
      {
        meaning: 'The route answers what getWeather returns for the cities in the query.',
        hint: 5,
      },
    );
  },
);

check('GET /weather fetches the cities concurrently', { points: 2, hint: 5 }, async () => {
  const { baseUrl } = await app();
  const tracker = serveSampleCities();
  const cities = Object.keys(SAMPLE_CITIES);
  await request(baseUrl).get(`/weather?cities=${cities.join(',')}`);
  expectAllAtOnce(tracker, {
    noun: 'upstream calls',
    count: cities.length,
    hint: 5,
    usualCause: 'The route fans out when getWeather does.',
  });
});

check(
  'GET /weather without cities is a 400 that says what to send',
  { points: 1, hint: 5 },
  async () => {
    const { baseUrl } = await app();
    for (const path of ['/weather', '/weather?cities=', '/weather?cities=,%20,']) {
      const response = await request(baseUrl).get(path);
      expectEqual(`status of GET ${path}`, response.status, 400, {
        meaning:
          'A request without a city is the client’s mistake: answer 400, not 200 with nothing or a 500.',
        hint: 5,
      });
      expectThat(/cit(y|ies)/i.test(String(response.body.message)), {
        measured: `message: ${JSON.stringify(response.body.message)}`,
        expected: 'a message that mentions the cities to give',
        meaning: 'The 400 tells the caller what to send instead.',
        hint: 5,
      });
    }
  },
);
