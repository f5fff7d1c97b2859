import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the grader process is doing, written synchronously to a file so the
 * watchdog in the parent process can read it even while the grader's event
 * loop is blocked.
 */
export type Progress =
  | {
      readonly state: 'running';
      readonly check: string;
      readonly startedAt: number;
      readonly timeoutMs: number;
    }
  | { readonly state: 'idle'; readonly at: number };

/** Writes this worker's progress: one file per process in `dir`, so workers side by side never share one. */
export function writeProgress(dir: string, progress: Progress): void {
  writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(progress));
}

/** The last progress of every worker that wrote one, by file name; empty before the first write. */
export function readProgress(dir: string): Map<string, Progress> {
  const workers = new Map<string, Progress>();
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return workers;
  }
  for (const file of files.sort()) {
    try {
      workers.set(file, JSON.parse(readFileSync(join(dir, file), 'utf8')) as Progress);
    } catch {
      // Caught half-written: the next poll reads it whole.
    }
  }
  return workers;
}
