import { check, expectFigure, expectThat, formatMs, scratchFolder } from '@kit/grading';
import { acceptedJobId, csvFile, getJson, ordersCsv, startJobsApp, upload } from './jobs-app.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

let started: ReturnType<typeof startJobsApp> | undefined;
const jobsApp = async () => {
  started ??= startJobsApp({ JOBS_DIR: scratchFolder('kit-07-') });
  return started;
};

check(
  'POST /uploads answers 202 with a random job id, its status URL and a Location header',
  { points: 2, hint: 1 },
  async () => {
    const { baseUrl } = await jobsApp();
    // A CSV is known by its type or by its .csv name: one upload of each kind, and one of both.
    const parts = [
      csvFile(ordersCsv('a1', 20).text),
      { ...csvFile(ordersCsv('a2', 20).text), type: 'application/octet-stream' },
      csvFile(ordersCsv('a3', 20).text, 'orders-export'),
    ];
    const answers = [];
    for (const part of parts) answers.push(await upload(baseUrl, [part]));
    const ids = answers.map((answer, index) => acceptedJobId(answer, `upload ${index + 1}`));
    expectThat(ids.every((id) => UUID.test(id)) && new Set(ids).size === ids.length, {
      measured: `job ids ${ids.map((id) => JSON.stringify(id)).join(', ')}`,
      expected: 'three different random UUIDs (version 4, as crypto.randomUUID() makes them)',
      meaning:
        'A job id is a capability: whoever knows it can read the job. A counter or a name from the client can be guessed, or can name a path. Use crypto.randomUUID().',
      hint: 1,
    });
    for (const [index, answer] of answers.entries()) {
      const { statusUrl } = ('body' in answer ? answer.body : {}) as { statusUrl?: unknown };
      const location = 'location' in answer ? answer.location : null;
      const path = `/jobs/${ids[index]}`;
      const pointsAtJob = (url: unknown) => typeof url === 'string' && url.endsWith(path);
      expectThat(pointsAtJob(statusUrl) && pointsAtJob(location), {
        measured: `statusUrl ${JSON.stringify(statusUrl)}, Location ${JSON.stringify(location)}`,
        expected: `both ${path} (or an absolute URL that ends with it)`,
        meaning:
          'A 202 tells the client where to ask about the work it accepted: in the body for people reading it, in the Location header for HTTP clients that follow it.',
        hint: 1,
      });
      const status = await getJson(baseUrl, path);
      expectThat(status.status === 200, {
        measured: `GET ${path} answered ${status.status}`,
        expected: '200 with the job',
        meaning: 'The status URL must lead to the job the upload created.',
        hint: 2,
      });
    }
    // A job id walking out of its folder and back into another job's is no job id.
    const walking = `/jobs/${ids[0]}%2F..%2F${ids[1]}`;
    const walked = await getJson(baseUrl, walking);
    expectThat(walked.status === 404, {
      measured: `GET ${walking} answered ${walked.status}`,
      expected: '404: the id is not a job id',
      meaning:
        'A job id joined into a path without being checked lets a client walk the jobs folder: only a UUID of a job you created is a job.',
      hint: 5,
    });
  },
);

check(
  'the 202 comes back as fast for 20 000 rows as for 100: its time does not grow with the file',
  { points: 3, hint: 1 },
  async () => {
    const { baseUrl } = await jobsApp();
    const small = await upload(baseUrl, [csvFile(ordersCsv('s1', 100).text)]);
    acceptedJobId(small, 'the upload of 100 rows');
    const large = await upload(baseUrl, [csvFile(ordersCsv('l1', 20_000).text)]);
    acceptedJobId(large, 'the upload of 20 000 rows');
    expectFigure({
      label: 'time to the 202 for 20 000 rows, minus the time for 100 rows',
      measured: large.ms - small.ms,
      unit: 'ms',
      atMost: 250,
      meaning: `The 202 for 100 rows came after ${formatMs(small.ms)} ms, for 20 000 rows after ${formatMs(large.ms)} ms. Processing takes about 2 ms a row: an answer that grows with the rows waits for the processing. Answer once the file is saved, and process it afterwards.`,
      hint: 1,
    });
  },
);
