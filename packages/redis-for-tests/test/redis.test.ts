import { describe, expect, test } from 'vitest';
import { REQUIRE_REDIS_ENV, redisSource } from '../src/redis.ts';

describe('where the BullMQ tests get their Redis', () => {
  test('REDIS_URL wins over a local redis-server', () => {
    expect(redisSource('suite', { REDIS_URL: 'redis://127.0.0.1:6390' }, () => true)).toEqual({
      kind: 'external',
      url: 'redis://127.0.0.1:6390',
    });
  });

  test('an installed redis-server is started for the suite', () => {
    expect(redisSource('suite', {}, () => true)).toEqual({ kind: 'local' });
  });

  test('without either, the suite is skipped with one line that says how to run it', () => {
    expect(redisSource('BullMQ on Redis', {}, () => false)).toEqual({
      kind: 'absent',
      notice:
        'BullMQ on Redis: skipped, no redis-server; apt-get install redis-server or set REDIS_URL',
    });
  });

  test('where Redis is required, its absence fails instead of skipping', () => {
    expect(() => redisSource('BullMQ on Redis', { [REQUIRE_REDIS_ENV]: '1' }, () => false)).toThrow(
      /required here \(KIT_REQUIRE_REDIS=1\) but there is no Redis/,
    );
  });
});
