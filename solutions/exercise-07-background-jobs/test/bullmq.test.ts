import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenToReports, sleep } from '@kit/measure';
import { redisForSuite, redisSource } from '@kit/redis-for-tests';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AppModule } from '../src/app.module.ts';
import { PROCESSOR_CHANNEL, type ProcessorReport } from '../src/orders.ts';

const SUITE = 'exercise 07 on BullMQ on Redis';
const source = redisSource(SUITE);
if (source.kind === 'absent') console.warn(`[kit] ${source.notice}`);
const redis = redisForSuite(source);
afterAll(() => redis.stop());

/** A CSV of `rows` orders whose ids start with `tag`, and its summary. */
function ordersCsv(tag: string, rows: number) {
  const lines = ['order_id,customer,quantity,unit_price_cents'];
  let totalCents = 0;
  for (let row = 1; row <= rows; row += 1) {
    lines.push(`${tag}-${row},c${row % 5},${(row % 3) + 1},100`);
    totalCents += ((row % 3) + 1) * 100;
  }
  return {
    text: `${lines.join('\n')}\n`,
    summary: { orders: rows, customers: Math.min(rows, 5), totalCents },
  };
}

describe.skipIf(source.kind === 'absent')(SUITE, () => {
  // Made when the suite runs, not when it is collected: a skipped suite leaves no folder behind.
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kit-07-bullmq-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const open = new Set<{ close(): Promise<void> }>();
  // Each test's instances stop with it: a worker left running would take the next test's jobs.
  afterEach(async () => {
    for (const app of open) await app.close();
    open.clear();
  });

  beforeEach(async () => {
    const client = new Redis(await redis.url());
    await client.flushall();
    client.disconnect();
  });

  /** An instance of the solution on BullMQ, sharing the jobs folder and the Redis of the suite. */
  async function instance() {
    Object.assign(process.env, {
      JOBS_QUEUE: 'bullmq',
      REDIS_URL: await redis.url(),
      JOBS_DIR: dir,
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    delete process.env.JOBS_QUEUE;
    await app.listen(0, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    let closing: Promise<void> | undefined;
    const running = { baseUrl, close: () => (closing ??= app.close()) };
    open.add(running);
    return running;
  }

  async function upload(baseUrl: string, text: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'text/csv' }), 'orders.csv');
    const answer = await fetch(`${baseUrl}/uploads`, { method: 'POST', body: form });
    expect(answer.status).toBe(202);
    return ((await answer.json()) as { jobId: string }).jobId;
  }

  async function job(baseUrl: string, id: string) {
    return (await (await fetch(`${baseUrl}/jobs/${id}`)).json()) as {
      state: string;
      progress: { rowsDone: number };
      result?: unknown;
    };
  }

  async function untilCompleted(baseUrl: string, ids: readonly string[]) {
    for (let tries = 0; tries < 400; tries += 1) {
      const states = await Promise.all(ids.map(async (id) => (await job(baseUrl, id)).state));
      if (states.every((state) => state === 'completed' || state === 'failed')) return;
      await sleep(25);
    }
  }

  test('an upload is answered 202, and its job reports progress and completes with its result', async () => {
    const { baseUrl } = await instance();
    const file = ordersCsv('one', 300);
    const id = await upload(baseUrl, file.text);
    const progress = new Set<number>();
    for (let tries = 0; tries < 200; tries += 1) {
      const seen = await job(baseUrl, id);
      if (seen.state === 'running') progress.add(seen.progress.rowsDone);
      if (seen.state === 'completed') break;
      await sleep(20);
    }
    const done = await job(baseUrl, id);
    expect(done.state).toBe('completed');
    expect(done.result).toEqual(file.summary);
    expect([...progress].some((rows) => rows > 0)).toBe(true);
    const result = await fetch(`${baseUrl}/jobs/${id}/result`);
    expect(await result.json()).toEqual(file.summary);
  });

  test('two instances share one queue: twice the concurrency runs at once, every job once', async () => {
    const processor = listenToReports<ProcessorReport>(PROCESSOR_CHANNEL);
    const first = await instance();
    await instance();
    const files = Array.from({ length: 8 }, (_, index) => ordersCsv(`shared${index}`, 100));
    const ids: string[] = [];
    for (const file of files) ids.push(await upload(first.baseUrl, file.text));
    await untilCompleted(first.baseUrl, ids);
    processor.stop();
    const running = new Set<string>();
    let peak = 0;
    for (const report of processor.reports) {
      if (report.event === 'started') running.add(report.firstOrderId);
      else running.delete(report.firstOrderId);
      peak = Math.max(peak, running.size);
    }
    expect(peak).toBe(4);
    const completed = processor.reports.filter((report) => report.event === 'completed');
    expect(completed.map((report) => report.firstOrderId).sort()).toEqual(
      files.map((_, index) => `shared${index}-1`).sort(),
    );
    for (const [index, id] of ids.entries()) {
      expect((await job(first.baseUrl, id)).result).toEqual(files[index]?.summary);
    }
  });

  test('an instance closed mid-work finishes its jobs, and a new one runs the rest: each job once', async () => {
    const processor = listenToReports<ProcessorReport>(PROCESSOR_CHANNEL);
    const first = await instance();
    const files = Array.from({ length: 6 }, (_, index) => ordersCsv(`restart${index}`, 100));
    const ids: string[] = [];
    for (const file of files) ids.push(await upload(first.baseUrl, file.text));
    while (processor.reports.filter((report) => report.event === 'started').length < 2)
      await sleep(5);
    await first.close();
    const second = await instance();
    await untilCompleted(second.baseUrl, ids);
    processor.stop();
    const completions = processor.reports
      .filter((report) => report.event === 'completed')
      .map((report) => report.firstOrderId)
      .sort();
    expect(completions).toEqual(files.map((_, index) => `restart${index}-1`).sort());
  });
});
