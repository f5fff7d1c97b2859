import type { AddressInfo } from 'node:net';
import { check, expectEqual, expectThat, formatMs, kitFetch, sleep } from '@kit/grading';
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
