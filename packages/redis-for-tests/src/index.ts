export { freePort } from './free-port.ts';
export { REQUIRE_REDIS_ENV, type RedisSource, redisForSuite, redisSource } from './redis.ts';
