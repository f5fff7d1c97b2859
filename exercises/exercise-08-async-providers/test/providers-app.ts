import { BroadcastChannel } from 'node:worker_threads';
import {
  afterFile,
  deferred,
  GradingFailure,
  learnerModule,
  listenToReports,
  now,
  sleep,
  within,
} from '@kit/grading';
import { useUpstreamServer } from '@kit/grading/upstream';
import { Test } from '@nestjs/testing';
import { delay, HttpResponse, http } from 'msw';

const appModule = learnerModule('src/app.module.ts', () => import('#exercise/app.module.ts'), [
  'AppModule',
]);
const database = learnerModule(
  'src/dependencies/database.ts',
  () => import('#exercise/dependencies/database.ts'),
  [],
);
const provided = learnerModule(
  'src/dependencies/report.ts',
  () => import('#exercise/dependencies/report.ts'),
  ['report'],
);

/** How long each dependency takes to start, as the provided ones do (the flags as the grader's fake answers). */
export const STARTS = { database: 400, flags: 600, cache: 200 } as const;
/** All three one after another. */
export const SEQUENTIAL_MS = STARTS.database + STARTS.flags + STARTS.cache;

/** The feature-flag service, answering after 600 ms; another that never answers. */
export const FLAGS_URL = 'http://flags.test';
export const SILENT_FLAGS_URL = 'http://flags-silent.test';
/** Requests to the silent flag service: how many came, and how many their client gave up. */
export const silentFlags = { asked: 0, abandoned: 0 };
useUpstreamServer(
  http.get(`${FLAGS_URL}/flags`, async () => {
    await delay(STARTS.flags);
    return HttpResponse.json({ flags: { 'new-checkout': true } });
  }),
  http.get(`${SILENT_FLAGS_URL}/flags`, async ({ request }) => {
    silentFlags.asked += 1;
    request.signal.addEventListener('abort', () => {
      silentFlags.abandoned += 1;
    });
    await delay('infinite');
    return HttpResponse.json({});
  }),
);

/**
 * Makes `Database.connect()` never answer, as a pool whose server is gone
 * does, until the returned function puts it back. Unlike the flags, it takes
 * no signal: only a timer that rejects ends the wait for it.
 */
export async function databaseThatNeverConnects(): Promise<() => void> {
  const { Database } = (await database()) as unknown as {
    Database: { connect: () => Promise<unknown> };
  };
  const { report } = (await provided()) as unknown as {
    report: (dependency: 'database', event: 'starting') => void;
  };
  const connect = Database.connect;
  Database.connect = () => {
    report('database', 'starting');
    return deferred<unknown>().promise;
  };
  return () => {
    Database.connect = connect;
  };
}

/** What the grader marks among the dependencies' reports. */
type Mark = 'app.close() returned' | 'start-up returned';

/** One report of a provided dependency, with when the grader heard it. */
export interface DependencyEvent {
  /** A dependency, or a mark the grader put among the reports. */
  readonly dependency: 'database' | 'feature flags' | 'cache' | Mark;
  readonly event: 'starting' | 'ready' | 'closed' | 'mark';
  readonly at: number;
}

/** Listens to the dependencies' reports from now on (src/dependencies/report.ts). */
export async function watchDependencies() {
  const { DEPENDENCIES_CHANNEL } = (await provided()) as unknown as {
    DEPENDENCIES_CHANNEL: string;
  };
  const { reports, stop } = listenToReports<Omit<DependencyEvent, 'at'>>(DEPENDENCIES_CHANNEL);
  afterFile(stop);
  return {
    events: reports as DependencyEvent[],
    stop,
    /**
     * Puts a mark among the reports: posted on the same channel from this
     * thread, it is heard after every report sent before it, whatever the
     * delay in hearing them.
     */
    mark(label: Mark) {
      const channel = new BroadcastChannel(DEPENDENCIES_CHANNEL);
      channel.postMessage({ dependency: label, event: 'mark' });
      channel.close();
    },
    /** Puts a mark and waits until it is heard, so that every report sent before it is in. */
    async markHeard(label: Mark): Promise<void> {
      this.mark(label);
      for (let waited = 0; waited < 2_000; waited += 10) {
        if (reports.some((report) => report.dependency === label)) return;
        await sleep(10);
      }
    },
  };
}

/** Each dependency's start, drawn on the grader's clock. */
export function startSpans(events: readonly DependencyEvent[]) {
  return (['database', 'feature flags', 'cache'] as const).flatMap((dependency) => {
    const starting = events.find(
      (event) => event.dependency === dependency && event.event === 'starting',
    );
    const ready = events.find(
      (event) => event.dependency === dependency && event.event === 'ready',
    );
    if (!starting) return [];
    return [
      {
        label: dependency,
        start: starting.at,
        end: ready?.at,
        outcome: ready ? ('fulfilled' as const) : ('pending' as const),
      },
    ];
  });
}

/** The learner's app with these settings, initialised; or why it could not start within `limitMs`. */
export async function startApp(
  settings: { FLAGS_URL: string; STARTUP_TIMEOUT_MS?: string },
  limitMs: number,
) {
  const { AppModule } = await appModule();
  process.env.FLAGS_URL = settings.FLAGS_URL;
  if (settings.STARTUP_TIMEOUT_MS) process.env.STARTUP_TIMEOUT_MS = settings.STARTUP_TIMEOUT_MS;
  else delete process.env.STARTUP_TIMEOUT_MS;
  const started = now();
  const starting = (async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule as never] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return app;
  })();
  const outcome = await within(starting, limitMs);
  const ms = now() - started;
  if ('expired' in outcome) return { ms, hung: true as const };
  if ('error' in outcome) return { ms, error: outcome.error };
  const app = outcome.value;
  afterFile(() => app.close().catch(() => undefined));
  return { ms, app };
}

/** The app, or a failure that says it could not start. */
export function started<T>(attempt: { app?: T; error?: unknown; hung?: true; ms: number }): T {
  if (attempt.app) return attempt.app;
  throw new GradingFailure({
    measured: attempt.hung
      ? `start-up had not ended after ${Math.round(attempt.ms)} ms`
      : `start-up failed after ${Math.round(attempt.ms)} ms: ${String((attempt.error as Error)?.message ?? attempt.error)}`,
    expected: 'the app starts, with the feature-flag service answering in 600 ms',
    meaning: 'The grader could not start your AppModule: fix what the message names first.',
    hint: 1,
  });
}
