import { check, expectEqual, expectThat } from '@kit/grading';
import {
  BACKPRESSURE_READ_MS,
  expectBackpressure,
  expectEnded,
  expectFirstRowEarly,
  expectRowsAsProduced,
  expectStopsWhenClientLeaves,
  expectStopsWhenStalledClientLeaves,
  RECORDED,
  recordOnce,
} from './stream-checks.ts';
import { expectedRows } from './streaming-app.ts';

const recorded = recordOnce('/rows');

check(
  'GET /rows answers NDJSON: one valid JSON row per line, in order',
  { points: 2, hint: 1 },
  async () => {
    const { recording } = await recorded();
    expectThat(recording.contentType.startsWith('application/x-ndjson'), {
      measured: `content-type: ${recording.contentType || '(none)'}`,
      expected: 'content-type: application/x-ndjson',
      meaning: 'NDJSON clients rely on the type to read line by line.',
      hint: 1,
    });
    const rows = recording.lines.map((line) => {
      try {
        return JSON.parse(line.value) as unknown;
      } catch {
        return `not JSON: ${line.value.slice(0, 60)}`;
      }
    });
    expectEqual('rows, one per line', rows, expectedRows(RECORDED.count), {
      meaning:
        'Each line is one complete JSON row followed by "\\n", in the order the database yields them.',
      hint: 1,
    });
    expectEnded(recording, 1);
  },
);

check(
  'GET /rows sends the first row within about two row-delays',
  { points: 2, hint: 2 },
  async () => {
    const query = await recorded();
    expectFirstRowEarly(query, query.recording.lines, 2);
  },
);

check('GET /rows sends each row as soon as it is produced', { points: 2, hint: 2 }, async () => {
  const query = await recorded();
  expectRowsAsProduced(query, query.recording.lines, 2);
});

check(
  'GET /rows stops pulling rows when the client goes away',
  { points: 3, hint: 5 },
  async () => {
    await expectStopsWhenClientLeaves('/rows', 'lines', 5);
    await expectStopsWhenStalledClientLeaves('/rows', 5);
  },
);

check(
  'GET /rows holds back when the client stops reading (backpressure)',
  // However busy the machine, the reading gets its time: given up only once nothing comes.
  { points: 3, hint: 5, timeoutMs: BACKPRESSURE_READ_MS + 5_000 },
  async () => {
    await expectBackpressure('/rows', 'lines', 5);
  },
);
