import {
  type Arrival,
  expectFigure,
  expectThat,
  now,
  type ProductionStats,
  parseSseEvent,
  recordStream,
  type Span,
  type StreamRecording,
  sleep,
  stallThenLeave,
  stallThenReadAll,
} from '@kit/grading';
import { streamingApp } from './streaming-app.ts';

/** Rows of the recorded query, and when they should start arriving. */
export const RECORDED = { count: 6, delayMs: 150 } as const;

export interface RecordedQuery {
  readonly recording: StreamRecording;
  readonly stats: ProductionStats;
  /** When the request was sent, on the `now()` clock. */
  readonly sentAt: number;
}

/** Requests `path` once per grader file and records every arrival: several checks read it. */
export function recordOnce(path: string): () => Promise<RecordedQuery> {
  let recorded: Promise<RecordedQuery> | undefined;
  return () => {
    recorded ??= (async () => {
      const { baseUrl, rows } = await streamingApp();
      const sentAt = now();
      const recording = await recordStream(
        `${baseUrl}${path}?count=${RECORDED.count}&delayMs=${RECORDED.delayMs}`,
        { clock: now, timeoutMs: 4_000 },
      );
      const stats = rows.last;
      if (!stats) throw new Error(`GET ${path} never queried the repository`);
      return { recording, stats, sentAt };
    })();
    return recorded;
  };
}

/** One bar per row: from when the database produced it to when the client received it. */
function productionToArrival(query: RecordedQuery, arrivals: readonly Arrival<unknown>[]): Span[] {
  return query.stats.producedAt.map((producedAt, index) => {
    const arrived = arrivals[index]?.at;
    return {
      label: `row ${index + 1}`,
      start: producedAt - query.sentAt,
      end: arrived === undefined ? undefined : arrived - query.sentAt,
      outcome: arrived === undefined ? 'pending' : 'fulfilled',
    };
  });
}

/** What arrived when not every row came on its own, in words: the report never reads Infinity. */
function whatArrived(query: RecordedQuery, arrivals: readonly Arrival<unknown>[]): string {
  const { lines } = query.recording;
  const last = lines.at(-1);
  const body =
    lines.length === 0
      ? 'nothing arrived'
      : `the response came as ${lines.length === 1 ? 'one line' : `${lines.length} lines`}${last ? `, the last at ${Math.round(last.at - query.sentAt)} ms` : ''}`;
  return `${arrivals.length} of ${RECORDED.count} rows arrived on their own (${body})`;
}

/**
 * The first row reaches the client within about two row-delays of the
 * database producing it: before the database has produced its third row.
 * Judged against the database's own clock rather than from the request, so
 * that a busy machine, which delays the query's start and the rows alike,
 * cannot make a stream look like collected rows (two CPU hogs took the
 * solution's first row to 488 ms after the request, past a fixed 400 ms);
 * rows sent three at a time cannot pass, whatever the load.
 */
export function expectFirstRowEarly(
  query: RecordedQuery,
  arrivals: readonly Arrival<unknown>[],
  hint: number,
): void {
  const [firstProduced, , thirdProduced] = query.stats.producedAt;
  const first = arrivals[0];
  const bound =
    firstProduced !== undefined && thirdProduced !== undefined
      ? thirdProduced - firstProduced
      : 2 * RECORDED.delayMs;
  expectFigure({
    label: `first row received, after the database produced it (its third row came ${Math.round(bound)} ms after the first)`,
    measured:
      first && firstProduced !== undefined ? first.at - firstProduced : Number.POSITIVE_INFINITY,
    unit: 'ms',
    atMost: bound,
    absent: whatArrived(query, arrivals),
    meaning: `The database yields a row every ${RECORDED.delayMs} ms; a stream sends the first one at once, long before the third exists. Arriving only after later rows were produced means rows were collected before anything was sent.`,
    hint,
    timeline: productionToArrival(query, arrivals),
  });
}

/** Each row reaches the client shortly after the database produced it. */
export function expectRowsAsProduced(
  query: RecordedQuery,
  arrivals: readonly Arrival<unknown>[],
  hint: number,
): void {
  const lags = query.stats.producedAt.map(
    (producedAt, index) => (arrivals[index]?.at ?? Number.POSITIVE_INFINITY) - producedAt,
  );
  expectFigure({
    label: 'longest wait between producing a row and sending it',
    measured: Math.max(...lags),
    unit: 'ms',
    atMost: RECORDED.delayMs,
    absent: whatArrived(query, arrivals),
    meaning:
      'Each bar runs from when the database produced a row to when the client got it: long bars mean rows waited on the server.',
    hint,
    timeline: productionToArrival(query, arrivals),
  });
}

/** After the client aborts at row 3, the query is closed and produces at most two more rows. */
export async function expectStopsWhenClientLeaves(
  path: string,
  unit: 'lines' | 'events',
  hint: number,
): Promise<void> {
  const { baseUrl, rows } = await streamingApp();
  const readRows = 3;
  const count = 20;
  const sentAt = now();
  const recording = await recordStream(`${baseUrl}${path}?count=${count}&delayMs=100`, {
    stopWhen: (received) => received[unit].length >= readRows,
    timeoutMs: 5_000,
  });
  expectThat(recording.aborted, {
    measured: `the whole response arrived at once, after ${Math.round(now() - sentAt)} ms, as ${recording[unit].length} ${unit}`,
    expected: `${count} rows of 100 ms streamed, so that the client can leave after ${readRows}`,
    meaning: 'Nothing was streamed, so the client could not leave part-way: stream the rows first.',
    hint,
  });
  // Give the server time to notice the closed connection and to stop.
  await sleep(400);
  const stats = rows.last;
  expectThat(stats?.closed === true, {
    measured: `the query was still open 400 ms after the client left, with ${stats?.produced ?? 0} of ${count} rows produced`,
    expected: 'the query is closed when the client goes away',
    meaning:
      'A server that keeps pulling rows for nobody wastes the database. Stop iterating (or destroy the stream) when the response closes.',
    hint,
  });
  expectFigure({
    label: 'rows produced in all',
    measured: stats?.produced ?? 0,
    atMost: readRows + 2,
    meaning: `The client read ${readRows} rows and left: the server may have one or two more in hand, no more.`,
    hint,
  });
}

/**
 * A client that stops reading, so that the server waits for `'drain'`, then
 * goes away: no write comes back to tell a loop that checks between rows.
 */
export async function expectStopsWhenStalledClientLeaves(
  path: string,
  hint: number,
): Promise<void> {
  const { baseUrl, rows } = await streamingApp();
  const count = 20_000;
  await rows.padded(2_000, () => stallThenLeave(`${baseUrl}${path}?count=${count}&delayMs=0`, 600));
  const producedWhenLeft = rows.last?.produced ?? 0;
  await sleep(400);
  const stats = rows.last;
  expectThat(stats?.closed === true, {
    measured: `the query was still open 400 ms after the client left while the server waited for it to read, with ${stats?.produced ?? 0} of ${count} rows produced (${producedWhenLeft} when it left)`,
    expected:
      'the query is closed when the client goes away, also while the server waits for the client to read',
    meaning:
      "A client that stopped reading and then left sends no more 'drain': a loop that waits for it and looks for the closed connection only between rows waits forever, with its query open. Listen for the response's 'close' while waiting (or let a stream pipe do it).",
    hint,
  });
}

/** The response ended by itself once its last row was out: a stream that never ends never lets its client finish. */
export function expectEnded(recording: StreamRecording, hint: number): void {
  expectThat(!recording.aborted, {
    measured: `the response was still open 4 s after the request, with ${recording.lines.length} lines received`,
    expected: 'the response ends after its last row',
    meaning:
      'A client reads until the response ends: end it (res.end(), or let the stream finish) once the last row is written.',
    hint,
  });
}

/** Rows in a streamed body: NDJSON lines, or `message` events. */
function rowsIn(text: string, unit: 'lines' | 'events'): number {
  if (unit === 'lines') return text.split('\n').filter((line) => line.trim() !== '').length;
  return text.split('\n\n').filter((block) => parseSseEvent(block)?.event === 'message').length;
}

/** More rows than socket buffers hold: a server past this while its client reads nothing ignores backpressure. */
const STALL_LIMIT_ROWS = 5_000;

/**
 * The stalled client's pause: at least 800 ms, then until the server has produced no row for
 * 300 ms (it waits for 'drain') or has produced more than the buffers hold, at most 5 s. A fixed
 * 800 ms let a server that never waits for 'drain' pass on a busy machine (2 444 rows by then).
 */
async function untilProductionStops(produced: () => number): Promise<void> {
  const started = now();
  let last = produced();
  let stillSince = started;
  while (now() - started < 5_000 && produced() <= STALL_LIMIT_ROWS) {
    await sleep(50);
    if (produced() !== last) {
      last = produced();
      stillSince = now();
    } else if (now() - started >= 800 && now() - stillSince >= 300) {
      return;
    }
  }
}

/** How long the client reading on may take in all; a check that reads so waits a little longer. */
export const BACKPRESSURE_READ_MS = 20_000;

function readingEnd(reading: { readonly ended: boolean; readonly idle: boolean }): string {
  if (reading.ended) return '';
  return reading.idle
    ? ' (then nothing came for 2 s, and the response never ended)'
    : ` (still coming after ${BACKPRESSURE_READ_MS / 1000} s)`;
}

/**
 * With a client that stops reading, the server pulls only what the buffers
 * hold; when the client reads on, every row still arrives and the response ends.
 */
export async function expectBackpressure(
  path: string,
  unit: 'lines' | 'events',
  hint: number,
): Promise<void> {
  const { baseUrl, rows } = await streamingApp();
  const count = 20_000;
  let producedWhileStalled = 0;
  const reading = await rows.padded(2_000, () =>
    stallThenReadAll(
      `${baseUrl}${path}?count=${count}&delayMs=0`,
      () => untilProductionStops(() => rows.last?.produced ?? 0),
      () => {
        producedWhileStalled = rows.last?.produced ?? 0;
      },
      // Given up when nothing comes for 2 s, not at a fixed time: beside two CPU hogs the
      // solution had sent 15 078 of the 20 000 events after 5 s, still sending.
      { idleMs: 2_000, timeoutMs: BACKPRESSURE_READ_MS },
    ),
  );
  expectThat(!reading.cutOff, {
    measured: `the server closed the connection while the client was paused, after ${rowsIn(reading.text, unit)} of ${count} ${unit === 'lines' ? 'rows' : 'events'}`,
    expected: 'the connection kept open, and every row sent once the client reads on',
    meaning:
      "A server that cannot wait for a slow client drops it, and the client gets half a result. Nest's `@Sse()` does this: it queues the Observable's events without backpressure and closes a connection whose queue grows too large (Nest logs how many MiB were queued). Write the stream yourself, from a Readable, so that the response's own backpressure paces the rows.",
    hint,
  });
  expectFigure({
    label: `rows of about 2 KB produced while the client read nothing, until the server stopped for 300 ms (of ${count})`,
    measured: producedWhileStalled,
    atMost: STALL_LIMIT_ROWS,
    meaning: `Socket buffers hold a few MB (some 2000 rows); pulling beyond that buffers the result in memory. Write only when the response can take more ('drain'), or let a stream pipe do it.`,
    hint,
  });
  expectFigure({
    label: `rows received once the client read on${readingEnd(reading)}`,
    measured: rowsIn(reading.text, unit),
    equals: count,
    meaning:
      'Holding back must not lose the slow client: when it reads again, every row arrives and the response ends. A server that drops or cuts off a client whose buffers are full gives it half a result.',
    hint,
  });
}
