import type { INestApplication } from '@nestjs/common';

export interface DrainOptions {
  /** How long requests and streams in flight may take to finish before their connections are cut. */
  readonly graceMs: number;
  readonly log: (line: string) => void;
}

/**
 * Stops the app the way a deploy wants it: no new connections, the requests
 * and streams in flight finished (their keep-alive connections closed as soon
 * as they are idle, so a client cannot hold the stop up), cut after `graceMs`
 * with a log line saying so; then Nest's shutdown hooks (jobs, worker pool).
 *
 * @example
 * process.once('SIGTERM', () => void drain(app, { graceMs: 10_000, log: console.log }).then(…));
 */
export async function drain(app: INestApplication, options: DrainOptions): Promise<void> {
  const server = app.getHttpServer();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
  const grace = setTimeout(() => {
    options.log(
      `Shutdown: the ${options.graceMs / 1000} s grace period is over; cutting the connections still open.`,
    );
    server.closeAllConnections();
  }, options.graceMs);
  try {
    await app.close();
  } finally {
    clearInterval(idleSweep);
    clearTimeout(grace);
  }
}
