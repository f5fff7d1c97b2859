// `pnpm demo <name>`: replays the tutorials' experiments against the reference
// app (started here when it is not already running) and draws every request
// on a timeline, with the figures the tutorials report beside ours.
import type { ChildProcess } from 'node:child_process';
import {
  InFlightTracker,
  recordStream,
  renderTimeline,
  sleep,
  starvationExperiment,
} from '@kit/measure';
import { consumerDemo } from './consumer.ts';
import { startProgram, stopProgram } from './programs.ts';

const APP_URL = (process.env.APP_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');

interface Demo {
  readonly summary: string;
  /** What the FastAPI tutorials measured for the same experiment. */
  readonly tutorial: string;
  /** Starts the apps it needs itself, instead of the one at APP_URL. */
  readonly ownApps?: true;
  run(): Promise<void>;
}

/** Fires `slow` twice, then four `GET /` at once, as `curl --parallel --parallel-immediate` does. */
async function starvation(slowPath: string): Promise<void> {
  const get = (path: string) => () =>
    fetch(`${APP_URL}${path}`).then((response) => response.arrayBuffer());
  const { tracker } = await starvationExperiment({
    slow: { label: slowPath, count: 2, call: get(slowPath) },
    fast: { label: 'GET /', count: 4, call: get('/') },
  });
  console.log(renderTimeline(tracker.spans, { width: 48 }));
}

/** `count` requests to `path`, one after another, then all at once. */
async function sequentialThenConcurrent(path: string, count: number): Promise<void> {
  for (const mode of ['one after another', 'all at once'] as const) {
    const tracker = new InFlightTracker();
    const call = (i: number) =>
      tracker.track(`#${i + 1}`, () => fetch(`${APP_URL}${path}`).then((r) => r.arrayBuffer()));
    if (mode === 'all at once') await Promise.all(Array.from({ length: count }, (_, i) => call(i)));
    else for (let i = 0; i < count; i += 1) await call(i);
    console.log(`\n${mode}: ${Math.round(tracker.now())} ms, peak ${tracker.peak} in flight`);
    console.log(renderTimeline(tracker.spans, { width: 48 }));
  }
}

const DEMOS: Record<string, Demo> = {
  blocking: {
    summary:
      '2 × /blocking?ms=2000, then 4 × / at once: the fast ones wait for both blocking ones.',
    tutorial:
      'FastAPI, async def + time.sleep(4): slow ones end at 4 s and 8 s, every fast one at 8 s.',
    run: () => starvation('/blocking?ms=2000'),
  },
  offloaded: {
    summary: '2 × /offloaded?ms=2000, then 4 × /: the blocking work runs on worker threads.',
    tutorial: 'FastAPI, def + time.sleep(4) in the thread pool: fast ones 2–6 ms, slow ones 4 s.',
    run: () => starvation('/offloaded?ms=2000'),
  },
  async: {
    summary: '2 × /async?ms=2000, then 4 × /: waiting without blocking.',
    tutorial:
      'FastAPI, async def + await asyncio.sleep(4): fast ones in milliseconds, slow ones 4 s.',
    run: () => starvation('/async?ms=2000'),
  },
  'sync-vs-async': {
    summary: '10 requests each to /blocking?ms=100 and /async?ms=100, all at once.',
    tutorial: 'Blocking routes serialise: 10 × 100 ms take 1 s; non-blocking ones take 100 ms.',
    async run() {
      for (const path of ['/blocking?ms=100', '/async?ms=100']) {
        const tracker = new InFlightTracker();
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            tracker.track(`#${i + 1}`, () =>
              fetch(`${APP_URL}${path}`).then((r) => r.arrayBuffer()),
            ),
          ),
        );
        console.log(`\n${path}: all 10 done after ${Math.round(tracker.now())} ms`);
        console.log(renderTimeline(tracker.spans, { width: 48 }));
      }
    },
  },
  'fan-out': {
    summary:
      '10 calls of 200 ms to the app, one after another, then all at once (asyncio.gather → Promise.all).',
    tutorial: '10 requests: about 10 latencies sequential, about 1 concurrent.',
    run: () => sequentialThenConcurrent('/async?ms=200', 10),
  },
  weather: {
    summary:
      'GET /weather/sync and GET /weather/async: five cities, one after another vs all at once.',
    tutorial:
      'The weather aggregator: /weather/sync sums the cities’ latencies, /weather/async takes the slowest one.',
    async run() {
      for (const path of ['/weather/sync', '/weather/async']) {
        const body = (await (await fetch(`${APP_URL}${path}`)).json()) as {
          elapsedMs: number;
          weather: unknown[];
        };
        console.log(
          `${path.padEnd(16)} ${String(body.elapsedMs).padStart(5)} ms for ${body.weather.length} cities`,
        );
      }
    },
  },
  stream: {
    summary: 'GET /rows?count=5&delayMs=400 as NDJSON: each row printed when it arrives.',
    tutorial: 'StreamingResponse over a simulated database query: rows arrive progressively.',
    async run() {
      const recording = await recordStream(`${APP_URL}/rows?count=5&delayMs=400`, {});
      for (const line of recording.lines)
        console.log(`${String(Math.round(line.at)).padStart(5)} ms  ${line.value}`);
    },
  },
  jobs: {
    summary: 'POST /files with a CSV: 202 at once, then the job’s status until it is done.',
    tutorial: 'BackgroundTasks: answer first, process the uploaded file afterwards.',
    async run() {
      const form = new FormData();
      const csv = [
        'city,temp',
        ...Array.from({ length: 200 }, (_, i) => `City${i},${i % 40}`),
      ].join('\n');
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'cities.csv');
      const started = performance.now();
      const accepted = (await (
        await fetch(`${APP_URL}/files`, { method: 'POST', body: form })
      ).json()) as { statusUrl: string };
      console.log(
        `${String(Math.round(performance.now() - started)).padStart(5)} ms  202 ${JSON.stringify(accepted)}`,
      );
      let last = '';
      for (;;) {
        const job = (await (await fetch(`${APP_URL}${accepted.statusUrl}`)).json()) as {
          status: string;
          progress: number;
        };
        const line = `${job.status} ${job.progress}%`;
        if (line !== last)
          console.log(
            `${String(Math.round(performance.now() - started)).padStart(5)} ms  ${JSON.stringify(job)}`,
          );
        last = line;
        if (job.status === 'completed' || job.status === 'failed') break;
        await sleep(100);
      }
    },
  },
  consumer: {
    summary:
      'orders, 5 fast and 5 of 2 s of CPU, while GET / is asked every 100 ms: work on the loop, on threads, in a process of its own.',
    tutorial:
      'The pub/sub subscriber: blocking handlers stall the app for their whole work; non-blocking ones (or another process) leave it answering.',
    ownApps: true,
    run: consumerDemo,
  },
};

async function appIsUp(): Promise<boolean> {
  try {
    return (await fetch(`${APP_URL}/health`)).ok;
  } catch {
    return false;
  }
}

async function ensureApp(): Promise<ChildProcess | undefined> {
  if (await appIsUp()) return undefined;
  console.log(`Starting the reference app on ${APP_URL} …`);
  return startProgram('main.ts', { PORT: new URL(APP_URL).port || '3000' }, 'Reference app on');
}

const name = process.argv[2];
const demo = name ? DEMOS[name] : undefined;
if (!demo) {
  if (name) console.error(`There is no demo "${name}".\n`);
  console.log('pnpm demo <name>, one of:\n');
  for (const [key, { summary }] of Object.entries(DEMOS))
    console.log(`  ${key.padEnd(14)} ${summary}`);
  process.exit(name ? 2 : 0);
}
const app = demo.ownApps ? undefined : await ensureApp();
try {
  console.log(`\n${demo.summary}\n${demo.tutorial}\n`);
  await demo.run();
} finally {
  if (app) await stopProgram(app);
}
