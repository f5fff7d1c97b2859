import { check, expectThat, now, scratchFolder, sleep } from '@kit/grading';
import {
  acceptedJobId,
  csvFile,
  ordersCsv,
  startJobsApp,
  untilSettled,
  upload,
  watchProcessor,
} from './jobs-app.ts';

check(
  'shutdown in the middle of work, then a new instance on the same folder: every job completed exactly once',
  { points: 4, hint: 6 },
  async () => {
    const dir = scratchFolder('kit-07-');
    const watch = await watchProcessor();
    const first = await startJobsApp({ JOBS_DIR: dir });
    // Upload 2 fails at its row 30, long before the shutdown: finished too, so never run again.
    const FAILING = 1;
    const files = [1, 2, 3, 4, 5, 6].map((index) =>
      ordersCsv(`k${index}`, 100, index === FAILING + 1 ? { malformedRow: 30 } : {}),
    );
    const names = new Map(files.map((file, index) => [file.firstOrderId, `upload ${index + 1}`]));
    const ids: string[] = [];
    for (const [index, file] of files.entries()) {
      ids.push(
        acceptedJobId(await upload(first.baseUrl, [csvFile(file.text)]), `upload ${index + 1}`),
      );
    }
    // Close when two jobs have completed and two more are under way: some done, some running, some waiting.
    const deadline = now() + 5_000;
    const count = (event: string) => watch.events.filter((seen) => seen.event === event).length;
    while (!(count('completed') >= 2 && count('started') >= 4) && now() < deadline) await sleep(5);
    await sleep(40);
    const closedAt = watch.events.length;
    await first.close();
    // One job at a time on the new instance: the order it takes them back in is then unambiguous.
    const second = await startJobsApp({ JOBS_DIR: dir, JOBS_CONCURRENCY: '1' });
    const views = await untilSettled(second.baseUrl, ids, 6_000);
    await sleep(100);
    watch.stop();
    await second.close();
    const timeline = watch.spans(names);
    const ends = new Map<string, number>();
    const starts = new Map<string, number>();
    for (const event of watch.events) {
      const tally =
        event.event === 'started' ? starts : event.event === 'aborted' ? undefined : ends;
      tally?.set(event.firstOrderId, (tally.get(event.firstOrderId) ?? 0) + 1);
    }
    const report = files.map((file, index) => {
      const view = views.get(ids[index] as string) ?? {};
      const failing = index === FAILING;
      // The failed job's end is its failure: it must not start again on the new instance.
      const times = failing
        ? Math.max(ends.get(file.firstOrderId) ?? 0, starts.get(file.firstOrderId) ?? 0)
        : (ends.get(file.firstOrderId) ?? 0);
      const right = failing
        ? view.state === 'failed'
        : view.state === 'completed' &&
          JSON.stringify(view.result) === JSON.stringify(file.summary);
      return {
        name: `upload ${index + 1}${failing ? ' (malformed)' : ''}`,
        times,
        state: view.state,
        right,
      };
    });
    const wrong = report.filter((job) => job.times !== 1 || !job.right);
    const finishedBefore = new Set(
      watch.events
        .slice(0, closedAt)
        .filter((event) => event.event === 'completed')
        .map((event) => names.get(event.firstOrderId)),
    );
    expectThat(wrong.length === 0, {
      measured: wrong
        .map(
          (job) =>
            `${job.name}${finishedBefore.has(job.name) ? ' (completed before the shutdown)' : ''}: processed to the end ${job.times} time(s), ${job.right ? 'with the right result' : `state ${JSON.stringify(job.state)} on the new instance`}`,
        )
        .join('; '),
      expected:
        'every one of the six processed to its end exactly once: the five good ones completed with their results on the new instance, the malformed one still failed and never started again',
      meaning:
        "Zero: a job accepted with a 202 was lost, because its state lived only in memory or the new instance does not take back the queued and interrupted jobs it finds on disk. Twice: a finished job ran again, because its completion (and result), or its failure, were not on disk before the shutdown, or the new instance queues failed jobs again. Keep every job's state on disk, and on start-up queue again exactly the ones not finished.",
      hint: 6,
      timeline,
    });
    const resumed = watch.events
      .slice(closedAt)
      .filter((event) => event.event === 'started')
      .map((event) => files.findIndex((file) => file.firstOrderId === event.firstOrderId));
    const inOrder = resumed.every((index, at) => at === 0 || index > (resumed[at - 1] as number));
    expectThat(inOrder, {
      measured: `the new instance started ${resumed.map((index) => `upload ${index + 1}`).join(', ')}`,
      expected: 'the jobs it took back, in the order they were uploaded',
      meaning:
        "The jobs' folders are named by random UUIDs, so the order a folder listing gives is no order at all: keep each job's place in the queue (its upload time, or a sequence number) on disk, and take the jobs back sorted by it.",
      hint: 6,
      timeline,
    });
  },
);
