// Provided by the exercise: leave this file as it is. Call these when your
// service is created, not when its module loads: the grader starts apps with
// different settings in one process.

import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { positiveWholeFromEnv } from '@kit/settings';

/** The folder that holds every job's file and state: `JOBS_DIR`, an absolute path. */
export function jobsDir(): string {
  const raw = process.env.JOBS_DIR;
  if (raw === undefined || raw === '') return join(tmpdir(), 'kit-exercise-07-jobs');
  if (!isAbsolute(raw)) throw new Error(`JOBS_DIR must be an absolute path, got "${raw}".`);
  return raw;
}

/** Jobs that may run at the same time: `JOBS_CONCURRENCY`, 2 by default. */
export function jobsConcurrency(): number {
  return positiveWholeFromEnv('JOBS_CONCURRENCY', 2);
}

/** The largest file an upload may carry: `UPLOAD_MAX_BYTES`, 64 MiB by default. */
export function maxUploadBytes(): number {
  return positiveWholeFromEnv('UPLOAD_MAX_BYTES', 64 * 1024 * 1024);
}
