// Vitest setup file for graders: tells the watchdog which check is running.

import { wallClock } from '@kit/measure';
import { afterEach, beforeEach } from 'vitest';
import { PROGRESS_FILE_ENV } from './env.ts';
import { writeProgress } from './progress.ts';
import { parsePointsTag } from './results.ts';

const progressFile = process.env[PROGRESS_FILE_ENV];

if (progressFile) {
  beforeEach(({ task }) => {
    writeProgress(progressFile, {
      state: 'running',
      check: parsePointsTag(task.name).name,
      startedAt: wallClock(),
      // The test's own timeout: had the event loop been free, Vitest would have ended it by then.
      timeoutMs: task.timeout,
    });
  });
  afterEach(() => {
    writeProgress(progressFile, { state: 'idle', at: wallClock() });
  });
}
