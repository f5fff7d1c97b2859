import { appUnderTest, learnerModule, listenToReports, type Span, sleep } from '@kit/grading';
import { Test } from '@nestjs/testing';

/**
 * The pool the graders ask for: three threads, two counts waiting at most.
 * Neither is a default on any machine (one thread per core, a queue of twice
 * the pool), so a pool that ignores the settings cannot pass for one that
 * reads them.
 */
export const POOL = { threads: 3, queue: 2 } as const;
process.env.PRIMES_THREADS = String(POOL.threads);
process.env.PRIMES_QUEUE = String(POOL.queue);

/** Counts that take a few hundred milliseconds of one core each. */
export const LARGE = 3_000_000;

const appModule = learnerModule('src/app.module.ts', () => import('#exercise/app.module.ts'), [
  'AppModule',
]);
/** The learner's service, for the check that closes an app of its own. */
export const primesService = learnerModule(
  'src/primes.service.ts',
  () => import('#exercise/primes.service.ts'),
  ['PrimesService'],
);
const provided = learnerModule('src/count-primes.mjs', () => import('#exercise/count-primes.mjs'), [
  'countPrimes',
]);

/** A Nest app of the learner's AppModule, not yet listening. */
export async function createPrimesApp() {
  const { AppModule } = await appModule();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  return moduleRef.createNestApplication({ logger: false });
}

const app = appUnderTest(createPrimesApp);

/** The learner's app on a real loopback port, once per grader file. */
export async function primesApp(): Promise<string> {
  return (await app()).baseUrl;
}

/** One call of the provided countPrimes, as it reported itself. */
export interface CountReport {
  readonly below: number;
  readonly threadId: number;
  /** Epoch milliseconds, on a clock all threads share. */
  readonly startedAt: number;
  readonly endedAt: number;
}

/**
 * Listens to what countPrimes reports from whichever thread runs it, from now
 * on; `spans()` draws them on a clock that starts now.
 */
export async function watchCounts() {
  const { REPORTS_CHANNEL } = (await provided()) as unknown as { REPORTS_CHANNEL: string };
  const { reports, origin, now, stop } = listenToReports<CountReport>(REPORTS_CHANNEL);
  return {
    reports,
    /** When the watch began, on the reports' clock (epoch milliseconds). */
    origin,
    /** Milliseconds since the watch began. */
    now,
    spans: (): Span[] =>
      reports.map((report) => ({
        label: `${report.below} on ${report.threadId === 0 ? 'main thread' : `thread ${report.threadId}`}`,
        start: report.startedAt - origin,
        end: report.endedAt - origin,
        outcome: 'fulfilled' as const,
      })),
    stop,
  };
}

/** The most counts that ran at the same time. */
export function peakOverlap(reports: readonly CountReport[]): number {
  const edges = reports.flatMap((report) => [
    { at: report.startedAt, delta: 1 },
    { at: report.endedAt, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let peak = 0;
  for (const edge of edges) {
    running += edge.delta;
    peak = Math.max(peak, running);
  }
  return peak;
}

/** Describes which threads ran the counts, for a failure's "measured". */
export function threadsOf(reports: readonly CountReport[]): string {
  const ids = [...new Set(reports.map((report) => report.threadId))];
  return ids.map((id) => (id === 0 ? 'the main thread' : `thread ${id}`)).join(', ') || 'none';
}

/** Waits until `count` reports came in, or `ms` passed. */
export async function reportsArrive(
  watch: Awaited<ReturnType<typeof watchCounts>>,
  count: number,
  ms: number,
): Promise<void> {
  const deadline = watch.now() + ms;
  while (watch.reports.length < count && watch.now() < deadline) {
    await sleep(10);
  }
}
