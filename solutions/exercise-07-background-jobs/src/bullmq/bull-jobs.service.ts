import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type Job as BullJob, Queue, UnrecoverableError, Worker } from 'bullmq';
import { parse } from 'csv-parse';
import { Redis } from 'ioredis';
import { JOB_ID, type Job, type JobState } from '../job.ts';
import { JobsQueue } from '../jobs-queue.ts';
import { MalformedRowError, type OrdersSummary, summarizeOrders } from '../orders.ts';
import { jobsConcurrency, jobsDir } from '../settings.ts';
import type { SavedUpload } from '../upload.ts';
import { redisUrl } from './settings.ts';

const QUEUE = 'orders-files';
/** Progress is written to Redis every this many rows, not every row. */
const PROGRESS_EVERY = 25;

interface FileJob {
  readonly file: string;
  readonly fileName: string;
  readonly bytes: number;
}

const STATES: Record<string, JobState> = {
  waiting: 'queued',
  prioritized: 'queued',
  delayed: 'queued',
  active: 'running',
  completed: 'completed',
  failed: 'failed',
};

/**
 * The same jobs on BullMQ: the queue and every job's state live in Redis, so
 * any number of instances share one queue, each running `jobsConcurrency()`
 * jobs. A job whose worker dies is found stalled and run again by another.
 * The files must be where every instance can read them (a shared volume here).
 */
@Injectable()
export class BullJobsService extends JobsQueue implements OnApplicationBootstrap, OnModuleDestroy {
  readonly dir = jobsDir();
  private readonly connection = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  private readonly queue = new Queue<FileJob, OrdersSummary>(QUEUE, {
    connection: this.connection,
  });
  private worker: Worker<FileJob, OrdersSummary> | undefined;

  async onApplicationBootstrap(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    this.worker = new Worker<FileJob, OrdersSummary>(QUEUE, (job) => this.run(job), {
      connection: this.connection.duplicate(),
      concurrency: jobsConcurrency(),
    });
  }

  /** Waits for the jobs this instance is running, then lets go of Redis. */
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.connection.disconnect();
  }

  async accept(upload: SavedUpload): Promise<Job> {
    await this.queue.add(
      'orders',
      { file: upload.file, fileName: upload.fileName, bytes: upload.bytes },
      { jobId: upload.jobId },
    );
    return view(upload.jobId, 'queued', {
      file: upload.file,
      fileName: upload.fileName,
      bytes: upload.bytes,
    });
  }

  async find(id: string): Promise<Job | undefined> {
    if (!JOB_ID.test(id)) return undefined;
    // The state first, then the job: a job read before it completed would lack its result.
    const state = await this.queue.getJobState(id);
    const job = await this.queue.getJob(id);
    if (!job) return undefined;
    return view(id, STATES[state] ?? 'queued', job.data, {
      rowsDone: typeof job.progress === 'number' ? job.progress : 0,
      ...(state === 'completed' ? { result: job.returnvalue } : {}),
      ...(state === 'failed' ? { error: job.failedReason } : {}),
    });
  }

  private async run(job: BullJob<FileJob, OrdersSummary>): Promise<OrdersSummary> {
    const source = createReadStream(job.data.file);
    try {
      return await summarizeOrders(source.pipe(parse({ columns: true, skip_empty_lines: true })), {
        onProgress: (rowsDone) => {
          if (rowsDone % PROGRESS_EVERY === 0) void job.updateProgress(rowsDone);
        },
      });
    } catch (error) {
      // Bad data fails the same way every time: no retry.
      if (error instanceof MalformedRowError) throw new UnrecoverableError(error.message);
      throw error;
    } finally {
      source.destroy();
    }
  }
}

function view(id: string, state: JobState, data: FileJob, more: Partial<Job> = {}): Job {
  return {
    id,
    state,
    position: 0,
    fileName: data.fileName,
    bytes: data.bytes,
    rowsDone: 0,
    ...more,
  };
}
