// Exercise 06: benchmarks that tell the truth. The lesson is in ../README.md.
//
// These functions work: they time requests one after another with fetch. So
// `connections` is ignored, every percentile is the mean, failed requests and
// error answers are lumped together, the warm-up counts, compare() gives no
// ratio and findStarvingRoutes() finds nothing. Build them on autocannon's
// programmatic API instead. Grade your work with `pnpm test 06`.

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

/** Loads `url` as `options` say and reports what it measured. */
export async function measure(url: string, options: MeasureOptions): Promise<Measurement> {
  // TODO (hints 1 to 4): keep `connections` requests in flight (autocannon does), leave the warm-up out,
  // report true percentiles, and count errors and non-2xx answers apart.
  const durationMs = options.durationMs ?? 5_000;
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  while (
    options.amount ? latencies.length < options.amount : performance.now() - started < durationMs
  ) {
    const sentAt = performance.now();
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (!response.ok) failed += 1;
    } catch {
      failed += 1;
    }
    latencies.push(performance.now() - sentAt);
  }
  const seconds = (performance.now() - started) / 1_000;
  const mean = latencies.reduce((sum, ms) => sum + ms, 0) / Math.max(1, latencies.length);
  return {
    requests: { total: latencies.length, perSecond: latencies.length / seconds },
    latencyMs: { p50: mean, p90: mean, p99: mean, max: Math.max(0, ...latencies) },
    errors: failed,
    non2xx: failed,
  };
}

/** Measures each target in turn and prints a table; each row's ratio is to the first target. */
export async function compare(
  targets: readonly Target[],
  options: MeasureOptions,
): Promise<Compared[]> {
  const rows: Compared[] = [];
  for (const target of targets) {
    // TODO (hint 5): the ratio of each target's requests per second to the first's.
    rows.push({ ...target, ...(await measure(target.url, options)), ratio: 1 });
  }
  console.table(rows.map(({ name, requests }) => ({ name, 'req/s': requests.perSecond })));
  return rows;
}

/**
 * Loads each suspect route in turn and names those under whose load the
 * probe route slows down: the routes that block the server's event loop.
 */
export async function findStarvingRoutes(
  baseUrl: string,
  suspects: readonly string[],
  probe: string,
): Promise<string[]> {
  // TODO (hint 6): measure the probe alone, then while each suspect is under load.
  void baseUrl;
  void suspects;
  void probe;
  return [];
}
