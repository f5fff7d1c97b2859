import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  all,
  appUnderTest,
  check,
  expectFigure,
  formatMs,
  kitFetch,
  learnerModule,
  type StarvationResult,
  scratchFolder,
  starvationExperiment,
} from '@kit/grading';
import { Test } from '@nestjs/testing';

const scratch = scratchFolder('exercise-04-');
// Everything the app writes stays in this run's scratch folder, removed after the file.
process.env.BLOG_POSTS_FILE = join(scratch, 'blog-posts.json');
process.env.MAILBOX_FILE = join(scratch, 'mailbox.ndjson');

const appModule = learnerModule('src/app.module.ts', () => import('#exercise/app.module.ts'), [
  'AppModule',
]);

const app = appUnderTest(async () => {
  const { AppModule } = await appModule();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  return moduleRef.createNestApplication({ logger: false });
});

/** The learner's AppModule on a real loopback port, once per file. */
export async function blockingApp(): Promise<string> {
  return (await app()).baseUrl;
}

/** Mail the legacy mailer delivered during this run. */
export function deliveredMail(): Array<{ to: string; subject: string }> {
  try {
    return readFileSync(process.env.MAILBOX_FILE ?? '', 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { to: string; subject: string });
  } catch {
    return [];
  }
}

type SlowAnswer = { status: number; body: unknown };

interface Starvation extends StarvationResult<SlowAnswer> {
  readonly route: string;
}

/**
 * The tutorials' experiment against this exercise's app: two slow requests,
 * then at once four tiny `/add` requests (the app runs in this process, so
 * the heartbeat sees it). A warm-up pair goes first, so one-off costs (first
 * loads, first parse) are not counted.
 */
function starvationScenario(
  route: string,
  slowRequest: (baseUrl: string, index: number) => Promise<Response>,
): () => Promise<Starvation> {
  let scenario: Promise<Starvation> | undefined;
  return () => {
    scenario ??= (async () => {
      const baseUrl = await blockingApp();
      const add = () => kitFetch(`${baseUrl}/add?a=3&b=4`).then((response) => response.json());
      await all([slowRequest(baseUrl, 0).then((response) => response.arrayBuffer()), add()]);
      const result = await starvationExperiment({
        slow: {
          label: route,
          count: 2,
          call: async (index) => {
            const response = await slowRequest(baseUrl, index);
            return { status: response.status, body: await response.json().catch(() => undefined) };
          },
        },
        fast: { label: 'GET /add', count: 4, call: add },
        // One more /add every 50 ms until the slow ones answer: a loop blocked late in a slow request shows too.
        fastEveryMs: 50,
      });
      return { ...result, route };
    })();
    return scenario;
  };
}

/** The timeline of a scenario: every request, and where the event loop was blocked. */
function timeline({ tracker, loop }: Starvation) {
  return [...tracker.spans, ...loop.blocked];
}

const ADD_BOUND_MS = 150;

/** Said after a figure's label where the system reports the main thread's waits for a CPU (Linux). */
function cpuWaitsNotCounted({ loop }: Starvation): string {
  return loop.machineWaitKnown ? ', less its waits for a CPU' : '';
}

function machineShare(waitedMs: number): string {
  return waitedMs >= 1
    ? `, of which it waited ${formatMs(waitedMs)} ms for a CPU the machine gave to other programs`
    : '';
}
const HEARTBEAT_BOUND_MS = 100;

/**
 * Declares a slow route's two event-loop checks: every `/add` completes soon
 * after the scenario started, and the heartbeat stays regular meanwhile. Each
 * slow route is graded on its own, so fixing one makes its own checks pass.
 * Returns the scenario, for the route's own checks of its answers.
 */
export function starvationChecks(
  route: string,
  slowRequest: (baseUrl: string, index: number) => Promise<Response>,
  hints: { readonly add: number; readonly heartbeat: number },
): () => Promise<Starvation> {
  const scenario = starvationScenario(route, slowRequest);

  check(`GET /add stays fast while two ${route} run`, { points: 3, hint: hints.add }, async () => {
    const result = await scenario();
    // Judged without the main thread's waits for a CPU: on a busy machine (two CPU hogs beside
    // the solution) those alone took an /add past the bound, with the loop free.
    const held = result.fastHeldLatencyMs;
    const slowest = Math.max(...held);
    const inAll = result.fastLatencyMs[held.indexOf(slowest)] ?? slowest;
    expectFigure({
      label: `slowest GET /add beside two ${route}, from when it was due${cpuWaitsNotCounted(result)}`,
      measured: slowest,
      unit: 'ms',
      atMost: ADD_BOUND_MS,
      meaning: `Adding two numbers takes microseconds, yet ${held.filter((ms) => ms > ADD_BOUND_MS).length} of ${held.length} /add requests took more than ${ADD_BOUND_MS} ms (the slowest ${formatMs(inAll)} ms in all${machineShare(inAll - slowest)}): they waited for the event loop, which ${route} was holding.`,
      hint: hints.add,
      timeline: timeline(result),
    });
  });

  check(
    `the event loop keeps beating while two ${route} run`,
    { points: 2, hint: hints.heartbeat },
    async () => {
      const result = await scenario();
      const { longestHeldMs, longestGapMs, utilization } = result.loop;
      expectFigure({
        label: `longest heartbeat gap while two ${route} ran${cpuWaitsNotCounted(result)}`,
        measured: longestHeldMs,
        unit: 'ms',
        atMost: HEARTBEAT_BOUND_MS,
        meaning: `A 10 ms heartbeat stopped for ${formatMs(longestHeldMs)} ms: during that time nothing else in the process could run (the longest gap: ${formatMs(longestGapMs)} ms; event-loop utilisation ${utilization.toFixed(2)}).`,
        hint: hints.heartbeat,
        timeline: timeline(result),
      });
    },
  );

  return scenario;
}
