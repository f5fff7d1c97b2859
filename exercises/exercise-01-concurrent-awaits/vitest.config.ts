import { defineGraderConfig } from '@kit/grading/vitest';

// Its checks count tasks in flight and read their order, with margins a busy machine keeps:
// the four grader files run side by side, each in its own process.
export default defineGraderConfig(import.meta.dirname, { filesAtOnce: 4 });
