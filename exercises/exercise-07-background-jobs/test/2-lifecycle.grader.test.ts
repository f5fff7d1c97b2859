import { check, expectEqual, expectThat, now, scratchFolder, sleep } from '@kit/grading';
import {
  acceptedJobId,
  csvFile,
  getJson,
  type JobView,
  ordersCsv,
  startJobsApp,
  untilSettled,
  upload,
} from './jobs-app.ts';

let started: ReturnType<typeof startJobsApp> | undefined;
const jobsApp = async () => {
  started ??= startJobsApp({ JOBS_DIR: scratchFolder('kit-07-') });
  return started;
};

/** What the grader saw of one job, one poll after another. */
interface Observation {
  readonly state: unknown;
  readonly rowsDone: unknown;
}

check(
  'GET /jobs/:id shows queued, then running with its rows done rising, then completed with the right result',
  { points: 3, hint: 2 },
  async () => {
    const { baseUrl } = await jobsApp();
    const files = ['q1', 'q2', 'q3'].map((tag) => ordersCsv(tag, 150));
    const ids: string[] = [];
    for (const [index, file] of files.entries()) {
      ids.push(acceptedJobId(await upload(baseUrl, [csvFile(file.text)]), `upload ${index + 1}`));
    }
    const third = `/jobs/${ids[2]}`;
    const seen: Observation[] = [];
    let resultWhileWaiting: number | undefined;
    const deadline = now() + 5_000;
    let view: JobView = {};
    while (now() < deadline) {
      view = (await getJson(baseUrl, third)).body as JobView;
      seen.push({ state: view.state, rowsDone: view.progress?.rowsDone });
      if (resultWhileWaiting === undefined && view.state !== 'completed') {
        resultWhileWaiting = (await getJson(baseUrl, `${third}/result`)).status;
      }
      if (view.state === 'completed' || view.state === 'failed') break;
      await sleep(15);
    }
    const states = collapse(seen.map((observation) => String(observation.state)));
    expectEqual('states, in the order seen', states, ['queued', 'running', 'completed'], {
      meaning:
        'The third of three uploads, with two jobs at a time, waits its turn (queued), is processed (running), then ends (completed). A state missing or out of order means the status is not kept as the job moves, or jobs do not wait for a free place.',
      hint: 2,
    });
    const progress = seen
      .filter((observation) => observation.state === 'running')
      .map((observation) => observation.rowsDone);
    const rising =
      progress.every((rows) => typeof rows === 'number') &&
      new Set(progress).size >= 2 &&
      progress.every(
        (rows, index) => index === 0 || (rows as number) >= (progress[index - 1] as number),
      );
    expectThat(rising, {
      measured: `progress.rowsDone while running: ${JSON.stringify(progress.slice(0, 12))}${progress.length > 12 ? ' …' : ''}`,
      expected:
        'numbers that rise as rows are processed (at least two different ones, never going back)',
      meaning:
        'Progress is what a client polls for. Keep the rows done on the job as summarizeOrders reports them (its onProgress), and show it as progress.rowsDone.',
      hint: 2,
    });
    expectEqual("the completed job's result", view.result, files[2]?.summary, {
      meaning: 'The job must keep the summary summarizeOrders returned for its own file.',
      hint: 2,
    });
    const result = await getJson(baseUrl, `${third}/result`);
    expectThat(resultWhileWaiting === 409 && result.status === 200, {
      measured: `GET ${third}/result answered ${resultWhileWaiting} before the job completed, ${result.status} after`,
      expected: '409 before, 200 after',
      meaning:
        "A result that does not exist yet is a conflict with the job's state (409), not a missing resource (404) nor an empty success.",
      hint: 2,
    });
    expectEqual('GET /jobs/:id/result once completed', result.body, files[2]?.summary, {
      meaning: 'The result route returns the summary itself.',
      hint: 2,
    });
  },
);

check(
  'a malformed row fails its job with the row number, and the other jobs complete',
  { points: 2, hint: 5 },
  async () => {
    const { baseUrl } = await jobsApp();
    const files = [
      ordersCsv('m1', 60),
      ordersCsv('m2', 80, { malformedRow: 57 }),
      ordersCsv('m3', 60),
    ];
    const ids: string[] = [];
    for (const [index, file] of files.entries()) {
      ids.push(acceptedJobId(await upload(baseUrl, [csvFile(file.text)]), `upload ${index + 1}`));
    }
    const views = await untilSettled(baseUrl, ids, 5_000);
    const bad = views.get(ids[1] as string) ?? {};
    expectThat(bad.state === 'failed' && /\b57\b/.test(String(bad.error ?? '')), {
      measured: `the job with a bad quantity on row 57: state ${JSON.stringify(bad.state)}, error ${JSON.stringify(bad.error)}`,
      expected: 'state "failed", and an error that names row 57',
      meaning:
        'A job whose data is wrong ends failed, with the reason a person can act on: summarizeOrders throws a MalformedRowError whose message names the row. Catch it in the job, not around the whole queue.',
      hint: 5,
    });
    for (const index of [0, 2]) {
      const view = views.get(ids[index] as string) ?? {};
      expectThat(view.state === 'completed', {
        measured: `upload ${index + 1} (a good file sent ${index === 0 ? 'before' : 'after'} the bad one): ${JSON.stringify(view.state)}`,
        expected: 'completed',
        meaning:
          'One bad file must not stop the queue: the job that failed frees its place, and the next one runs.',
        hint: 5,
      });
    }
    const result = await getJson(baseUrl, `/jobs/${ids[1]}/result`);
    expectThat(result.status === 409, {
      measured: `GET /jobs/:id/result of the failed job answered ${result.status}`,
      expected: '409: a failed job has no result',
      meaning: 'The result route answers only for completed jobs.',
      hint: 2,
    });
  },
);

/** The states as they changed: repeats of one state in a row count once. */
function collapse(states: readonly string[]): string[] {
  return states.filter((state, index) => index === 0 || state !== states[index - 1]);
}
