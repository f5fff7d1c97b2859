import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineKitConfig } from '@kit/vitest-config';
import { mergeConfig, type ViteUserConfig } from 'vitest/config';
import { EXERCISE_ENV, RESULT_FILE_ENV, SOURCE_DIR_ENV, WRITABLE_DIR_ENV } from './env.ts';
import { GradeReporter } from './reporter.ts';
import { sandboxFlags } from './sandbox.ts';

const lockdownFile = fileURLToPath(new URL('./lockdown.ts', import.meta.url));
const setupFile = fileURLToPath(new URL('./setup.ts', import.meta.url));

export interface GraderOptions {
  /** A file, run in Vitest's main process before the graders, that starts helper processes. */
  readonly globalSetup?: string;
  /**
   * How many grader files may run at once, each in its own process (1 by
   * default). Only for graders whose checks measure order, counts and waits
   * with margins a busy machine keeps: a file that times the event loop, the
   * CPU or memory would measure the files beside it.
   */
  readonly filesAtOnce?: number;
}

/**
 * The Vitest config of an exercise's grader. `#exercise/…` imports resolve
 * to the graded `src/` folder: the exercise's own, unless the workshop CLI
 * points `KIT_SOURCE_DIR` at a solution or a student's submission.
 *
 * @example
 * // exercises/exercise-01-concurrent-awaits/vitest.config.ts
 * export default defineGraderConfig(import.meta.dirname);
 * // a grader that needs a server in a process of its own, started outside the sandbox:
 * export default defineGraderConfig(import.meta.dirname, { globalSetup: 'test/global-setup.ts' });
 * // a grader whose files measure order and counts, not the CPU: up to 4 of them side by side
 * export default defineGraderConfig(import.meta.dirname, { filesAtOnce: 4 });
 */
export function defineGraderConfig(
  exerciseDir: string,
  options: GraderOptions = {},
): ViteUserConfig {
  const filesAtOnce = options.filesAtOnce ?? 1;
  const sourceDir = process.env[SOURCE_DIR_ENV] ?? join(exerciseDir, 'src');
  const resultFile = process.env[RESULT_FILE_ENV];
  const exercise = process.env[EXERCISE_ENV] ?? exerciseDir;
  const writableDir = process.env[WRITABLE_DIR_ENV];
  return mergeConfig(defineKitConfig(), {
    resolve: {
      alias: [{ find: /^#exercise\/(.*)$/, replacement: `${sourceDir}/$1` }],
    },
    test: {
      // The built-ins are frozen first, then the toolkit takes its copies of the other globals.
      setupFiles: [lockdownFile, setupFile],
      // Runs in Vitest's main process, outside the sandbox: the place to start helper processes.
      ...(options.globalSetup ? { globalSetup: [join(exerciseDir, options.globalSetup)] } : {}),
      // Graded by the workshop CLI, the code under test may write only to the run's sandbox.
      execArgv: writableDir ? sandboxFlags(writableDir) : [],
      env: { [SOURCE_DIR_ENV]: sourceDir },
      // Each grader file runs in a process of its own, so files side by side share only the
      // cores: right for files that measure order and counts, never for ones that time the CPU.
      fileParallelism: filesAtOnce > 1,
      maxWorkers: filesAtOnce,
      reporters: resultFile ? [new GradeReporter(resultFile, exercise, sourceDir)] : ['default'],
    },
  });
}
