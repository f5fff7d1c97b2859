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

const recorded = recordOnce('/rows/events');

check(
  'GET /rows/events answers Server-Sent Events: one per row, with an id and JSON data',
  { points: 2, hint: 3 },
  async () => {
    const { recording } = await recorded();
    expectThat(recording.contentType.startsWith('text/event-stream'), {
      measured: `content-type: ${recording.contentType || '(none)'}`,
      expected: 'content-type: text/event-stream',
      meaning: 'Browsers only treat the response as events (EventSource) with this type.',
      hint: 3,
    });
    const rowEvents = recording.events
      .filter((event) => event.value.event === 'message')
      .map(({ value }) => {
        let data: unknown;
        try {
          data = JSON.parse(value.data);
        } catch {
          data = `not JSON: ${value.data.slice(0, 60)}`;
        }
        return { id: value.id, data };
      });
    expectEqual(
      'row events',
      rowEvents,
      expectedRows(RECORDED.count).map((row) => ({ id: String(row.id), data: row })),
      {
        meaning: 'Each row is an event "id: <row id>\\ndata: <row as JSON>\\n\\n", in order.',
        hint: 3,
      },
    );
  },
);

check('GET /rows/events ends with an `end` event', { points: 1, hint: 3 }, async () => {
  const { recording } = await recorded();
  const last = recording.events.at(-1)?.value;
  expectThat(last?.event === 'end', {
    measured: last ? `the last event is ${JSON.stringify(last)}` : 'no event at all',
    expected: 'a last event "event: end"',
    meaning:
      'Without an end event a client cannot tell a finished stream from a dropped connection (EventSource reconnects).',
    hint: 3,
  });
  expectEnded(recording, 3);
});

check(
  'GET /rows/events sends each row as soon as it is produced',
  { points: 2, hint: 4 },
  async () => {
    const query = await recorded();
    const rows = query.recording.events.filter((event) => event.value.event === 'message');
    expectFirstRowEarly(query, rows, 4);
    expectRowsAsProduced(query, rows, 4);
  },
);

check(
  'GET /rows/events stops pulling rows when the client goes away',
  { points: 2, hint: 5 },
  async () => {
    await expectStopsWhenClientLeaves('/rows/events', 'events', 5);
    await expectStopsWhenStalledClientLeaves('/rows/events', 5);
  },
);

check(
  'GET /rows/events holds back when the client stops reading (backpressure)',
  // However busy the machine, the reading gets its time: given up only once nothing comes.
  { points: 2, hint: 5, timeoutMs: BACKPRESSURE_READ_MS + 5_000 },
  async () => {
    await expectBackpressure('/rows/events', 'events', 5);
  },
);
