import type { CityBehaviour } from '@kit/fake-upstream';
import {
  check,
  conveys,
  describeSchedule,
  expectAllAtOnce,
  expectEqual,
  expectFigure,
  expectThat,
  show,
} from '@kit/grading';
import { errorOf, exercise } from './exercise.ts';
import { api, serve, upstream } from './upstream.ts';

/** `count` cities named City1…, each answering after `delayMs`. */
function healthyCities(count: number, delayMs: number): Record<string, CityBehaviour> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `City${i + 1}`,
      { kind: 'ok', temperature: 10 + i, condition: 'Sunny', delayMs } as const,
    ]),
  );
}

check(
  "getWeather returns every city's weather in input order",
  { points: 1, hint: 2 },
  async () => {
    const { getWeather } = await exercise();
    serve({
      London: { kind: 'ok', temperature: 11.2, condition: 'Partly cloudy', delayMs: 150 },
      Paris: { kind: 'ok', temperature: 14.8, condition: 'Sunny', delayMs: 50 },
    });
    const weather = await getWeather(['London', 'Paris'], api);
    expectEqual(
      'weather',
      weather,
      [
        { city: 'London', temperature: 11.2, condition: 'Partly cloudy' },
        { city: 'Paris', temperature: 14.8, condition: 'Sunny' },
      ],
      {
        meaning: 'One { city, temperature, condition } per city, in the order of the cities.',
        hint: 2,
      },
    );
  },
);

check(
  'getWeather calls the weather API for every city at once',
  { points: 3, hint: 2 },
  async () => {
    const { getWeather } = await exercise();
    const cities = healthyCities(5, 200);
    const tracker = serve(cities);
    await getWeather(Object.keys(cities), api);
    expectAllAtOnce(tracker, { noun: 'upstream calls', count: 5, eachMs: 200, hint: 2 });
  },
);

check(
  'getWeather keeps exactly `concurrency` calls in flight when it is given',
  { points: 2, hint: 3 },
  async () => {
    const { getWeather } = await exercise();
    // Two caps, neither the number of cities: a cap written into the code passes at most one.
    for (const [concurrency, count] of [
      [3, 7],
      [2, 5],
    ] as const) {
      upstream.resetHandlers();
      const cities = healthyCities(count, 150);
      const tracker = serve(cities);
      const weather = await getWeather(Object.keys(cities), { ...api, concurrency });
      expectFigure({
        label: `peak calls in flight with concurrency ${concurrency}, ${count} cities`,
        measured: tracker.peak,
        equals: concurrency,
        meaning:
          tracker.peak > concurrency
            ? 'More calls ran at once than `concurrency` allows: the cap protects the API from a burst.'
            : `The cap is a maximum to use, not to stay under: ${describeSchedule(tracker.spans)}.`,
        hint: 3,
        timeline: tracker,
      });
      expectFigure({
        label: `cities answered with concurrency ${concurrency}`,
        measured: weather.filter((entry) => 'temperature' in entry).length,
        equals: count,
        meaning: 'With a cap, every city is still fetched: the next one starts when a slot frees.',
        hint: 3,
      });
    }
  },
);

const TIMEOUT_MS = 400;
const troubled: Record<string, CityBehaviour> = {
  Oslo: { kind: 'ok', temperature: 3.1, condition: 'Snow', delayMs: 200 },
  Broken: { kind: 'status', status: 500, delayMs: 200 },
  Garbled: { kind: 'malformed', delayMs: 200 },
  Shapeless: { kind: 'shapeless', delayMs: 200 },
  Lima: { kind: 'ok', temperature: 19.9, condition: 'Overcast', delayMs: 200 },
  Nowhere: { kind: 'hang' },
  Cairo: { kind: 'ok', temperature: 28.4, condition: 'Clear', delayMs: 200 },
  Unreachable: { kind: 'unreachable', delayMs: 200 },
};

check(
  'getWeather turns each failing city into its own error entry',
  { points: 3, hint: 4 },
  async () => {
    const { getWeather } = await exercise();
    serve(troubled);
    const weather = await getWeather(Object.keys(troubled), {
      ...api,
      timeoutMs: TIMEOUT_MS,
    }).catch((error: unknown) => error);
    expectThat(Array.isArray(weather), {
      measured: `getWeather rejected with ${show(weather)}`,
      expected: 'an array with one entry per city',
      meaning:
        'One failing city must never fail the others: catch per city and return { city, error }.',
      hint: 4,
    });
    const byCity = new Map(weather.map((entry: { city?: unknown }) => [entry.city, entry]));
    expectEqual(
      'cities that succeeded',
      ['Oslo', 'Lima', 'Cairo'].map((city) => byCity.get(city)),
      [
        { city: 'Oslo', temperature: 3.1, condition: 'Snow' },
        { city: 'Lima', temperature: 19.9, condition: 'Overcast' },
        { city: 'Cairo', temperature: 28.4, condition: 'Clear' },
      ],
      { meaning: 'Healthy cities succeed whatever happens to the others.', hint: 4 },
    );
    const expectations: Array<[string, (message: string) => boolean, string]> = [
      ['Broken', (message) => /\b500\b/.test(message), 'the status the API answered (500)'],
      [
        'Garbled',
        (message) => conveys(message, 'the answer was malformed'),
        'that the answer was malformed',
      ],
      // JSON is not yet the weather: a body without current.condition.text is malformed too.
      [
        'Shapeless',
        (message) => conveys(message, 'the answer was malformed'),
        'that the answer was malformed (it has no current.condition.text)',
      ],
      ['Nowhere', (message) => conveys(message, 'the call timed out'), 'that the call timed out'],
      // A connection that fails makes fetch reject with a TypeError: a failure like the others.
      [
        'Unreachable',
        (message) => message.trim() !== '',
        'what went wrong (the connection failed)',
      ],
    ];
    for (const [city, says, what] of expectations) {
      const message = errorOf(byCity.get(city));
      expectThat(message !== undefined && says(message), {
        measured: `${city}: ${show(byCity.get(city))}`,
        expected: `{ city: '${city}', error: '…' } with a message that says ${what}`,
        meaning: 'Each failure is an entry of its own, with a message a person can act on.',
        hint: 4,
      });
    }
    expectEqual(
      'entry order',
      weather.map((entry: { city?: unknown }) => entry.city),
      Object.keys(troubled),
      {
        meaning: 'Entries, failed or not, follow the order of the cities.',
        hint: 4,
      },
    );
  },
);

check(
  'a failing city costs no more than the timeout, and its call is aborted',
  { points: 3, hint: 4 },
  async () => {
    const { getWeather } = await exercise();
    const tracker = serve(troubled);
    await getWeather(Object.keys(troubled), { ...api, timeoutMs: TIMEOUT_MS });
    const total = tracker.now();
    expectFigure({
      label: 'total time with one city hanging',
      measured: total,
      unit: 'ms',
      atMost: TIMEOUT_MS + 250,
      meaning: `The hanging city should cost its ${TIMEOUT_MS} ms timeout while the others run beside it; ${describeSchedule(tracker.spans)}.`,
      hint: 4,
      timeline: tracker,
      timelineOptions: { marks: [{ at: total, label: 'getWeather resolved' }] },
    });
    expectFigure({
      label: 'calls still in flight after getWeather resolved',
      measured: tracker.current,
      equals: 0,
      meaning:
        'A call that timed out must be aborted (pass an AbortSignal to fetch), not left running unseen.',
      hint: 4,
      timeline: tracker,
    });
  },
);
