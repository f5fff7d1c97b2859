import { redisForSuite, redisSource } from '@kit/redis-for-tests';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { referenceApp } from './app.ts';

const CSV = 'city,temp\nLondon,11\nParis,15\nTokyo,18\n';
type Http = ReturnType<typeof request>;

async function finished(http: Http, statusUrl: string) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const job = (await http.get(statusUrl)).body as { status: string };
    if (job.status === 'completed' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${statusUrl} never finished`);
}

const BULLMQ_SUITE = 'jobs on BullMQ on Redis';
const source = redisSource(BULLMQ_SUITE);
if (source.kind === 'absent') console.warn(`[kit] ${source.notice}`);
const redis = redisForSuite(source);
// Each describe block closes its app first: a Redis that vanished under BullMQ's connections would make them retry.
afterAll(() => redis.stop());

/** The same tests for each queue; a queue whose service is absent is skipped by name. */
function jobsSuite(queue: string, env: () => Promise<NodeJS.ProcessEnv>, skip = false) {
  (skip ? describe.skip : describe)(queue, () => {
    let http: Http;
    let queueEnv: NodeJS.ProcessEnv = {};
    const app = referenceApp(() => ({ ...queueEnv, MAX_UPLOAD_BYTES: '1024', JOB_STEP_MS: '10' }));

    beforeAll(async () => {
      queueEnv = await env();
      http = request((await app()).baseUrl);
    });

    test('an upload is answered 202 at once with an unguessable job id, then processed in the background', async () => {
      const accepted = await http.post('/files').attach('file', Buffer.from(CSV), 'cities.csv');
      expect(accepted.status).toBe(202);
      expect(accepted.body.jobId).toMatch(/^[0-9a-f-]{36}$/);
      expect(accepted.body.statusUrl).toBe(`/jobs/${accepted.body.jobId}`);
      const first = (await http.get(accepted.body.statusUrl)).body;
      expect(['queued', 'active']).toContain(first.status);
      expect(await finished(http, accepted.body.statusUrl)).toMatchObject({
        status: 'completed',
        progress: 100,
        result: { name: 'cities.csv', lines: 4, columns: 2, bytes: CSV.length },
      });
    });

    test('a file that cannot be processed ends as a failed job with its reason', async () => {
      const accepted = await http
        .post('/files')
        .attach('file', Buffer.from('a,b\n1,2,3\n'), 'broken.csv');
      expect(await finished(http, accepted.body.statusUrl)).toMatchObject({
        status: 'failed',
        error: 'line 2 has 3 columns where the first has 2',
      });
    });

    test('bad uploads are 4xx with a message: too large, wrong type, no file; an unknown job is a 404', async () => {
      const tooLarge = await http.post('/files').attach('file', Buffer.alloc(4096, 'a'), 'big.txt');
      expect(tooLarge.status).toBe(413);
      const image = await http
        .post('/files')
        .attach('file', Buffer.from([0x89, 0x50]), { filename: 'x.png', contentType: 'image/png' });
      expect(image.status).toBe(415);
      expect(image.body.message).toContain('Only CSV or plain text');
      const none = await http.post('/files').field('other', 'x');
      expect(none.status).toBe(400);
      expect(none.body.message).toContain('field named "file"');
      expect((await http.get('/jobs/00000000-0000-0000-0000-000000000000')).status).toBe(404);
      expect((await http.get('/jobs/1')).status).toBe(404);
    });
  });
}

jobsSuite('jobs on the in-process queue', async () => ({}));
jobsSuite(BULLMQ_SUITE, async () => ({ REDIS_URL: await redis.url() }), source.kind === 'absent');
