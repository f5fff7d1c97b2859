import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
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
 * Runs uploaded files as background jobs: at most `JOBS_CONCURRENCY` at a
 * time, the others waiting in upload order. Every state change is on disk
 * before it counts, so a new instance on the same folder finishes the jobs
 * a closed one left, and never runs a finished one again.
 */
@Injectable()
export class JobsService extends JobsQueue implements OnApplicationBootstrap, OnModuleDestroy {
  readonly dir = jobsDir();
  private readonly concurrency = jobsConcurrency();
  private readonly store = new JobStore(this.dir);
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: Job[] = [];
  private readonly running = new Map<string, { stop: AbortController; done: Promise<void> }>();
  private nextPosition = 0;
  private closing = false;

  /** Takes back the jobs the folder holds: finished ones to show, the others to run, in order. */
  async onApplicationBootstrap(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const job of await this.store.loadAll()) {
      this.jobs.set(job.id, job);
      this.nextPosition = Math.max(this.nextPosition, job.position + 1);
      if (job.state === 'queued' || job.state === 'running') {
        job.state = 'queued';
        job.rowsDone = 0;
        this.waiting.push(job);
      }
    }
    this.startWaiting();
  }

  /** Stops starting jobs and stops the running ones between two rows: they stay queued on disk. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    for (const { stop } of this.running.values()) stop.abort();
    await Promise.all([...this.running.values()].map(({ done }) => done));
  }

  async accept(upload: SavedUpload): Promise<Job> {
    if (this.closing) {
      throw new ServiceUnavailableException('The server is shutting down: upload again shortly.');
    }
    const job: Job = {
      id: upload.jobId,
      state: 'queued',
      position: this.nextPosition++,
      fileName: upload.fileName,
      bytes: upload.bytes,
      rowsDone: 0,
    };
    await this.store.save(job);
    this.jobs.set(job.id, job);
    this.waiting.push(job);
    this.startWaiting();
    return job;
  }

  async find(id: string): Promise<Job | undefined> {
    return JOB_ID.test(id) ? this.jobs.get(id) : undefined;
  }

  private startWaiting(): void {
    while (!this.closing && this.running.size < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift() as Job;
      const stop = new AbortController();
      const done = this.run(job, stop.signal).finally(() => {
        this.running.delete(job.id);
        this.startWaiting();
      });
      this.running.set(job.id, { stop, done });
    }
  }

  private async run(job: Job, signal: AbortSignal): Promise<void> {
    job.state = 'running';
    await this.store.save(job);
    const source = createReadStream(uploadFile(this.dir, job.id));
    try {
      job.result = await summarizeOrders(
        source.pipe(parse({ columns: true, skip_empty_lines: true })),
        {
          signal,
          onProgress: (rowsDone) => {
            job.rowsDone = rowsDone;
          },
        },
      );
      job.state = 'completed';
    } catch (error) {
      if (signal.aborted) {
        // Stopped by a shutdown, not by its data: the next instance runs it from the start.
        job.state = 'queued';
        job.rowsDone = 0;
      } else {
        job.state = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      source.destroy();
    }
    await this.store.save(job);
  }
}
