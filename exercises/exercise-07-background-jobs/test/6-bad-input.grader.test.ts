import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { check, expectEqual, expectThat, kitFetch, scratchFolder, sleep } from '@kit/grading';
import {
  acceptedJobId,
  csvFile,
  largeOrdersCsv,
  listTree,
  ordersCsv,
  type Part,
  startJobsApp,
  untilSettled,
  upload,
} from './jobs-app.ts';

const MB = 1024 * 1024;

/** What one bad request got, for the report. */
interface Refusal {
  readonly request: string;
  readonly status: number | string;
  readonly message: unknown;
  readonly expected: number;
}

check(
  'bad input gets 400, 415 or 404 with a message, and leaves nothing in the jobs folder',
  { points: 2, hint: 5 },
  async () => {
    const dir = scratchFolder('kit-07-');
    const { baseUrl } = await startJobsApp({ JOBS_DIR: dir });
    const before = await listTree(dir);
    const refusals: Refusal[] = [];
    const sent = async (request: string, expected: number, parts: readonly Part[]) => {
      const answer = await upload(baseUrl, parts);
      const body = 'body' in answer ? (answer.body as { message?: unknown }) : undefined;
      refusals.push({ request, status: answer.status, message: body?.message, expected });
    };
    const json = await kitFetch(`${baseUrl}/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ file: 'orders.csv' }),
    });
    refusals.push({
      request: 'a JSON body, no multipart',
      status: json.status,
      message: ((await json.json().catch(() => ({}))) as { message?: unknown }).message,
      expected: 400,
    });
    await sent('a form with no file', 400, [{ field: 'note', content: 'hello' }]);
    await sent('the CSV in a field named "document"', 400, [
      { ...csvFile(ordersCsv('b1', 5).text), field: 'document' },
    ]);
    await sent('a PNG image', 415, [
      { field: 'file', fileName: 'orders.png', type: 'image/png', content: '\u0089PNG\r\n' },
    ]);
    await sent('a text file', 415, [
      { field: 'file', fileName: 'notes.txt', type: 'text/plain', content: 'order_id\nA-1\n' },
    ]);
    for (const [request, path] of [
      ['an unknown job id', `/jobs/${randomUUID()}`],
      ['the result of an unknown job', `/jobs/${randomUUID()}/result`],
      ['a job id that is no UUID', '/jobs/not-a-job'],
      ['a job id that is a path', '/jobs/..%2F..%2Fetc%2Fpasswd'],
    ] as const) {
      const answer = await kitFetch(`${baseUrl}${path}`);
      const body = (await answer.json().catch(() => ({}))) as { message?: unknown };
      refusals.push({
        request: `GET ${path} (${request})`,
        status: answer.status,
        message: body.message,
        expected: 404,
      });
    }
    const wrong = refusals.filter(
      (refusal) =>
        refusal.status !== refusal.expected ||
        !(typeof refusal.message === 'string' && refusal.message.length > 0),
    );
    expectThat(wrong.length === 0, {
      measured: wrong
        .map(
          (refusal) =>
            `${refusal.request}: ${refusal.status} ${JSON.stringify(refusal.message ?? null)}`,
        )
        .join('; '),
      expected:
        'each refused with its status (400 no file, 415 not a CSV, 404 no such job) and a message',
      meaning:
        'A client that sent something wrong must learn what, from the status and the message, and the server must not fail with a 500 or accept it.',
      hint: 5,
    });
    await sleep(100);
    expectEqual('the jobs folder after the refused uploads', await listTree(dir), before, {
      meaning: 'A refused upload must leave nothing on disk: remove its folder when you refuse it.',
      hint: 5,
    });
  },
);

check(
  'a too-large upload is refused with 413 before the rest of its body is sent, and its partial file removed',
  { points: 2, hint: 5 },
  async () => {
    const dir = scratchFolder('kit-07-');
    const { baseUrl } = await startJobsApp({ JOBS_DIR: dir, UPLOAD_MAX_BYTES: String(MB) });
    const fits = await upload(baseUrl, [csvFile(largeOrdersCsv('f1', 0.9 * MB))]);
    const fitting = acceptedJobId(fits, 'a file of 0.9 MB, with UPLOAD_MAX_BYTES=1048576');
    await untilSettled(baseUrl, [fitting], 100);
    const before = await listTree(dir);
    const tooLarge = await upload(baseUrl, [csvFile(largeOrdersCsv('x1', 8 * MB))], {
      paceMs: 5,
      timeoutMs: 6_000,
    });
    const sentMb = 'bytesSentAtAnswer' in tooLarge ? tooLarge.bytesSentAtAnswer / MB : Number.NaN;
    expectThat(tooLarge.status === 413 && sentMb < 4, {
      measured:
        tooLarge.status === 'no answer'
          ? 'no answer to an 8 MB upload within 6 s'
          : `${tooLarge.status} after ${sentMb.toFixed(1)} MB of 8 MB were sent`,
      expected: '413 before half of the 8 MB were sent (the limit is 1 MB)',
      meaning:
        "A limit checked once the file is whole has already paid for it: the whole body was read, and written. Let the multipart parser count (busboy's limits.fileSize) and answer 413 as soon as the file passes it; close the connection instead of reading the rest.",
      hint: 5,
    });
    await sleep(200);
    expectEqual('the jobs folder after the 413', await listTree(dir), before, {
      meaning:
        'The part of the file written before the limit was reached must be removed with its folder.',
      hint: 5,
    });
  },
);

check(
  "the client's file name is never a path: an upload named ../../escape.csv stays in the jobs folder",
  { points: 2, hint: 5 },
  async () => {
    const root = scratchFolder('kit-07-');
    const dir = join(root, 'deep', 'jobs');
    await mkdir(dir, { recursive: true });
    const { baseUrl } = await startJobsApp({ JOBS_DIR: dir });
    const file = ordersCsv('p1', 30);
    const id = acceptedJobId(
      await upload(baseUrl, [csvFile(file.text, '../../escape.csv')]),
      'an upload named ../../escape.csv',
    );
    const view = (await untilSettled(baseUrl, [id], 3_000)).get(id) ?? {};
    const outside = (await listTree(root)).filter((path) => !path.startsWith(join('deep', 'jobs')));
    expectEqual('files outside the jobs folder', outside, ['deep'], {
      meaning:
        'A file name comes from the client: joined to a folder, "../" climbs out of it, and the client writes where it likes. Name files yourself (the job id), and keep the client\'s name only as data.',
      hint: 5,
    });
    expectEqual(
      'the job of that upload',
      { state: view.state, result: view.result },
      {
        state: 'completed',
        result: file.summary,
      },
      {
        meaning: 'The upload must still be processed, from the file your server named.',
        hint: 5,
      },
    );
  },
);
