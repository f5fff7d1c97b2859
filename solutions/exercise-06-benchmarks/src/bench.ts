import autocannon from 'autocannon';

export interface MeasureOptions {
  /** Connections kept busy at once, each sending its next request as soon as its answer is in. */
  readonly connections: number;
  /** How long to measure, in milliseconds (when `amount` is not given). */
  readonly durationMs?: number;
  /** How many requests to send in all, instead of a duration. */
  readonly amount?: number;
  /** Load sent first and left out of the figures, in milliseconds. */
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
  /** Requests that got no answer at all: a connection cut, a time-out. */
  readonly errors: number;
  /** Answers whose status was not 2xx. */
  readonly non2xx: number;
}

export interface Target {
  readonly name: string;
  readonly url: string;
}

export interface Compared extends Measurement, Target {
  /** Requests per second as a multiple of the first target's. */
  readonly ratio: number;
}

/**
 * Loads `url` with autocannon: `connections` requests always in flight, the
 * warm-up run first and thrown away, latencies as percentiles of autocannon's
 * histogram. A request that got no answer is an error, an answer that is not
 * 2xx a non-2xx: autocannon reconnects after a cut connection without counting
 * it, so the unanswered requests are counted from what it sent.
 */
export async function measure(url: string, options: MeasureOptions): Promise<Measurement> {
  const { connections } = options;
  if (options.warmupMs) {
    await autocannon({ url, connections, duration: options.warmupMs / 1_000 });
  }
  const result = await autocannon({
    url,
    connections,
    ...(options.amount
      ? { amount: options.amount }
      : { duration: (options.durationMs ?? 5_000) / 1_000 }),
  });
  // With a duration, up to one request per connection is still in flight when it stops.
  const inFlightAtStop = options.amount ? 0 : connections;
  const unanswered = Math.max(0, result.requests.sent - result.requests.total - inFlightAtStop);
  return {
    requests: { total: result.requests.total, perSecond: result.requests.total / result.duration },
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors + result.timeouts + unanswered,
    non2xx: result.non2xx,
  };
}

/** Measures each target in turn (never at once: they would share the cores) and prints a table. */
export async function compare(
  targets: readonly Target[],
  options: MeasureOptions,
): Promise<Compared[]> {
  const measured: Array<Measurement & Target> = [];
  for (const target of targets)
    measured.push({ ...target, ...(await measure(target.url, options)) });
  const base = measured[0]?.requests.perSecond || 1;
  const rows = measured.map((row) => ({ ...row, ratio: row.requests.perSecond / base }));
  console.table(
    rows.map((row) => ({
      name: row.name,
      'req/s': Math.round(row.requests.perSecond),
      'p50 ms': row.latencyMs.p50,
      'p99 ms': row.latencyMs.p99,
      errors: row.errors,
      non2xx: row.non2xx,
      ratio: `${row.ratio.toFixed(2)}×`,
    })),
  );
  return rows;
}

/**
 * Names the suspects that starve the probe: the probe is timed alone, then
 * while each suspect is under load; a route that blocks the server's event
 * loop makes the probe wait for it, a route that only waits does not.
 */
export async function findStarvingRoutes(
  baseUrl: string,
  suspects: readonly string[],
  probe: string,
  options: { readonly connections?: number; readonly durationMs?: number } = {},
): Promise<string[]> {
  const connections = options.connections ?? 10;
  const durationMs = options.durationMs ?? 1_000;
  const alone = await measure(`${baseUrl}${probe}`, { connections: 1, durationMs: 300 });
  const starving: string[] = [];
  for (const suspect of suspects) {
    const load = measure(`${baseUrl}${suspect}`, { connections, durationMs });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const probed = await measure(`${baseUrl}${probe}`, {
      connections: 1,
      durationMs: durationMs - 200,
    });
    await load;
    // Slower by 20 ms and more at the median, or not answered at all: it waited behind the suspect's handlers.
    const probeMs = probed.requests.total === 0 ? Number.POSITIVE_INFINITY : probed.latencyMs.p50;
    if (probeMs > alone.latencyMs.p50 + 20) starving.push(suspect);
  }
  return starving;
}
