import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  ServiceUnavailableException,
} from '@nestjs/common';
import { parse } from 'csv-parse';
import { JOB_ID, type Job } from './job.ts';
import { JobStore } from './job-store.ts';
import { JobsQueue } from './jobs-queue.ts';
import { summarizeOrders } from './orders.ts';
import { jobsConcurrency, jobsDir } from './settings.ts';
import { type SavedUpload, uploadFile } from './upload.ts';

/**
 * `JOBS_CONCURRENCY` workers, each a loop that takes the oldest waiting job,
 * runs it, and takes the next; a worker with nothing to do waits for the next
 * upload. Every state is in the journal before it counts, so a new instance
 * on the same folder runs what a closed one left, and nothing else.
 */
@Injectable()
export class JobsService extends JobsQueue implements OnApplicationBootstrap, OnModuleDestroy {
  readonly dir: string;
  private readonly workerCount: number;
  private readonly store: JobStore;
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: Job[] = [];
  /** Workers waiting for a job, oldest first: given the next upload, or nothing on shutdown. */
  private readonly idleWorkers: Array<(job: Job | undefined) => void> = [];
  private readonly shutdown = new AbortController();
  private workers: Promise<void>[] = [];

  constructor() {
    super();
    this.dir = jobsDir();
    this.workerCount = jobsConcurrency();
    this.store = new JobStore(this.dir);
  }

  async onApplicationBootstrap(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const known = await this.store.loadAll();
    for (const job of known) {
      if (job.state === 'running') Object.assign(job, { state: 'queued', rowsDone: 0 });
      this.jobs.set(job.id, job);
      if (job.state === 'queued') this.waiting.push(job);
    }
    await this.removeUnfinishedUploads();
    this.workers = Array.from({ length: this.workerCount }, () => this.work());
  }

  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    for (const worker of this.idleWorkers.splice(0)) worker(undefined);
    await Promise.all(this.workers);
  }

  async accept(upload: SavedUpload): Promise<Job> {
    if (this.shutdown.signal.aborted) {
      throw new ServiceUnavailableException('The server is shutting down: upload again shortly.');
    }
    const job: Job = {
      id: upload.jobId,
      state: 'queued',
      position: this.jobs.size,
      fileName: upload.fileName,
      bytes: upload.bytes,
      rowsDone: 0,
    };
    await this.store.save(job);
    this.jobs.set(job.id, job);
    const idle = this.idleWorkers.shift();
    if (idle) idle(job);
    else this.waiting.push(job);
    return job;
  }

  async find(id: string): Promise<Job | undefined> {
    return JOB_ID.test(id) ? this.jobs.get(id) : undefined;
  }

  private async work(): Promise<void> {
    while (!this.shutdown.signal.aborted) {
      const job = this.waiting.shift() ?? (await this.nextUpload());
      if (!job) return;
      await this.run(job);
    }
  }

  private nextUpload(): Promise<Job | undefined> {
    return new Promise((resolve) => this.idleWorkers.push(resolve));
  }

  private async run(job: Job): Promise<void> {
    const { signal } = this.shutdown;
    job.state = 'running';
    await this.store.save(job);
    const rows = createReadStream(uploadFile(this.dir, job.id)).pipe(
      parse({ columns: true, skip_empty_lines: true }),
    );
    try {
      const onProgress = (rowsDone: number) => {
        job.rowsDone = rowsDone;
      };
      job.result = await summarizeOrders(rows, { signal, onProgress });
      job.state = 'completed';
    } catch (error) {
      if (signal.aborted) {
        // Stopped between two rows by the shutdown: the next instance runs it again, whole.
        Object.assign(job, { state: 'queued', rowsDone: 0 });
      } else {
        job.state = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      rows.destroy();
    }
    await this.store.save(job);
  }

  /** A job folder the journal never heard of is an upload a stopped process was still taking. */
  private async removeUnfinishedUploads(): Promise<void> {
    const entries = await readdir(this.dir, { withFileTypes: true });
    const strays = entries.filter(
      (entry) => entry.isDirectory() && JOB_ID.test(entry.name) && !this.jobs.has(entry.name),
    );
    await Promise.all(
      strays.map((entry) => rm(join(this.dir, entry.name), { recursive: true, force: true })),
    );
  }
}
