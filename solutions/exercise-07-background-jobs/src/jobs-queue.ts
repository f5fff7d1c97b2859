import type { Job } from './job.ts';
import type { SavedUpload } from './upload.ts';

/**
 * What the controllers need of a job queue: this process's own
 * (JobsService, the default), or BullMQ's on Redis (`JOBS_QUEUE=bullmq`).
 */
export abstract class JobsQueue {
  /** Where uploads are saved. */
  abstract readonly dir: string;
  /** Queues a saved upload; its state is stored before the client hears of it. */
  abstract accept(upload: SavedUpload): Promise<Job>;
  /** The job with this id, or undefined for an unknown or malformed id. */
  abstract find(id: string): Promise<Job | undefined>;
}
