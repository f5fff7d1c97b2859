import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config.ts';
import { type FileReport, JOB_STEP_MS, type JobQueue, type JobState, type JobView } from './job.ts';
import { processFile } from './process-file.ts';

export const QUEUE_NAME = 'uploaded-files';

interface FileJobData {
  name: string;
  /** base64: job data travels through Redis as JSON. */
  content: string;
}

/** Tells each Redis outage once, instead of ioredis's "Unhandled error event" per retry; it reconnects by itself. */
function warnOnOutage(connection: Redis): Redis {
  const logger = new Logger('Jobs');
  let away = false;
  connection.on('error', (error: Error) => {
    if (!away) logger.warn(`Redis went away (${error.message}); jobs wait until it is back`);
    away = true;
  });
  connection.on('ready', () => {
    away = false;
  });
  return connection;
}

/** Runs file jobs from Redis; used in the app (by default) and by `src/jobs/worker.main.ts` processes. */
export function startFileWorker(
  connection: Redis,
  stepMs: number,
): Worker<FileJobData, FileReport> {
  const worker = new Worker<FileJobData, FileReport>(
    QUEUE_NAME,
    (job) =>
      processFile(
        { name: job.data.name, content: Buffer.from(job.data.content, 'base64') },
        stepMs,
        (percent) => job.updateProgress(percent),
      ),
    { connection: warnOnOutage(connection), concurrency: 2 },
  );
  // BullMQ repeats its connection's errors, printing each when nobody listens: the connection tells them once.
  worker.on('error', ignoreRepeated);
  return worker;
}

/** For BullMQ's copies of its connection's errors, which {@link warnOnOutage} has told. */
function ignoreRepeated(): void {}

const STATES: Record<string, JobState> = {
  waiting: 'queued',
  'waiting-children': 'queued',
  delayed: 'queued',
  prioritized: 'queued',
  active: 'active',
  completed: 'completed',
  failed: 'failed',
};

/**
 * Jobs on BullMQ: the queue lives in Redis, so workers can run in this
 * process, in other processes, or on other machines. `JOBS_WORKER=separate`
 * leaves processing to separate worker processes.
 */
@Injectable()
export class BullmqQueue implements JobQueue, OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queue: Queue<FileJobData, FileReport>;
  private readonly worker: Worker<FileJobData, FileReport> | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(JOB_STEP_MS) stepMs: number) {
    this.connection = warnOnOutage(
      new Redis(config.redisUrl ?? '', { maxRetriesPerRequest: null }),
    );
    this.queue = new Queue(QUEUE_NAME, { connection: this.connection });
    this.queue.on('error', ignoreRepeated);
    this.worker =
      config.jobsWorker === 'separate'
        ? undefined
        : startFileWorker(this.connection.duplicate(), stepMs);
  }

  async enqueue(file: { name: string; content: Buffer }): Promise<string> {
    const id = randomUUID();
    await this.queue.add(
      'process',
      { name: file.name, content: file.content.toString('base64') },
      { jobId: id },
    );
    return id;
  }

  async view(id: string): Promise<JobView | undefined> {
    // The state first, then the job: a job read before it moved to `failed` or
    // `completed` would lack the reason or the result its state promises.
    const state = await this.queue.getJobState(id);
    const job = await this.queue.getJob(id);
    if (!job) return undefined;
    const status = STATES[state] ?? 'queued';
    return {
      id,
      status,
      progress: typeof job.progress === 'number' ? job.progress : 0,
      ...(status === 'completed' ? { result: job.returnvalue } : {}),
      ...(status === 'failed' ? { error: job.failedReason } : {}),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // close() waits for the jobs this worker is running.
    await this.worker?.close();
    await this.queue.close();
    this.connection.disconnect();
  }
}
