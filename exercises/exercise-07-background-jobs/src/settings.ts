// Provided by the exercise: leave this file as it is. Call these when your
// service is created, not when its module loads: the grader starts apps with
// different settings in one process.
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';

function positiveWhole(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive whole number, got "${raw}".`);
  }
  return value;
}

/** The folder that holds every job's file and state: `JOBS_DIR`, an absolute path. */
export function jobsDir(): string {
  const raw = process.env.JOBS_DIR;
  if (raw === undefined || raw === '') return join(tmpdir(), 'kit-exercise-07-jobs');
  if (!isAbsolute(raw)) throw new Error(`JOBS_DIR must be an absolute path, got "${raw}".`);
  return raw;
}

/** Jobs that may run at the same time: `JOBS_CONCURRENCY`, 2 by default. */
export function jobsConcurrency(): number {
  return positiveWhole('JOBS_CONCURRENCY', 2);
}

/** The largest file an upload may carry: `UPLOAD_MAX_BYTES`, 64 MiB by default. */
export function maxUploadBytes(): number {
  return positiveWhole('UPLOAD_MAX_BYTES', 64 * 1024 * 1024);
}
