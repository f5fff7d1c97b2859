import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { describe, expect, test } from 'vitest';
import { referenceApp } from './app.ts';

const MB = 1024 * 1024;
const BOUNDARY = 'kit-upload-boundary';
const PART_HEAD = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`;
const PART_TAIL = `\r\n--${BOUNDARY}--\r\n`;

/**
 * Sends a 200 MB CSV at about 20 MB/s (a 10 s upload), with or without a
 * Content-Length, and stops sending once the answer comes.
 */
async function uploadHuge(baseUrl: string, declareLength: boolean) {
  const total = 200 * MB;
  const started = performance.now();
  const request = httpRequest(`${baseUrl}/files`, {
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      ...(declareLength
        ? { 'content-length': String(PART_HEAD.length + total + PART_TAIL.length) }
        : {}),
    },
  });
  request.on('error', () => {
    // The server closes the connection once it has answered: expected.
  });
  let sent = 0;
  let answer: { status: number; atMs: number; sentBytes: number } | undefined;
  const answered = new Promise<NonNullable<typeof answer>>((resolve) =>
    request.once('response', (response) => {
      answer = {
        status: response.statusCode ?? 0,
        atMs: performance.now() - started,
        sentBytes: sent,
      };
      response.resume();
      resolve(answer);
    }),
  );
  request.write(PART_HEAD);
  const chunk = Buffer.alloc(MB, 'a');
  while (sent < total && !answer && !request.destroyed) {
    // The server may close while a write waits for 'drain': once() then rejects with the
    // request's EPIPE, which only means the refusal came, so wait for the answer instead.
    if (!request.write(chunk))
      await Promise.race([once(request, 'drain').catch(() => undefined), answered]);
    sent += chunk.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const result = await Promise.race([
    answered,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2_000)),
  ]);
  request.destroy();
  return { result, uploadMs: (total / (20 * MB)) * 1000 };
}

describe.each(['fastify', 'express'])('uploads on %s', (adapter) => {
  const app = referenceApp(() => ({ ADAPTER: adapter, MAX_UPLOAD_BYTES: String(MB) }));

  test('a 200 MB upload that declares its length is refused with 413 before its body is read', async () => {
    const { result, uploadMs } = await uploadHuge((await app()).baseUrl, true);
    expect(result?.status).toBe(413);
    // The upload would take 10 s; the answer comes at once, with almost nothing sent.
    expect(result?.atMs).toBeLessThan(uploadMs / 10);
    expect(result?.sentBytes).toBeLessThan(20 * MB);
  });

  test('a streamed upload with no length is refused as soon as it passes the limit', async () => {
    const { result, uploadMs } = await uploadHuge((await app()).baseUrl, false);
    expect(result?.status).toBe(413);
    expect(result?.atMs).toBeLessThan(uploadMs / 10);
    expect(result?.sentBytes).toBeLessThan(20 * MB);
  });

  test('after a refusal the app still takes uploads', async () => {
    const form = new FormData();
    form.append('file', new Blob(['a,b\n1,2\n'], { type: 'text/csv' }), 'small.csv');
    const accepted = await fetch(`${(await app()).baseUrl}/files`, { method: 'POST', body: form });
    expect(accepted.status).toBe(202);
  });
});
