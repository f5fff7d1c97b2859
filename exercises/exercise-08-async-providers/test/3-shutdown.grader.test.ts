import type { AddressInfo } from 'node:net';
import { check, expectEqual, expectThat, formatMs, kitFetch, sleep } from '@kit/grading';
import { FLAGS_URL, startApp, started, watchDependencies } from './providers-app.ts';

const REQUEST_MS = 600;

check(
  'a request in flight when app.close() is called is answered 200, then the cache, the flags and the pool close',
  { points: 3, hint: 3 },
  async () => {
    const app = started(await startApp({ FLAGS_URL }, 4_000));
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const watch = await watchDependencies();
    const answer = kitFetch(`http://127.0.0.1:${port}/report?ms=${REQUEST_MS}`).then(
      async (response) => ({ status: response.status, body: await response.text() }),
      (error: unknown) => ({ status: 'no answer', body: String(error) }),
    );
    await sleep(150);
    await app.close();
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
    expectEqual(
      'what closed, in order',
      closed.slice().sort(),
      ['cache', 'database', 'feature flags'],
      {
        meaning:
          'Every dependency the app opened must be closed when it stops, or its connections outlive the app.',
        hint: 3,
      },
    );
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
