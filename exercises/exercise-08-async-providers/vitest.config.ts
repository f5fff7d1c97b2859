import { defineGraderConfig } from '@kit/grading/vitest';

// Its checks read the order of starts and closes against delays of hundreds of ms, with margins
// a busy machine keeps: the grader files run side by side, each in its own process.
export default defineGraderConfig(import.meta.dirname, {
  globalSetup: 'test/global-setup.ts',
  filesAtOnce: 4,
});
