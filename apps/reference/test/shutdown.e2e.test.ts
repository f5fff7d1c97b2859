import { recordStream } from '@kit/measure';
import { expect, test } from 'vitest';
import { drain } from '../src/shutdown.ts';
import { referenceApp } from './app.ts';

const started = referenceApp(() => ({ JOB_STEP_MS: '30' }));

test('closing the app finishes the requests, streams and in-process jobs in flight, then takes no more', async () => {
  const { app, baseUrl } = await started();
  const form = new FormData();
  form.append('file', new Blob(['one\ntwo\n'], { type: 'text/plain' }), 'notes.txt');
  const { jobId } = (await (
    await fetch(`${baseUrl}/files`, { method: 'POST', body: form })
  ).json()) as { jobId: string };
  const slow = fetch(`${baseUrl}/async?ms=300`);
  const stream = recordStream(`${baseUrl}/rows?count=5&delayMs=60`);
  await new Promise((resolve) => setTimeout(resolve, 50));

  const jobs = app.get<{ view(id: string): Promise<{ status: string } | undefined> }>(
    (await import('../src/jobs/job.ts')).JOB_QUEUE,
  );
  await drain(app, { graceMs: 5_000, log: () => {} });

  expect((await slow).status).toBe(200);
  expect((await stream).lines).toHaveLength(5);
  expect((await jobs.view(jobId))?.status).toBe('completed');
  await expect(fetch(`${baseUrl}/`)).rejects.toThrow();
});
