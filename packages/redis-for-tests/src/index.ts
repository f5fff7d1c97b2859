export { freePort } from './free-port.ts';
export {
  REQUIRE_REDIS_ENV,
  type RedisSource,
  type RestartableRedis,
  redisForSuite,
  redisSource,
  restartableRedis,
} from './redis.ts';
