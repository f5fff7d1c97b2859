import type { AddressInfo } from 'node:net';
import {
  check,
  expectEqual,
  expectThat,
  formatMs,
  kitFetch,
  sleep,
  watchPendingTimers,
} from '@kit/grading';
import { FLAGS_URL, startApp, started, watchDependencies } from './providers-app.ts';

const REQUEST_MS = 600;

check(
  'a request in flight when app.close() is called is answered 200, then the cache, the flags and the pool close',
  { points: 3, hint: 3 },
  async () => {
    // Watched from the start: whatever the app opens, a second pool too, must be closed.
    const watch = await watchDependencies();
    const app = started(await startApp({ FLAGS_URL }, 4_000));
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const answer = kitFetch(`http://127.0.0.1:${port}/report?ms=${REQUEST_MS}`).then(
      async (response) => ({ status: response.status, body: await response.text() }),
      (error: unknown) => ({ status: 'no answer', body: String(error) }),
    );
    await sleep(150);
    await app.close();
    watch.mark('app.close() returned');
    const { status, body } = await answer;
    await sleep(100); // the last reports are on their way
    watch.stop();
    expectThat(status === 200, {
      measured: `GET /report?ms=${REQUEST_MS}, sent 150 ms before app.close(): ${status} ${body.slice(0, 160)}`,
      expected: '200: the request finished before anything it needs was closed',
      meaning:
        'Nest 12 calls onModuleDestroy and beforeApplicationShutdown before it stops the HTTP server and waits for the requests in flight; onApplicationShutdown comes after. A pool closed in the first two is closed under the requests still running.',
      hint: 3,
    });
    const closed = watch.events
      .filter((event) => event.event === 'closed')
      .map((event) => event.dependency);
    const opened = watch.events
      .filter((event) => event.event === 'starting')
      .map((event) => event.dependency);
    expectEqual('what closed, in order', closed.slice().sort(), opened.slice().sort(), {
      meaning:
        'Every dependency the app opened must be closed when it stops, or its connections outlive the app: a cache that connects a pool of its own opens one nobody closes.',
      hint: 3,
    });
    const returned = watch.events.findIndex((event) => event.dependency === 'app.close() returned');
    const late = watch.events
      .slice(returned + 1)
      .filter((event) => event.event === 'closed')
      .map((event) => event.dependency);
    expectThat(returned !== -1 && late.length === 0, {
      measured: `closed after app.close() returned: ${late.join(', ')}`,
      expected: 'every dependency closed before app.close() returns',
      meaning:
        'A hook that starts a close without awaiting it lets app.close() return, and the process exit, while the pool is still closing: await each close in the hook.',
      hint: 3,
    });
    expectThat(closed.at(-1) === 'database', {
      measured: `closed in the order ${closed.join(', ')} (at ${watch.events
        .filter((event) => event.event === 'closed')
        .map((event) => `${formatMs(event.at)} ms`)
        .join(', ')})`,
      expected: 'the database last: the cache and the flags before it',
      meaning:
        'Close in the reverse order of start-up: what depends on the pool (the cache) goes first, the pool last.',
      hint: 3,
    });
  },
);

/** A start-up timeout no default has: a timer left pending with it outlives the app by far. */
const LONG_TIMEOUT_MS = 20_000;

check(
  'app.close() leaves no timer of yours pending: each start-up timer is cleared once its dependency answers',
  { points: 1, hint: 2 },
  async () => {
    const timers = watchPendingTimers();
    const app = started(
      await startApp({ FLAGS_URL, STARTUP_TIMEOUT_MS: String(LONG_TIMEOUT_MS) }, 4_000),
    );
    await app.close();
    await sleep(50); // a close that clears its timers a moment later is not taken for one that never does
    const pending = timers.stop();
    expectThat(pending.length === 0, {
      measured: `still pending after app.close(), with STARTUP_TIMEOUT_MS=${LONG_TIMEOUT_MS}: ${pending
        .map(({ where, ms }) => `a timer of ${formatMs(ms)} ms made at ${where}`)
        .join('; ')}`,
      expected: 'no timer your code made is still due once the app has closed',
      meaning: `Every dependency answered, yet a timer that bounded a start is still running: it keeps the process alive (and a test runner waiting) for up to ${formatMs(LONG_TIMEOUT_MS)} ms after the app closed, and then fires on a start-up long over. Clear the timer once the race is decided, whichever way (a finally).`,
      hint: 2,
    });
  },
);
