// Exercise 06, solved another way: autocannon's events instead of its result
// object. Every answer is timed from its 'response' event, the warm-up is the
// first stretch of one run, and the percentiles are taken from the sorted
// latencies. It replaces the solution's bench.ts and must score what it scores.
import autocannon from 'autocannon';

export interface MeasureOptions {
  readonly connections: number;
  readonly durationMs?: number;
  readonly amount?: number;
  readonly warmupMs?: number;
}

export interface Measurement {
  readonly requests: { readonly total: number; readonly perSecond: number };
  readonly latencyMs: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
  readonly errors: number;
  readonly non2xx: number;
}

export interface Target {
  readonly name: string;
  readonly url: string;
}

export interface Compared extends Measurement, Target {
  readonly ratio: number;
}

/** The value below which `share` of the sorted latencies fall (nearest rank). */
function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

/** Runs autocannon and keeps every answer and every request, from the moment `counting()` is true. */
function load(
  options: autocannon.Options,
  counting: () => boolean,
): Promise<{ latencies: number[]; non2xx: number; sent: number; failed: number }> {
  const seen = { latencies: [] as number[], non2xx: 0, sent: 0, failed: 0 };
  return new Promise((resolve, reject) => {
    // What it sent is in its result: a request on a cut connection has no event of its own.
    const instance = autocannon(options, (error, result) => {
      if (error) return reject(error);
      if (counting()) seen.sent = result.requests.sent;
      resolve(seen);
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (!counting()) return;
      seen.latencies.push(responseTime);
      if (statusCode < 200 || statusCode > 299) seen.non2xx += 1;
    });
    instance.on('reqError', () => {
      if (counting()) seen.failed += 1;
    });
  });
}

export async function measure(url: string, options: MeasureOptions): Promise<Measurement> {
  const { connections } = options;
  if (options.warmupMs) {
    await load({ url, connections, duration: options.warmupMs / 1_000 }, () => false);
  }
  const started = performance.now();
  const seen = await load(
    {
      url,
      connections,
      ...(options.amount
        ? { amount: options.amount }
        : { duration: (options.durationMs ?? 5_000) / 1_000 }),
    },
    () => true,
  );
  const seconds = (performance.now() - started) / 1_000;
  const sorted = [...seen.latencies].sort((a, b) => a - b);
  // Sent and never answered: a cut connection (autocannon reconnects without a word), or,
  // with a duration, one request per connection still out when the run stopped.
  const outAtStop = options.amount ? 0 : connections;
  const unanswered = Math.max(0, seen.sent - seen.latencies.length - outAtStop);
  return {
    requests: { total: seen.latencies.length, perSecond: seen.latencies.length / seconds },
    latencyMs: {
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      max: sorted.at(-1) ?? 0,
    },
    errors: Math.max(seen.failed, unanswered),
    non2xx: seen.non2xx,
  };
}

export async function compare(
  targets: readonly Target[],
  options: MeasureOptions,
): Promise<Compared[]> {
  const rows: Compared[] = [];
  for (const target of targets) {
    const measured = await measure(target.url, options);
    const base = rows[0]?.requests.perSecond ?? measured.requests.perSecond;
    rows.push({ ...target, ...measured, ratio: base > 0 ? measured.requests.perSecond / base : 0 });
  }
  const lines = rows.map(
    (row) =>
      `${row.name.padEnd(12)} ${String(Math.round(row.requests.perSecond)).padStart(7)} req/s  p50 ${row.latencyMs.p50} ms  p99 ${row.latencyMs.p99} ms  errors ${row.errors}  non2xx ${row.non2xx}  ${row.ratio.toFixed(2)}×`,
  );
  console.log(lines.join('\n'));
  return rows;
}

export async function findStarvingRoutes(
  baseUrl: string,
  suspects: readonly string[],
  probe: string,
): Promise<string[]> {
  const probeAlone = await measure(`${baseUrl}${probe}`, { connections: 1, durationMs: 300 });
  const starving: string[] = [];
  for (const suspect of suspects) {
    const [, probed] = await Promise.all([
      measure(`${baseUrl}${suspect}`, { connections: 8, durationMs: 1_000 }),
      new Promise((resolve) => setTimeout(resolve, 150)).then(() =>
        measure(`${baseUrl}${probe}`, { connections: 1, durationMs: 600 }),
      ),
    ]);
    // Under a route that holds the loop, the probe waits for its handlers: many times slower.
    const slowed =
      probed.requests.total === 0 || probed.latencyMs.p90 > 4 * probeAlone.latencyMs.p90 + 15;
    if (slowed) starving.push(suspect);
  }
  return starving;
}
