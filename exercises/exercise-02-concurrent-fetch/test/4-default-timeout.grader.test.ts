// Apart from the other getWeather checks: it waits out the 2000 ms default, and
// in a file of its own it does so beside them (the grader runs its files side by side).
import { check, expectThat, race, show, sleep } from '@kit/grading';
import { errorOf, exercise } from './exercise.ts';
import { api, serve } from './upstream.ts';

check(
  'without timeoutMs, a city that never answers is given up after 2000 ms',
  { points: 1, hint: 4 },
  async () => {
    const { getWeather } = await exercise();
    const tracker = serve({
      Nowhere: { kind: 'hang' },
      Oslo: { kind: 'ok', temperature: 3.1, condition: 'Snow', delayMs: 100 },
    });
    // Waits past the default, not forever: a getWeather without one would hang the check.
    const given = await race([
      getWeather(['Nowhere', 'Oslo'], api).then((weather) => ({ weather, at: tracker.now() })),
      sleep(3_500).then(() => undefined),
    ]);
    expectThat(given !== undefined && given.at >= 1_900 && given.at <= 2_600, {
      measured: given
        ? `getWeather resolved after ${Math.round(given.at)} ms`
        : 'getWeather had not resolved after 3500 ms',
      expected: 'resolved between 1900 and 2600 ms: the 2000 ms default timeout',
      meaning:
        'A caller that gives no timeoutMs still gets an answer: each call is aborted after 2000 ms by default, not left to hang, and not given up sooner.',
      hint: 4,
      timeline: tracker,
    });
    expectThat(errorOf(given?.weather[0]) !== undefined, {
      measured: show(given?.weather[0]),
      expected: "{ city: 'Nowhere', error: … } for the city that never answered",
      meaning: 'The city that timed out gets its own error entry.',
      hint: 4,
    });
  },
);
