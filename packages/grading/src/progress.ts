import { readFileSync, writeFileSync } from 'node:fs';

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

export function writeProgress(file: string, progress: Progress): void {
  writeFileSync(file, JSON.stringify(progress));
}

/** The last progress written, or undefined before the first write. */
export function readProgress(file: string): Progress | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Progress;
  } catch {
    return undefined;
  }
}
