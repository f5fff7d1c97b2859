// A separate BullMQ worker process: `REDIS_URL=… node --import @kit/swc-register src/jobs/worker.main.ts`.
// Start as many as you like, on as many machines as share the Redis.
import { Redis } from 'ioredis';
import { jobStepMsFrom, redisUrlFrom } from '../config/app-config.ts';
import { startFileWorker } from './bullmq.queue.ts';

let redisUrl: string | undefined;
let stepMs: number;
try {
  redisUrl = redisUrlFrom(process.env);
  stepMs = jobStepMsFrom(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
if (!redisUrl) {
  console.error(
    'REDIS_URL is not set: give the Redis the app uses, e.g. REDIS_URL=redis://127.0.0.1:6379',
  );
  process.exit(2);
}
const worker = startFileWorker(new Redis(redisUrl, { maxRetriesPerRequest: null }), stepMs);
console.log(
  `Processing "${worker.name}" jobs from ${redisUrl}; SIGTERM finishes the running ones and stops.`,
);
process.once('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
