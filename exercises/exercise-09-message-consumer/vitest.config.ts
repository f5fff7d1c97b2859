import { defineGraderConfig } from '@kit/grading/vitest';

export default defineGraderConfig(import.meta.dirname);
