import {
  check,
  deferred,
  expectFigure,
  expectThat,
  formatMs,
  race,
  retainedBytes,
  scratchFolder,
  sleep,
} from '@kit/grading';
import {
  acceptedJobId,
  csvFile,
  largeOrdersCsv,
  ordersCsv,
  startJobsApp,
  upload,
} from './jobs-app.ts';

const MB = 1024 * 1024;

// In a file of its own: no other check's uploads hold or free memory while this one measures.
check(
  'taking a 24 MB upload grows the process by a small fraction of the file',
  { points: 3, hint: 4 },
  async () => {
    // An app of its own: nothing else uploaded to it holds or frees memory meanwhile.
    const { baseUrl } = await startJobsApp({ JOBS_DIR: scratchFolder('kit-07-') });
    acceptedJobId(
      await upload(baseUrl, [csvFile(ordersCsv('w1', 20).text)]),
      'a first upload of 20 rows',
    );
    const pauseAt = 16 * MB;
    const reached = deferred<void>();
    const resume = deferred<void>();
    const before = retainedBytes();
    const answer = upload(baseUrl, [csvFile(largeOrdersCsv('r1', 24 * MB))], {
      timeoutMs: 6_000,
      pauseAt: { bytes: pauseAt, reached: () => reached.resolve(), resumed: resume.promise },
    });
    const paused = await race([reached.promise.then(() => true), answer.then(() => false)]);
    // What was sent has had time to reach the server, which may hold it or write it away.
    await sleep(400);
    const growth = retainedBytes() - before;
    resume.resolve();
    const accepted = await answer;
    expectThat(paused, {
      measured: 'the upload was answered before 16 MB of it were sent',
      expected: '16 MB sent, then a 202 once the whole file is in',
      meaning: 'The server answered before the file was whole: a 202 must mean the file is saved.',
      hint: 4,
    });
    acceptedJobId(accepted, 'the upload of 24 MB');
    expectFigure({
      label: 'memory the process kept, 16 MB into the upload',
      measured: growth / MB,
      unit: 'MB',
      atMost: 4,
      meaning: `Measured after a full garbage collection, against the same before the upload (${formatMs(before / MB)} MB). A file kept in memory grows the process by its own size, and ten such uploads at once take the process down. Pipe the file part to a write stream on disk: it holds a few chunks at a time, whatever the size.`,
      hint: 4,
    });
  },
);
