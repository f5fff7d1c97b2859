import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EventLoopReport,
  expectFigure,
  formatMs,
  InFlightTracker,
  learnerModule,
  monitorEventLoop,
} from '@kit/grading';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterAll } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'exercise-04-'));
// The posts file is the same for every run, so it is generated once and kept.
process.env.BLOG_POSTS_FILE = join(tmpdir(), 'workshop-blog-posts-v1.json');
process.env.MAILBOX_FILE = join(scratch, 'mailbox.ndjson');

const appModule = learnerModule('src/app.module.ts', () => import('#exercise/app.module.ts'), [
  'AppModule',
]);

let running: Promise<{ app: INestApplication; baseUrl: string }> | undefined;

/** The learner's AppModule on a real loopback port, once per file. */
export async function blockingApp(): Promise<string> {
  running ??= (async () => {
    const { AppModule } = await appModule();
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false, forceCloseConnections: true });
    await app.listen(0, '127.0.0.1');
    return { app, baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
  })();
  return (await running).baseUrl;
}

afterAll(async () => {
  const started = await running?.catch(() => undefined);
  await started?.app.close();
  rmSync(scratch, { recursive: true, force: true });
});

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

export interface Starvation {
  readonly tracker: InFlightTracker;
  readonly loop: EventLoopReport;
  /** The slow requests' responses, in the order they were sent. */
  readonly slow: Array<{ status: number; body: unknown }>;
  /** When each /add completed, in ms from the start of the scenario. */
  readonly addsDoneAt: number[];
  readonly route: string;
}

/**
 * The tutorials' experiment: two slow requests, then at once four tiny
 * `/add` requests, all timed from the start of the scenario while a heartbeat
 * watches the event loop (the app runs in this process). A warm-up pair goes
 * first, so one-off costs (first loads, first parse) are not counted.
 */
export function starvationScenario(
  route: string,
  slowRequest: (baseUrl: string, index: number) => Promise<Response>,
): () => Promise<Starvation> {
  let scenario: Promise<Starvation> | undefined;
  return () => {
    scenario ??= (async () => {
      const baseUrl = await blockingApp();
      const add = () => fetch(`${baseUrl}/add?a=3&b=4`).then((response) => response.json());
      await Promise.all([
        slowRequest(baseUrl, 0).then((response) => response.arrayBuffer()),
        add(),
      ]);

      const tracker = new InFlightTracker();
      const watch = monitorEventLoop({ clock: () => tracker.now() });
      const slow = [1, 2].map((index) =>
        tracker.track(`${route} #${index}`, async () => {
          const response = await slowRequest(baseUrl, index);
          return { status: response.status, body: await response.json().catch(() => undefined) };
        }),
      );
      const adds = [1, 2, 3, 4].map((index) =>
        tracker.track(`GET /add #${index}`, async () => {
          await add();
          return tracker.now();
        }),
      );
      const [slowResults, addsDoneAt] = await Promise.all([Promise.all(slow), Promise.all(adds)]);
      return { tracker, loop: watch.stop(), slow: slowResults, addsDoneAt, route };
    })();
    return scenario;
  };
}

/** The timeline of a scenario: every request, and where the event loop was blocked. */
function timeline({ tracker, loop }: Starvation) {
  return [...tracker.spans, ...loop.blocked];
}

export const ADD_BOUND_MS = 150;
export const HEARTBEAT_BOUND_MS = 100;

/** Every /add completes soon after the scenario started, however busy the slow requests are. */
export function expectAddStaysFast(scenario: Starvation, hint: number): void {
  const slowest = Math.max(...scenario.addsDoneAt);
  expectFigure({
    label: `slowest GET /add, from the start of the scenario, beside two ${scenario.route}`,
    measured: slowest,
    unit: 'ms',
    atMost: ADD_BOUND_MS,
    meaning: `Adding two numbers takes microseconds, yet the /add requests completed at ${scenario.addsDoneAt.map(formatMs).join(', ')} ms: they waited for the event loop, which ${scenario.route} was holding.`,
    hint,
    timeline: timeline(scenario),
  });
}

/** The event loop's heartbeat stays regular while the slow requests run. */
export function expectHeartbeat(scenario: Starvation, hint: number): void {
  expectFigure({
    label: `longest heartbeat gap while two ${scenario.route} ran`,
    measured: scenario.loop.longestGapMs,
    unit: 'ms',
    atMost: HEARTBEAT_BOUND_MS,
    meaning: `A 10 ms heartbeat stopped for ${formatMs(scenario.loop.longestGapMs)} ms: during that time nothing else in the process could run (event-loop utilisation ${scenario.loop.utilization.toFixed(2)}).`,
    hint,
    timeline: timeline(scenario),
  });
}
