import { check, expectEqual, expectFigure, expectThat, scratchFolder } from '@kit/grading';
import {
  acceptedJobId,
  csvFile,
  ordersCsv,
  peakRunning,
  startJobsApp,
  upload,
  watchProcessor,
} from './jobs-app.ts';

const UPLOADS = 8;

/** Eight uploads of about 130 ms of work each, sent one after another; the processor watched. */
async function eightUploads(name: string, concurrency?: string) {
  const dir = scratchFolder('kit-07-');
  const app = await startJobsApp({
    JOBS_DIR: dir,
    ...(concurrency ? { JOBS_CONCURRENCY: concurrency } : {}),
  });
  const watch = await watchProcessor();
  const names = new Map<string, string>();
  const uploaded: string[] = [];
  for (let index = 1; index <= UPLOADS; index += 1) {
    const file = ordersCsv(`${name}${index}`, 60);
    names.set(file.firstOrderId, `upload ${index}`);
    uploaded.push(file.firstOrderId);
    acceptedJobId(await upload(app.baseUrl, [csvFile(file.text)]), `upload ${index}`);
  }
  await watch.untilEnded(UPLOADS, 6_000);
  watch.stop();
  await app.close();
  return {
    events: watch.events,
    uploaded,
    names,
    timeline: watch.spans(names),
  };
}

let byDefault: ReturnType<typeof eightUploads> | undefined;
const defaultRun = () => {
  byDefault ??= eightUploads('d');
  return byDefault;
};

check(
  'at most 2 jobs run at once by default, and exactly 2 while others wait',
  { points: 3, hint: 3 },
  async () => {
    const { events, timeline } = await defaultRun();
    expectFigure({
      label: 'peak jobs running at once, eight uploads, no JOBS_CONCURRENCY',
      measured: peakRunning(events),
      equals: 2,
      meaning:
        'More than 2: every upload starts its job at once, and a burst of uploads runs them all together (each one slower, memory and connections without bound). Fewer: jobs run one after another although a second place is free. Keep a queue, and start a job whenever fewer than jobsConcurrency() run.',
      hint: 3,
      timeline,
    });
  },
);

check('JOBS_CONCURRENCY=3 runs exactly 3 jobs at once', { points: 2, hint: 3 }, async () => {
  const { events, timeline } = await eightUploads('t', '3');
  expectFigure({
    label: 'peak jobs running at once, eight uploads, JOBS_CONCURRENCY=3',
    measured: peakRunning(events),
    equals: 3,
    meaning:
      'The limit is a setting: read it with jobsConcurrency() when your service is created (not a number written in the code, nor read when the module loads).',
    hint: 3,
    timeline,
  });
});

check('waiting jobs start in the order they were uploaded', { points: 2, hint: 3 }, async () => {
  const { events, uploaded, names, timeline } = await defaultRun();
  const starts = events.filter((event) => event.event === 'started');
  const startOrder = starts.map((event) => names.get(event.firstOrderId) ?? event.firstOrderId);
  expectThat(startOrder.length === UPLOADS, {
    measured: `${startOrder.length} of the ${UPLOADS} jobs started within 6 s`,
    expected: `all ${UPLOADS}`,
    meaning: 'Every accepted job must run: a job left in the queue when a place frees up is lost.',
    hint: 3,
    timeline,
  });
  expectEqual(
    'the order the jobs started in (jobs that started within 30 ms of each other in upload order)',
    inUploadOrderWhereTied(
      starts.map((event, place) => ({ name: startOrder[place] ?? '', at: event.at })),
      uploaded.map((id) => names.get(id) ?? id),
    ),
    uploaded.map((id) => names.get(id)),
    {
      meaning:
        'A queue is first in, first out: the job waiting longest goes next. Taking the newest (a stack) leaves the first uploads waiting while later ones overtake them.',
      hint: 3,
      timeline,
    },
  );
});

/**
 * The start order, with jobs that started within 30 ms of each other put in
 * upload order: a job reports its start at its first row, after its file
 * opens, so two jobs that took their places together may report in either
 * order. A stack still shows: the job it takes next is another one, not a
 * neighbour.
 */
function inUploadOrderWhereTied(
  starts: ReadonlyArray<{ name: string; at: number }>,
  uploadOrder: readonly string[],
): string[] {
  const rank = (name: string) => uploadOrder.indexOf(name);
  const groups: Array<Array<{ name: string; at: number }>> = [];
  for (const start of starts) {
    const group = groups.at(-1);
    const last = group?.at(-1);
    if (group && last && start.at - last.at <= 30) group.push(start);
    else groups.push([start]);
  }
  return groups.flatMap((group) =>
    group.map((start) => start.name).sort((a, b) => rank(a) - rank(b)),
  );
}
