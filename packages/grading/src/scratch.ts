import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const cleanups: Array<() => unknown> = [];
// Registered when a grader file first imports the toolkit: Vitest runs hooks
// only when they are declared while the file is collected, never from inside
// a test, where the scenarios that need cleaning up are started.
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Runs `cleanup` after the tests of the current grader file, even when
 * called from inside a check (where Vitest's own `afterAll` would be
 * silently ignored). Cleanups run in the reverse order of registration.
 *
 * @example
 * const app = await startApp();
 * afterFile(() => app.close());
 */
export function afterFile(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}

/**
 * A fresh folder in the run's temp folder (the sandbox graded code may write
 * to), removed after the tests of the file that asked for it.
 *
 * @example
 * process.env.MAILBOX_FILE = join(scratchFolder('exercise-04-'), 'mailbox.ndjson');
 */
export function scratchFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterFile(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
