import { setTimeout as wait } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** Longest a start-up waits for Redis before it stops, naming the variable. */
const ANSWER_WITHIN_MS = 3_000;

/**
 * Resolves once the Redis at `url` answers a PING; otherwise fails with a
 * message that names `REDIS_URL` and says what to do. Called before anything
 * connects to it, so a wrong URL stops start-up with one line, not with the
 * retries of every client.
 *
 * @example
 * await redisAnswers('redis://127.0.0.1:6379');
 */
export async function redisAnswers(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let reason = 'no answer';
  redis.on('error', (error: Error) => {
    reason = error.message;
  });
  const answered = await Promise.race([
    redis.connect().then(
      () => redis.ping().then(() => true),
      () => false,
    ),
    wait(ANSWER_WITHIN_MS, false, { ref: false }),
  ]).catch(() => false);
  redis.disconnect();
  if (!answered) {
    throw new Error(
      `REDIS_URL=${url}: no Redis answered there within ${ANSWER_WITHIN_MS} ms (${reason}). Start one (apt-get install redis-server), or unset REDIS_URL for the in-process queue and broker.`,
    );
  }
}
