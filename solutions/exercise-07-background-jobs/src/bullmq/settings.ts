/** Which queue runs the jobs: `JOBS_QUEUE`, "local" (this process, the default) or "bullmq". */
export function jobsQueue(): 'local' | 'bullmq' {
  const raw = process.env.JOBS_QUEUE || 'local';
  if (raw !== 'local' && raw !== 'bullmq') {
    throw new Error(`JOBS_QUEUE must be "local" or "bullmq", got "${raw}".`);
  }
  return raw;
}

/** The Redis BullMQ keeps its queue in: `REDIS_URL`, needed when JOBS_QUEUE=bullmq. */
export function redisUrl(): string {
  const raw = process.env.REDIS_URL;
  if (!raw)
    throw new Error(
      'JOBS_QUEUE=bullmq needs REDIS_URL, the Redis the queue lives in (redis://host:port).',
    );
  return raw;
}
