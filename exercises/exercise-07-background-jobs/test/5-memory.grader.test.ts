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

/** A pause for an upload, with the promise of its being reached and the way to resume. */
function pausePoint() {
  const reached = deferred<void>();
  const resumed = deferred<void>();
  return {
    reached: reached.promise,
    resume: () => resumed.resolve(),
    pause: { reached: () => reached.resolve(), resumed: resumed.promise },
  };
}

// In a file of its own: no other check's uploads hold or free memory while this one measures.
check(
  'taking a 24 MB upload grows the process by far less than the file',
  // Five pauses and fifteen full collections in one upload: at load 8 they outlasted the usual 8 s.
  { points: 3, hint: 4, timeoutMs: 25_000 },
  async () => {
    // An app of its own: nothing else uploaded to it holds or frees memory meanwhile.
    const { baseUrl } = await startJobsApp({ JOBS_DIR: scratchFolder('kit-07-') });
    acceptedJobId(
      await upload(baseUrl, [csvFile(ordersCsv('w1', 20).text)]),
      'a first upload of 20 rows',
    );
    // Five measurements in the middle of one upload, 4 MB apart: what the first chunks cost once
    // (code compiled, buffers allocated) is in all of them, and only what the process keeps of the
    // file itself grows between them. Each is the least of three collections (a buffer on its way
    // to disk is not kept), and the growth over the whole 16 MB is judged: on a busy machine the
    // heap moves in steps of about 2 MB, as large as a 4 MB stretch's own signal, but small
    // beside the 16 MB a file kept in memory adds.
    const marks = [4, 8, 12, 16, 20].map((mb) => ({ bytes: mb * MB, ...pausePoint() }));
    const answer = upload(baseUrl, [csvFile(largeOrdersCsv('r1', 24 * MB))], {
      timeoutMs: 20_000,
      pauses: marks.map(({ bytes, pause }) => ({ bytes, ...pause })),
    });
    const retained: number[] = [];
    for (const mark of marks) {
      const paused = await race([mark.reached.then(() => true), answer.then(() => false)]);
      expectThat(paused, {
        measured: `the upload was answered before ${mark.bytes / MB} MB of it were sent`,
        expected: '24 MB sent, then a 202 once the whole file is in',
        meaning:
          'The server answered before the file was whole: a 202 must mean the file is saved.',
        hint: 4,
      });
      // What was sent has had time to reach the server, which may hold it or write it away.
      await sleep(400);
      const samples = [retainedBytes()];
      for (let sample = 1; sample < 3; sample += 1) {
        await sleep(30);
        samples.push(retainedBytes());
      }
      retained.push(Math.min(...samples));
      mark.resume();
    }
    acceptedJobId(await answer, 'the upload of 24 MB');
    const growth = ((retained.at(-1) ?? 0) - (retained[0] ?? 0)) / MB;
    expectFigure({
      label: 'memory the process kept while the 16 MB from 4 to 20 MB into the upload were sent',
      measured: Math.max(0, growth),
      unit: 'MB',
      atMost: 8,
      meaning: `Measured after a full garbage collection at 4, 8, 12, 16 and 20 MB into the upload (${retained.map((bytes) => formatMs(bytes / MB)).join(', ')} MB). A file kept in memory grows the process by its own size, 16 MB here, and ten such uploads at once take the process down; a streamed one by a few MB at most. Pipe the file part to a write stream on disk: it holds a few chunks at a time, whatever the size.`,
      hint: 4,
    });
  },
);
