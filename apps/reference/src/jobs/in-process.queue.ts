import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import * as fastq from 'fastq';
import { JOB_STEP_MS, type JobQueue, type JobView, type UploadedText } from './job.ts';
import { processFile } from './process-file.ts';

/**
 * The default queue: jobs run in this process, two at a time, and their
 * state lives in memory. On shutdown it finishes what it has before exiting.
 */
@Injectable()
export class InProcessQueue implements JobQueue, OnApplicationShutdown {
  private readonly jobs = new Map<string, JobView>();
  private readonly queue: fastq.queueAsPromised<{ id: string; file: UploadedText }>;

  constructor(@Inject(JOB_STEP_MS) stepMs: number) {
    this.queue = fastq.promise(async ({ id, file }) => {
      const job = this.jobs.get(id);
      if (!job) return;
      job.status = 'active';
      try {
        job.result = await processFile(file, stepMs, (percent) => {
          job.progress = percent;
        });
        job.status = 'completed';
      } catch (error) {
        job.status = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
      }
    }, 2);
  }

  async enqueue(file: UploadedText): Promise<string> {
    const id = randomUUID();
    this.jobs.set(id, { id, status: 'queued', progress: 0 });
    void this.queue.push({ id, file });
    return id;
  }

  async view(id: string): Promise<JobView | undefined> {
    const job = this.jobs.get(id);
    return job && { ...job };
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.queue.idle()) await this.queue.drained();
  }
}
