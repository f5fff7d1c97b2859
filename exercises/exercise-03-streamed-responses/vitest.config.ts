import { defineGraderConfig } from '@kit/grading/vitest';

// Its checks count rows and read when they arrive against delays of 150 ms, with margins a busy
// machine keeps: the grader files run side by side, each in its own process.
export default defineGraderConfig(import.meta.dirname, { filesAtOnce: 3 });
