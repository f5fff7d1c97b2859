import { check, expectFigure, expectThat, formatMs } from '@kit/grading';
import {
  type DependencyEvent,
  FLAGS_URL,
  SEQUENTIAL_MS,
  STARTS,
  startApp,
  started,
  startSpans,
  watchDependencies,
} from './providers-app.ts';

/** One start-up of the learner's app, watched: once per file. */
let run: ReturnType<typeof watchedStartup> | undefined;
async function watchedStartup() {
  const watch = await watchDependencies();
  const attempt = await startApp({ FLAGS_URL }, 4_000);
  // The reports travel on a channel: the last ones (a ready) can still be on their way.
  await watch.markHeard('start-up returned');
  watch.stop();
  started(attempt);
  return { events: watch.events, ms: attempt.ms, timeline: startSpans(watch.events) };
}
const startup = () => {
  run ??= watchedStartup();
  return run;
};

/** The dependencies starting (started, not yet ready) at each report, in order. */
function startingAtOnce(events: readonly DependencyEvent[]): Set<string>[] {
  const starting = new Set<string>();
  return events.map((event) => {
    if (event.event === 'starting') starting.add(event.dependency);
    if (event.event === 'ready') starting.delete(event.dependency);
    return new Set(starting);
  });
}

check(
  'the database and the feature flags start at the same time',
  { points: 3, hint: 1 },
  async () => {
    const { events, timeline } = await startup();
    const peak = Math.max(0, ...startingAtOnce(events).map((set) => set.size));
    const together = startingAtOnce(events).some(
      (set) => set.has('database') && set.has('feature flags'),
    );
    expectThat(together, {
      measured: `peak dependencies starting at once: ${peak}; the database and the flags ${together ? 'overlapped' : 'never overlapped'}`,
      expected:
        'the database and the feature flags starting at the same time (neither needs the other)',
      meaning:
        "One factory that awaits each dependency in turn makes the flags wait for the database although they have nothing to do with each other. Give each dependency a provider of its own: Nest starts a module's providers together, each waiting only for what it injects.",
      hint: 1,
      timeline,
    });
  },
);

check(
  'the cache starts as soon as the database is ready, without waiting for the flags',
  { points: 2, hint: 1 },
  async () => {
    const { events, timeline } = await startup();
    const index = (dependency: string, event: string) =>
      events.findIndex((seen) => seen.dependency === dependency && seen.event === event);
    const cacheStarts = index('cache', 'starting');
    const databaseReady = index('database', 'ready');
    const flagsReady = index('feature flags', 'ready');
    expectThat(
      cacheStarts > databaseReady &&
        databaseReady >= 0 &&
        (flagsReady === -1 || cacheStarts < flagsReady),
      {
        measured: `the cache started ${
          cacheStarts === -1
            ? 'never'
            : `after ${events
                .slice(0, cacheStarts)
                .map((event) => `${event.dependency} ${event.event}`)
                .join(', ')}`
        }`,
        expected: `the cache started after the database was ready (${STARTS.database} ms) and before the flags were (${STARTS.flags} ms)`,
        meaning:
          'The cache is warmed from the database, so it must wait for it, and for nothing else: inject only the database into its factory. Waiting for the flags too adds their time to start-up for no reason.',
        hint: 1,
        timeline,
      },
    );
  },
);

check(
  'start-up takes about the slowest chain (database then cache), not the sum of all three',
  { points: 3, hint: 1 },
  async () => {
    const { events, ms, timeline } = await startup();
    // From the first start to the last ready: Nest's own work before and after (compiling
    // the module, the hooks) is no choice of the learner's, and a busy machine stretches it.
    const times = (event: DependencyEvent['event']) =>
      events.filter((report) => report.event === event).map((report) => report.at);
    const ready = new Set(
      events.filter((report) => report.event === 'ready').map((report) => report.dependency),
    );
    expectThat(ready.size === 3, {
      measured: `start-up ended in ${formatMs(ms)} ms with ${ready.size === 0 ? 'no dependency' : [...ready].join(' and ')} ready`,
      expected: 'the database, the feature flags and the cache each started and ready',
      meaning:
        'The app must start its three dependencies through the provided classes, which tell the grader when each starts and is ready.',
      hint: 1,
      timeline,
    });
    const span = Math.max(...times('ready')) - Math.min(...times('starting'));
    expectFigure({
      label:
        "the dependencies' start-up, from the first start to the last ready, as a share of the three one after another",
      measured: span / SEQUENTIAL_MS,
      atMost: 0.75,
      meaning: `The dependencies took ${formatMs(span)} ms from the first start to the last ready (the whole start-up ${formatMs(ms)} ms); one after another the three take ${SEQUENTIAL_MS} ms (${STARTS.database} + ${STARTS.flags} + ${STARTS.cache}), and the slowest chain is ${Math.max(STARTS.database + STARTS.cache, STARTS.flags)} ms. Every dependency that waits for another it does not need adds its time.`,
      hint: 1,
      timeline,
    });
  },
);
