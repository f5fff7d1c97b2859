import type { OrdersSummary } from './orders.ts';

export type JobState = 'queued' | 'running' | 'completed' | 'failed';

/** A job as `GET /jobs/:id` shows it and as its folder keeps it. */
export interface Job {
  readonly id: string;
  state: JobState;
  /** Its place in the line: jobs start in this order, across restarts too. */
  readonly position: number;
  /** The client's name for the file, shown only. */
  readonly fileName: string;
  readonly bytes: number;
  rowsDone: number;
  result?: OrdersSummary;
  error?: string;
}

/** Random UUIDs, as `randomUUID()` makes them: anything else is no job of ours. */
export const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
