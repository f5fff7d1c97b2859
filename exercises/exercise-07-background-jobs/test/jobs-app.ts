import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  afterFile,
  clearTimer,
  deferred,
  GradingFailure,
  kitFetch,
  kitHttpRequest,
  learnerModule,
  listenToReports,
  now,
  race,
  type Span,
  setTimer,
  sleep,
  startAppUnderTest,
  within,
} from '@kit/grading';
import { Test } from '@nestjs/testing';

const appModule = learnerModule('src/app.module.ts', () => import('#exercise/app.module.ts'), [
  'AppModule',
]);
const provided = learnerModule('src/orders.ts', () => import('#exercise/orders.ts'), [
  'summarizeOrders',
]);

/** The settings an app of the grader's starts with (see src/settings.ts). */
export interface JobsSettings {
  readonly JOBS_DIR: string;
  readonly JOBS_CONCURRENCY?: string;
  readonly UPLOAD_MAX_BYTES?: string;
}

export interface JobsApp {
  readonly baseUrl: string;
  /** `app.close()`, at most once; fails the check, with words, if it never returns. */
  close(): Promise<void>;
}

/**
 * The learner's AppModule with these settings (read when the app is
 * created), listening on a loopback port; closed after the file at the latest.
 */
export async function startJobsApp(settings: JobsSettings): Promise<JobsApp> {
  const { AppModule } = await appModule();
  const running = await startAppUnderTest(
    async () => {
      const moduleRef = await Test.createTestingModule({ imports: [AppModule as never] }).compile();
      return moduleRef.createNestApplication({ logger: false });
    },
    { JOBS_CONCURRENCY: undefined, UPLOAD_MAX_BYTES: undefined, ...settings },
  );
  let closing: Promise<void> | undefined;
  return {
    baseUrl: running.baseUrl,
    close: () => {
      closing ??= closeWithin(running.close(), 5_000);
      return closing;
    },
  };
}

async function closeWithin(close: Promise<void>, ms: number): Promise<void> {
  const closing = await within(close, ms);
  if ('error' in closing) throw closing.error;
  if ('expired' in closing) {
    throw new GradingFailure({
      measured: `app.close() had not returned after ${ms / 1000} s`,
      expected: 'app.close() returns once the running jobs are stopped (or finished)',
      meaning:
        'Nest waits for your onModuleDestroy / beforeApplicationShutdown hooks. A hook that waits for every queued job to be processed, or for a promise that never settles, holds the shutdown forever: stop the running jobs between two rows and leave the others queued on disk.',
      hint: 6,
    });
  }
}

/** Every file and folder below `dir`, as paths relative to it, sorted. */
export async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.map((entry) => relative(dir, join(dir, entry))).sort();
}

/** What a job computes from a file (see `OrdersSummary` in src/orders.ts). */
export interface Summary {
  readonly orders: number;
  readonly customers: number;
  readonly totalCents: number;
}

/**
 * An orders CSV whose order ids start with `tag`, so that the processor's
 * reports name the upload; with its expected summary. A `malformedRow` gets
 * a quantity that is no number.
 */
export function ordersCsv(
  tag: string,
  rows: number,
  options: { readonly malformedRow?: number } = {},
): { text: string; summary: Summary; firstOrderId: string } {
  const lines = ['order_id,customer,quantity,unit_price_cents'];
  const customers = new Set<string>();
  let totalCents = 0;
  for (let row = 1; row <= rows; row += 1) {
    const order = orderRow(tag, row);
    customers.add(order.customer);
    totalCents += order.quantity * order.price;
    const quantity = row === options.malformedRow ? 'abc' : String(order.quantity);
    lines.push(`${tag}-${row},${order.customer},${quantity},${order.price}`);
  }
  return {
    text: `${lines.join('\n')}\n`,
    summary: { orders: rows, customers: customers.size, totalCents },
    firstOrderId: `${tag}-1`,
  };
}

function orderRow(tag: string, row: number) {
  return {
    customer: `${tag}-customer-${row % 7}`,
    quantity: 1 + (row % 5),
    price: 100 + (row % 13),
  };
}

/** A CSV of about `bytes` bytes, made as it is read: files of tens of MB cost the grader nothing. */
export function largeOrdersCsv(tag: string, bytes: number): () => Uint8Array | undefined {
  const encoder = new TextEncoder();
  let sent = 0;
  let row = 0;
  return () => {
    if (sent >= bytes) return undefined;
    const lines = row === 0 ? ['order_id,customer,quantity,unit_price_cents'] : [];
    for (let count = 0; count < 1_000; count += 1) {
      row += 1;
      const order = orderRow(tag, row);
      lines.push(`${tag}-${row},${order.customer},${order.quantity},${order.price}`);
    }
    const chunk = encoder.encode(`${lines.join('\n')}\n`);
    sent += chunk.length;
    return chunk;
  };
}

/**
 * Makes every chunk of `source` now, so that a check of the event loop does not
 * count the grader's own work: making 16 MB of rows in the app's process took
 * about a tenth of the loop's time on an idle machine.
 */
export function madeInAdvance(source: () => Uint8Array | undefined): () => Uint8Array | undefined {
  const chunks: Uint8Array[] = [];
  for (let chunk = source(); chunk; chunk = source()) chunks.push(chunk);
  let next = 0;
  return () => {
    const chunk = chunks[next];
    next += 1;
    return chunk;
  };
}

/** One part of a multipart body. */
export interface Part {
  readonly field: string;
  readonly fileName?: string;
  readonly type?: string;
  /** Text, or a source of chunks read until it returns undefined. */
  readonly content: string | (() => Uint8Array | undefined);
}

const BOUNDARY = 'kit-exercise-07-boundary';

/** A CSV file in the `file` field, as a browser's form would send it. */
export function csvFile(content: Part['content'], fileName = 'orders.csv'): Part {
  return { field: 'file', fileName, type: 'text/csv', content };
}

/** What came back from an upload, and how long it took from its first byte sent. */
export interface Answer {
  readonly status: number;
  readonly location: string | null;
  readonly body: unknown;
  readonly ms: number;
  /** Bytes of the body handed to the connection when the answer came. */
  readonly bytesSentAtAnswer: number;
}

/** A point where an upload stops sending until `resumed` settles. */
export interface Pause {
  readonly bytes: number;
  readonly reached: () => void;
  readonly resumed: Promise<void>;
}

/**
 * Sends a multipart body chunk by chunk (no Content-Length), as fast as the
 * connection takes it. `paceMs` waits between chunks; each of `pauses` stops sending
 * once that many bytes went, until `resumed` settles. It uses `http.request`:
 * `fetch` keeps a streamed body in memory until the answer, which would count
 * as the server's memory.
 */
export async function upload(
  baseUrl: string,
  parts: readonly Part[],
  options: {
    readonly timeoutMs?: number;
    readonly paceMs?: number;
    readonly pauses?: readonly Pause[];
  } = {},
): Promise<Answer | { readonly status: 'no answer'; readonly ms: number }> {
  const answered = deferred<Answer | { readonly status: 'no answer'; readonly ms: number }>();
  const started = now();
  let sent = 0;
  let over = false;
  const request = kitHttpRequest(`${baseUrl}/uploads`, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
  const noAnswer = () => {
    over = true;
    answered.resolve({ status: 'no answer', ms: now() - started });
    request.destroy();
  };
  const timer = setTimer(noAnswer, options.timeoutMs ?? 3_000);
  request.on('error', noAnswer);
  request.on('response', (response) => {
    const bytesSentAtAnswer = sent;
    const ms = now() - started;
    const body: Buffer[] = [];
    response.on('data', (chunk: Buffer) => body.push(chunk));
    response.on('error', noAnswer);
    response.on('end', () => {
      over = true;
      answered.resolve({
        status: response.statusCode ?? 0,
        location: (response.headers.location as string | undefined) ?? null,
        body: parseJson(Buffer.concat(body).toString('utf8')),
        ms,
        bytesSentAtAnswer,
      });
    });
  });
  const writable = deferred<void>();
  request.on('close', () => writable.resolve());
  const pauses = [...(options.pauses ?? [])];
  for (const chunk of multipartChunks(parts)) {
    if (over || request.destroyed) break;
    if (options.paceMs) await sleep(options.paceMs);
    const pause = pauses[0];
    if (pause && sent >= pause.bytes) {
      pauses.shift();
      pause.reached();
      await pause.resumed;
    }
    sent += chunk.length;
    if (!request.write(chunk)) {
      const drained = deferred<void>();
      request.once('drain', () => drained.resolve());
      await race([drained.promise, writable.promise]);
    }
  }
  if (!request.destroyed) request.end();
  const answer = await answered.promise;
  clearTimer(timer);
  return answer;
}

function* multipartChunks(parts: readonly Part[]): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  for (const part of parts) {
    const disposition = `form-data; name="${part.field}"${part.fileName === undefined ? '' : `; filename="${part.fileName}"`}`;
    const type = part.type ? `\r\nContent-Type: ${part.type}` : '';
    yield encoder.encode(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`);
    if (typeof part.content === 'string') {
      yield encoder.encode(part.content);
    } else {
      for (let chunk = part.content(); chunk; chunk = part.content()) yield chunk;
    }
    yield encoder.encode('\r\n');
  }
  yield encoder.encode(`--${BOUNDARY}--\r\n`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A job as `GET /jobs/:id` shows it. */
export interface JobView {
  readonly state?: unknown;
  readonly progress?: { readonly rowsDone?: unknown };
  readonly result?: unknown;
  readonly error?: unknown;
}

/** `GET` of a path of the app: its status and JSON body. */
export async function getJson(
  baseUrl: string,
  path: string,
): Promise<{ status: number; body: unknown }> {
  const response = await kitFetch(`${baseUrl}${path}`);
  return { status: response.status, body: parseJson(await response.text()) };
}

/** The job ids of 202 answers, or a failure that says what came back instead. */
export function acceptedJobId(answer: Awaited<ReturnType<typeof upload>>, what: string): string {
  const body = 'body' in answer ? (answer.body as { jobId?: unknown } | undefined) : undefined;
  if (answer.status === 202 && typeof body?.jobId === 'string') return body.jobId;
  throw new GradingFailure({
    measured:
      answer.status === 'no answer'
        ? `${what}: no answer after ${Math.round(answer.ms)} ms`
        : `${what}: ${answer.status} ${JSON.stringify('body' in answer ? answer.body : '').slice(0, 160)}`,
    expected: '202 Accepted at once, with { jobId, statusUrl }',
    meaning:
      'The upload is answered only when the work is done (or not with a job): the client waits for every row. Save the file, queue a job, answer 202 with its id, and process the rows in the background.',
    hint: 1,
  });
}

/** Polls `GET /jobs/:id` until every job is completed or failed, or `ms` passed. */
export async function untilSettled(
  baseUrl: string,
  ids: readonly string[],
  ms: number,
): Promise<Map<string, JobView>> {
  const deadline = now() + ms;
  const views = new Map<string, JobView>();
  for (;;) {
    for (const id of ids) {
      const { body } = await getJson(baseUrl, `/jobs/${id}`);
      views.set(id, (body ?? {}) as JobView);
    }
    const settled = [...views.values()].every(
      (view) => view.state === 'completed' || view.state === 'failed',
    );
    if (settled || now() > deadline) return views;
    await sleep(25);
  }
}

/** One report of the provided processor, with when the grader heard it. */
export interface ProcessorEvent {
  readonly event: 'started' | 'completed' | 'failed' | 'aborted';
  readonly firstOrderId: string;
  readonly rowsDone: number;
  readonly at: number;
}

/** Listens to the processor's reports from now on (see `PROCESSOR_CHANNEL` in src/orders.ts). */
export async function watchProcessor() {
  const { PROCESSOR_CHANNEL } = (await provided()) as unknown as { PROCESSOR_CHANNEL: string };
  const { reports: events, stop } = listenToReports<Omit<ProcessorEvent, 'at'>>(PROCESSOR_CHANNEL);
  afterFile(stop);
  return {
    events: events as ProcessorEvent[],
    /** Waits until `count` jobs ended (completed, failed or aborted), or `ms` passed. */
    async untilEnded(count: number, ms: number): Promise<void> {
      const deadline = now() + ms;
      while (ended(events) < count && now() < deadline) await sleep(10);
    },
    /** Each job the processor ran, drawn on the grader's clock, named as `names` says. */
    spans(names: ReadonlyMap<string, string>): Span[] {
      const open = new Map<string, number>();
      const spans: Span[] = [];
      for (const event of events) {
        const label = names.get(event.firstOrderId) ?? event.firstOrderId;
        if (event.event === 'started') open.set(event.firstOrderId, event.at);
        else {
          spans.push({
            label: `${label} (${event.event})`,
            start: open.get(event.firstOrderId) ?? event.at,
            end: event.at,
            outcome: event.event === 'completed' ? 'fulfilled' : 'rejected',
          });
          open.delete(event.firstOrderId);
        }
      }
      for (const [id, start] of open) {
        spans.push({
          label: `${names.get(id) ?? id} (running)`,
          start,
          end: undefined,
          outcome: 'pending',
        });
      }
      return spans;
    },
    stop,
  };
}

function ended(events: readonly ProcessorEvent[]): number {
  return events.filter((event) => event.event !== 'started').length;
}

/** The most jobs the processor ran at the same time, from the order of its reports. */
export function peakRunning(events: readonly ProcessorEvent[]): number {
  const running = new Set<string>();
  let peak = 0;
  for (const event of events) {
    if (event.event === 'started') running.add(event.firstOrderId);
    else running.delete(event.firstOrderId);
    peak = Math.max(peak, running.size);
  }
  return peak;
}
