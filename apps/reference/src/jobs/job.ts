/** Where a job is: the states the API reports, whichever queue runs it. */
export type JobState = 'queued' | 'active' | 'completed' | 'failed';

export interface JobView {
  id: string;
  status: JobState;
  /** 0 to 100. */
  progress: number;
  result?: FileReport;
  error?: string;
}

/** An uploaded file, as the queue receives it. */
export interface UploadedText {
  name: string;
  content: Buffer;
}

/** What processing a file finds. */
export interface FileReport {
  name: string;
  bytes: number;
  lines: number;
  words: number;
  /** For CSV: the columns of every row. */
  columns?: number;
}

/** Background processing of uploaded files: in-process, or on BullMQ with Redis. */
export interface JobQueue {
  enqueue(file: UploadedText): Promise<string>;
  view(id: string): Promise<JobView | undefined>;
}

export const JOB_QUEUE = Symbol('JobQueue');
export const JOB_STEP_MS = Symbol('JobStepMs');
