import { check, expectThat, formatMs, sleep } from '@kit/grading';
import {
  databaseThatNeverConnects,
  FLAGS_URL,
  SILENT_FLAGS_URL,
  silentFlags,
  startApp,
  startSpans,
  watchDependencies,
} from './providers-app.ts';

const TIMEOUT_MS = 800;
/** `startupTimeoutMs()` without STARTUP_TIMEOUT_MS: a timer that fires at it read the setting too early. */
const DEFAULT_TIMEOUT_MS = 5_000;

type Attempt = Awaited<ReturnType<typeof startApp>>;

/** The expectations every dependency that never answers is held to: start-up fails in time, naming it. */
function expectStartStopped(
  attempt: Attempt,
  dependency: {
    readonly name: string;
    readonly named: RegExp;
    readonly silent: string;
    /** What of it makes the timer's rejection the only way out, if anything does. */
    readonly onlyARejectionEnds?: string;
  },
  timeline: ReturnType<typeof startSpans>,
): void {
  const atDefault =
    !attempt.hung && !attempt.app && Math.abs(attempt.ms - DEFAULT_TIMEOUT_MS) <= 400;
  expectThat(!attempt.hung && !attempt.app, {
    measured: attempt.hung
      ? `start-up had not ended after ${formatMs(attempt.ms)} ms`
      : `start-up succeeded after ${formatMs(attempt.ms)} ms`,
    expected: `start-up fails about ${TIMEOUT_MS} ms in (STARTUP_TIMEOUT_MS=${TIMEOUT_MS}), ${dependency.silent}`,
    meaning: `An await on a dependency that never answers waits forever: the process is up, listens to nothing, and says nothing. Bound each dependency's start with a timer (startupTimeoutMs()) that rejects${
      dependency.onlyARejectionEnds ? `: ${dependency.onlyARejectionEnds}` : ''
    }.`,
    hint: 2,
    timeline,
  });
  const message = String((attempt.error as Error | undefined)?.message ?? attempt.error);
  expectThat(dependency.named.test(message), {
    measured: `the error, ${dependency.silent}: ${JSON.stringify(message.slice(0, 200))}`,
    expected: `an error that names ${dependency.name}`,
    meaning:
      'Whoever reads the log must know which dependency did not answer: "timeout" alone sends them looking at all three.',
    hint: 2,
    timeline,
  });
  expectThat(attempt.ms >= TIMEOUT_MS - 50 && attempt.ms <= TIMEOUT_MS + 500, {
    measured: `start-up failed after ${formatMs(attempt.ms)} ms, ${dependency.silent}`,
    expected: `between ${TIMEOUT_MS - 50} and ${TIMEOUT_MS + 500} ms: the time STARTUP_TIMEOUT_MS gives`,
    meaning: atDefault
      ? `Your timer fired at ${formatMs(attempt.ms)} ms: the ${DEFAULT_TIMEOUT_MS} ms default. STARTUP_TIMEOUT_MS was read before the app was created (when app.module.ts was imported, a constant at its top): the grader sets it for this app, after the import. Call startupTimeoutMs() in the provider's factory, when the provider is made.`
      : 'The timeout is a setting: read startupTimeoutMs() when the app starts, rather than a number in the code.',
    hint: 2,
    timeline,
  });
}

check(
  'a dependency that never answers fails start-up within STARTUP_TIMEOUT_MS, naming it',
  { points: 3, hint: 2 },
  async () => {
    const flagsWatch = await watchDependencies();
    // Waited for past the default, so that a timer that used it is told apart from none at all.
    const flagsAttempt = await startApp(
      { FLAGS_URL: SILENT_FLAGS_URL, STARTUP_TIMEOUT_MS: String(TIMEOUT_MS) },
      DEFAULT_TIMEOUT_MS + 600,
    );
    flagsWatch.stop();
    const flagsTimeline = startSpans(flagsWatch.events);
    expectStartStopped(
      flagsAttempt,
      { name: 'the feature flags', named: /flag/i, silent: 'the flag service never answering' },
      flagsTimeline,
    );
    await sleep(100); // the abort is on its way
    expectThat(silentFlags.asked > 0 && silentFlags.abandoned === silentFlags.asked, {
      measured: `${silentFlags.asked} request(s) to the flag service, ${silentFlags.abandoned} of them given up when start-up failed`,
      expected: 'the request to the flag service aborted when its time was up',
      meaning:
        'A timer that rejects ends the wait, not the request: without the signal FeatureFlags.load was given, its fetch stays open to a service that never answers, for as long as the process lives. Abort the signal when the time is up.',
      hint: 2,
      timeline: flagsTimeline,
    });

    // A second member of the class: a dependency that takes no signal, so that a bound which only
    // aborts (and never rejects) is told apart from one that holds for every dependency.
    const restore = await databaseThatNeverConnects();
    const databaseWatch = await watchDependencies();
    const databaseAttempt = await startApp(
      { FLAGS_URL, STARTUP_TIMEOUT_MS: String(TIMEOUT_MS) },
      TIMEOUT_MS + 900,
    ).finally(restore);
    databaseWatch.stop();
    expectStartStopped(
      databaseAttempt,
      {
        name: 'the database',
        named: /database|pool/i,
        silent: 'the database never connecting',
        onlyARejectionEnds:
          'Database.connect() takes no signal, so only a timer that rejects ends the wait for it',
      },
      startSpans(databaseWatch.events),
    );
  },
);
