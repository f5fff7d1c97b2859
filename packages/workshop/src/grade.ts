import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { EXERCISE_ENV, PROGRESS_FILE_ENV, RESULT_FILE_ENV, SOURCE_DIR_ENV } from '@kit/grading/env';
import type { GradeRun } from '@kit/grading/results';
import { runWatched } from '@kit/grading/watchdog';
import { copyIntoExercise } from './folders.ts';
import type { Exercise } from './kit.ts';

const require = createRequire(import.meta.url);
const vitestBin = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');

export interface GradeRequest {
  readonly exercise: Exercise;
  /** The folder whose `src/` is graded. */
  readonly folder: string;
  /**
   * Copy `src/` into the exercise before grading, so that a folder anywhere on
   * disk resolves its imports against the kit's dependencies. The folder
   * itself is only read.
   */
  readonly copy: boolean;
  /** Files to change in the copy, for the self-check's wrong variants. */
  readonly edit?: (srcDir: string) => void;
}

/** Grades one folder with the exercise's grader, under the watchdog. */
export async function gradeFolder(request: GradeRequest): Promise<GradeRun> {
  const { exercise } = request;
  const scratch = mkdtempSync(join(tmpdir(), `kit-${exercise.id}-`));
  const copy = request.copy ? copyIntoExercise(exercise, request.folder, 'grade-') : undefined;
  try {
    const sourceDir = copy?.srcDir ?? join(request.folder, 'src');
    if (copy) request.edit?.(copy.srcDir);
    const started = Date.now();
    const graderFiles = readdirSync(join(exercise.dir, 'test')).filter((file) =>
      file.endsWith('.grader.test.ts'),
    );
    const run: GradeRun = {
      exercise: exercise.name,
      source: '',
      checks: [],
      errors: [],
      durationMs: 0,
    };
    // When the watchdog ends a run, the grader files it never reached run on
    // their own, so one blocking function does not cost the grades of the others.
    let remaining = graderFiles;
    for (let attempt = 0; remaining.length > 0; attempt += 1) {
      const part = await gradeFiles(
        exercise,
        sourceDir,
        scratch,
        attempt,
        attempt === 0 ? [] : remaining,
      );
      run.checks.push(...part.checks);
      run.errors.push(...part.errors);
      run.interruption ??= part.interruption;
      const reached = new Set(run.checks.map((check) => check.file));
      const unreached = part.interruption ? remaining.filter((file) => !reached.has(file)) : [];
      // Without a check to blame, the file that stopped is unknown: running the rest again could stop again.
      const canRerun =
        part.interruption?.check !== undefined && Date.now() - started < RERUN_BUDGET_MS;
      if (unreached.length > 0 && !canRerun) {
        run.errors.push(`Not graded, because the run was stopped: ${unreached.join(', ')}.`);
      }
      remaining = canRerun ? unreached : [];
    }
    // Files run in whatever order Vitest prefers; the report follows their names
    // (graders number them in the order of the README), checks within a file in order.
    run.checks.sort((a, b) => a.file.localeCompare(b.file));
    run.source = relativeToCwd(request.folder);
    run.durationMs = Date.now() - started;
    return run;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    copy?.remove();
  }
}

/** No new attempt starts after this long, so a run always ends within about a minute. */
const RERUN_BUDGET_MS = 30_000;

async function gradeFiles(
  exercise: Exercise,
  sourceDir: string,
  scratch: string,
  attempt: number,
  files: readonly string[],
): Promise<GradeRun> {
  const resultFile = join(scratch, `result-${attempt}.json`);
  const progressFile = join(scratch, `progress-${attempt}.json`);
  const watched = await runWatched({
    command: process.execPath,
    args: [
      vitestBin,
      'run',
      '--configLoader',
      'runner',
      '--root',
      exercise.dir,
      ...files.map((file) => `test/${file}`),
    ],
    cwd: exercise.dir,
    env: {
      ...process.env,
      [SOURCE_DIR_ENV]: sourceDir,
      [RESULT_FILE_ENV]: resultFile,
      [PROGRESS_FILE_ENV]: progressFile,
      [EXERCISE_ENV]: exercise.name,
      FORCE_COLOR: '0',
    },
    progressFile,
  });
  const tail = () => watched.output.trim().split('\n').slice(-30).join('\n');
  const run = readRun(resultFile) ?? {
    exercise: exercise.name,
    source: sourceDir,
    checks: [],
    errors: watched.interruption
      ? []
      : [`The grader did not start (exit code ${watched.exitCode}). Its output:\n${tail()}`],
    durationMs: 0,
  };
  if (watched.interruption) {
    run.interruption = watched.interruption;
  } else if (
    watched.exitCode !== 0 &&
    run.checks.every((check) => check.state !== 'failed') &&
    run.errors.length === 0
  ) {
    run.errors.push(`The grader exited with code ${watched.exitCode}:\n${tail()}`);
  }
  return run;
}

function readRun(file: string): GradeRun | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as GradeRun;
  } catch {
    return undefined;
  }
}

function relativeToCwd(path: string): string {
  const relativePath = relative(process.cwd(), path);
  return relativePath.startsWith('..') || relativePath === '' ? path : relativePath;
}
