// `pnpm demo consumer`: the tutorials' pub/sub experiment. Five fast orders and
// five that take DEMO_WORK_MS (2 s) of CPU each are published while GET / is
// asked every 100 ms; the same burst is handled three ways, each by apps
// started here: (a) the work on the event loop, (b) on worker threads, (c) by
// a consumer in a process of its own, on Redis Streams.
import type { ChildProcess } from 'node:child_process';
import { formatMs, renderTimeline, type Span, sleep } from '@kit/measure';
import { freePort, redisForSuite } from '@kit/redis-for-tests';
import type { SettledOrder } from '../src/orders/order.ts';
import { startProgram, stopProgram } from './programs.ts';

const WORK_MS = Number(process.env.DEMO_WORK_MS ?? 2000);
const PROBE_EVERY_MS = 100;
const WIDTH = 48;
const PROBE_LABEL = `GET / every ${PROBE_EVERY_MS} ms`;
/** A probe slower than this is drawn as a stall. */
const STALLED_MS = 50;

interface Case {
  readonly title: string;
  readonly app: NodeJS.ProcessEnv;
  /** A consumer process of its own, with these settings. */
  readonly consumer?: NodeJS.ProcessEnv;
  readonly needsRedis?: boolean;
}

const CASES: readonly Case[] = [
  {
    title: '(a) the work on the event loop (ORDERS_WORK_ON=loop): the anti-pattern',
    app: { ORDERS_WORK_ON: 'loop' },
  },
  {
    title: '(b) the work on worker threads (ORDERS_WORK_ON=threads, the default)',
    app: { ORDERS_WORK_ON: 'threads' },
  },
  {
    title:
      '(c) a consumer in its own process (ORDERS_CONSUMER=separate), on Redis Streams, its work on its own loop',
    app: { ORDERS_CONSUMER: 'separate' },
    consumer: { ORDERS_WORK_ON: 'loop' },
    needsRedis: true,
  },
];

interface Probe {
  readonly sentAt: number;
  readonly tookMs: number;
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

/** Publishes the burst, probes until every order is acked, and draws what happened. */
async function runCase(baseUrl: string): Promise<{ p50: number; max: number; doneAt: number }> {
  const burst = [
    ...Array.from({ length: 5 }, (_, index) => ({
      sku: `FAST-${index + 1}`,
      quantity: 1,
      workMs: 0,
    })),
    ...Array.from({ length: 5 }, (_, index) => ({
      sku: `SLOW-${index + 1}`,
      quantity: 1,
      workMs: WORK_MS,
    })),
  ];
  const probes: Probe[] = [];
  const inFlight: Array<Promise<void>> = [];
  const startedAt = Date.now();
  const since = (epochMs: number) => epochMs - startedAt;
  const ticker = setInterval(() => {
    const sentAt = performance.now();
    inFlight.push(
      fetch(`${baseUrl}/`)
        .then((answer) => answer.arrayBuffer())
        .then(() => {
          probes.push({
            sentAt: since(Date.now()) - (performance.now() - sentAt),
            tookMs: performance.now() - sentAt,
          });
        }),
    );
  }, PROBE_EVERY_MS);
  const published = (await (
    await fetch(`${baseUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(burst),
    })
  ).json()) as { orderIds: string[] };
  let settled: SettledOrder[] = [];
  for (;;) {
    const state = (await (await fetch(`${baseUrl}/orders?recent=100`)).json()) as {
      recent: SettledOrder[];
    };
    settled = state.recent.filter((entry) => published.orderIds.includes(entry.orderId));
    if (settled.filter((entry) => entry.outcome === 'acked').length === burst.length) break;
    await sleep(PROBE_EVERY_MS);
  }
  clearInterval(ticker);
  await Promise.all(inFlight);

  const spans: Span[] = settled
    .sort((a, b) => published.orderIds.indexOf(a.orderId) - published.orderIds.indexOf(b.orderId))
    .map((entry) => {
      const index = published.orderIds.indexOf(entry.orderId);
      const label = `order ${index + 1}, ${index < 5 ? 'fast' : `${formatMs(WORK_MS)} ms`}`;
      return {
        label: label.padEnd(PROBE_LABEL.length),
        start: since(entry.deliveredAt),
        end: since(entry.settledAt),
        outcome: 'fulfilled',
      };
    });
  const doneAt = Math.max(...spans.map((span) => span.end ?? 0));
  const until = Math.max(doneAt, ...probes.map((probe) => probe.sentAt + probe.tookMs));
  const cells = Array.from({ length: WIDTH }, () => ' ');
  for (const probe of probes) {
    const column = Math.min(WIDTH - 1, Math.floor((probe.sentAt / until) * WIDTH));
    if (probe.tookMs >= STALLED_MS) cells[column] = '▓';
    else if (cells[column] === ' ') cells[column] = '·';
  }
  const waits = probes.map((probe) => probe.tookMs);
  const p50 = percentile(waits, 0.5);
  const max = Math.max(...waits);
  console.log(renderTimeline(spans, { width: WIDTH, until }));
  console.log(
    `${PROBE_LABEL}  │${cells.join('')}│ ${probes.length} probes: p50 ${formatMs(p50)} ms, max ${formatMs(max)} ms`,
  );
  console.log(
    `${' '.repeat(PROBE_LABEL.length)}   · answered within ${STALLED_MS} ms   ▓ waited longer`,
  );
  return { p50, max, doneAt };
}

/** The three cases, one after another, each on apps of its own; prints one table at the end. */
export async function consumerDemo(): Promise<void> {
  console.log(
    `5 orders of no work and 5 of ${formatMs(WORK_MS)} ms of CPU each (DEMO_WORK_MS), published at once; GET / every ${PROBE_EVERY_MS} ms meanwhile.\n`,
  );
  const redis = process.env.REDIS_URL
    ? { url: async () => process.env.REDIS_URL as string, stop: async () => {} }
    : redisForSuite({ kind: 'local' });
  const rows: string[] = [];
  try {
    for (const demoCase of CASES) {
      console.log(`\n${demoCase.title}`);
      let redisUrl: string | undefined;
      if (demoCase.needsRedis) {
        redisUrl = await redis.url().catch(() => undefined);
        if (!redisUrl) {
          console.log('  skipped: no Redis (apt-get install redis-server, or set REDIS_URL)');
          rows.push(`${demoCase.title.slice(0, 3)}  skipped: no Redis`);
          continue;
        }
      }
      const port = await freePort();
      const shared = {
        PORT: String(port),
        ORDERS_QUEUE: `demo-${process.pid}-${rows.length}`,
        ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      };
      const programs: ChildProcess[] = [];
      try {
        programs.push(
          await startProgram('main.ts', { ...shared, ...demoCase.app }, 'Reference app on'),
        );
        if (demoCase.consumer) {
          programs.push(
            await startProgram(
              'orders/consumer.main.ts',
              { ...shared, ...demoCase.consumer },
              'Consuming orders from',
            ),
          );
        }
        const { p50, max, doneAt } = await runCase(`http://127.0.0.1:${port}`);
        rows.push(
          `${demoCase.title.slice(0, 3)}  GET / p50 ${formatMs(p50).padStart(5)} ms, max ${formatMs(max).padStart(5)} ms; every order done at ${formatMs(doneAt)} ms`,
        );
      } finally {
        for (const program of programs.reverse()) await stopProgram(program);
      }
    }
  } finally {
    await redis.stop();
  }
  console.log(`\n${rows.join('\n')}`);
}
