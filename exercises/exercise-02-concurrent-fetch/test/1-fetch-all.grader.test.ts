import {
  check,
  expectAllAtOnce,
  expectEqual,
  expectFigure,
  expectThat,
  InFlightTracker,
  setTimer,
  show,
  sleep,
} from '@kit/grading';
import { HttpResponse, http } from 'msw';
import { exercise } from './exercise.ts';
import { upstream } from './upstream.ts';

const ITEMS = 'https://api.items.test/items';

/** Serves `GET {ITEMS}/:id` after `delays[id]` ms, counting calls in flight. */
function serveItems(delays: Record<string, number>, statuses: Record<string, number> = {}) {
  const tracker = new InFlightTracker();
  upstream.use(
    http.get(`${ITEMS}/:id`, ({ params, request }) => {
      const id = String(params.id);
      return tracker.track(`GET /items/${id}`, async () => {
        // An aborted request ends its call at once, so the tracker sees what the abort stopped.
        await sleep(delays[id] ?? 0, request.signal);
        const status = statuses[id] ?? 200;
        return HttpResponse.json(status === 200 ? { id } : { error: 'nope' }, { status });
      });
    }),
  );
  return tracker;
}

check(
  'fetchAll resolves with every parsed body in input order',
  { points: 1, hint: 1 },
  async () => {
    const { fetchAll } = await exercise();
    serveItems({ a: 150, b: 50, c: 100 });
    const bodies = await fetchAll(['a', 'b', 'c'].map((id) => `${ITEMS}/${id}`));
    expectEqual('bodies', bodies, [{ id: 'a' }, { id: 'b' }, { id: 'c' }], {
      meaning: 'Bodies must follow the order of the URLs, not the order the answers arrived in.',
      hint: 1,
    });
  },
);

check('fetchAll requests every URL at once', { points: 3, hint: 1 }, async () => {
  const { fetchAll } = await exercise();
  const ids = ['1', '2', '3', '4', '5'];
  const tracker = serveItems(Object.fromEntries(ids.map((id) => [id, 200])));
  await fetchAll(ids.map((id) => `${ITEMS}/${id}`));
  expectAllAtOnce(tracker, { noun: 'requests', count: ids.length, eachMs: 200, hint: 1 });
});

check(
  'fetchAll rejects on a non-2xx answer, naming the URL and the status',
  { points: 2, hint: 1 },
  async () => {
    const { fetchAll } = await exercise();
    serveItems({ ok: 50, missing: 50 }, { missing: 404 });
    const url = `${ITEMS}/missing`;
    const error = await fetchAll([`${ITEMS}/ok`, url]).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expectThat(
      error instanceof Error && error.message.includes(url) && error.message.includes('404'),
      {
        measured:
          error === undefined ? 'fetchAll resolved' : `fetchAll rejected with ${show(error)}`,
        expected: `an Error whose message contains "${url}" and "404"`,
        meaning:
          'fetch only rejects when no answer arrives at all: a 404 is an answer. Check response.ok and say which URL failed, and how.',
        hint: 1,
      },
    );
  },
);

check('fetchAll passes `init.signal` to every request', { points: 2, hint: 1 }, async () => {
  const { fetchAll } = await exercise();
  const ids = ['x', 'y', 'z'];
  const tracker = serveItems(Object.fromEntries(ids.map((id) => [id, 1_000])));
  const controller = new AbortController();
  setTimer(() => controller.abort(), 150);
  let error: unknown;
  try {
    await fetchAll(
      ids.map((id) => `${ITEMS}/${id}`),
      { signal: controller.signal },
    );
  } catch (caught) {
    error = caught;
  }
  const settledAt = tracker.now();
  expectThat(error instanceof Error && error.name === 'AbortError', {
    measured:
      error === undefined
        ? `fetchAll resolved after ${Math.round(settledAt)} ms although the signal was aborted at 150 ms`
        : `fetchAll rejected with ${show(error)}`,
    expected: 'fetchAll rejects with the AbortError that fetch gives an aborted request',
    meaning:
      'The caller gave a signal to be able to give up: hand init.signal to each fetch, so aborting it stops the requests and rejects fetchAll.',
    hint: 1,
  });
  expectFigure({
    label: 'rejected at',
    measured: settledAt,
    unit: 'ms',
    atMost: 500,
    meaning:
      'The signal was aborted at 150 ms: fetchAll should give up then, not when the 1000 ms answers come.',
    hint: 1,
    timeline: tracker,
  });
  await sleep(50);
  expectFigure({
    label: 'calls still running 50 ms after fetchAll rejected',
    measured: tracker.current,
    equals: 0,
    meaning:
      'Every request must get the signal: a request without it runs on unseen after the abort.',
    hint: 1,
    timeline: tracker,
  });
});
