// Provided by the exercise: leave this file as it is. A feature-flag service
// on a loopback port, for `pnpm serve 08` when FLAGS_URL is not set.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The service's answer time: the slowest of the three dependencies. */
export const FLAGS_MS = 600;

/** Starts the fake service; it does not keep the process alive. */
export async function startFakeFlags(): Promise<string> {
  const server = createServer((_request, response) => {
    setTimeout(() => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ flags: { 'new-checkout': true } }));
    }, FLAGS_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
