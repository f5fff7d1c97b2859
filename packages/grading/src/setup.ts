// Vitest setup file for graders: tells the watchdog which check is running.

import { wallClock } from '@kit/measure';
import { afterEach, beforeEach } from 'vitest';
import { PROGRESS_DIR_ENV } from './env.ts';
import { parsePointsTag } from './points.ts';
import { writeProgress } from './progress.ts';

const progressDir = process.env[PROGRESS_DIR_ENV];

if (progressDir) {
  beforeEach(({ task }) => {
    writeProgress(progressDir, {
      state: 'running',
      check: parsePointsTag(task.name).name,
      startedAt: wallClock(),
      // The test's own timeout: had the event loop been free, Vitest would have ended it by then.
      timeoutMs: task.timeout,
    });
  });
  afterEach(() => {
    writeProgress(progressDir, { state: 'idle', at: wallClock() });
  });
}
