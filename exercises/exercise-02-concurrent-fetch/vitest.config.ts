import { defineGraderConfig } from '@kit/grading/vitest';

// Its checks count calls in flight against a mocked API and read their order and timeouts, with
// margins a busy machine keeps: the grader files run side by side, each in its own process.
export default defineGraderConfig(import.meta.dirname, { filesAtOnce: 4 });
