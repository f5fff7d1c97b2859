import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import {
  EXERCISE_ENV,
  PROGRESS_DIR_ENV,
  RESULT_FILE_ENV,
  SOURCE_DIR_ENV,
  WRITABLE_DIR_ENV,
} from '@kit/grading/env';
import { sandboxPreflight } from '@kit/grading/preflight';
import {
  type CheckResult,
  type GradeRun,
  gradeRunSchema,
  parseJsonFile,
} from '@kit/grading/results';
import { holdScratch, runWatched } from '@kit/grading/watchdog';
import { wholeRunCheck } from '@kit/grading/whole-run';
import { completeRun, readCatalog } from './catalog.ts';
import { copyIntoExercise } from './folders.ts';
import { type Exercise, findKitRoot } from './kit.ts';
import { manifestDifferences, voidGrade } from './manifest.ts';

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
  /** Only these grader files (names in `test/`); every one when absent. */
  readonly files?: readonly string[];
  /** Only this check (its name in the README's table): the report lists it alone. */
  readonly only?: string;
  /**
   * Told each check as soon as its verdict is written, while the run goes on
   * (the web workshop streams them). The run the grade resolves to is the
   * verdict; these are its checks as they came.
   */
  readonly onCheck?: (check: CheckResult) => void;
}

/**
 * Grades one folder with the exercise's grader, under the watchdog. The
 * result lists every check of the exercise's README, whatever happened to the
 * run, and is void (an error, no pass) when the graders or the toolkit are not
 * the kit's own before or after it.
 */
export async function gradeFolder(request: GradeRequest): Promise<GradeRun> {
  const root = findKitRoot();
  const catalog = readCatalog(request.exercise);
  const before = manifestDifferences(root);
  if (before.length > 0) {
    const run: GradeRun = {
      exercise: request.exercise.name,
      source: relativeToCwd(request.folder),
      checks: [],
      errors: [voidGrade(before, 'before')],
      durationMs: 0,
    };
    return completeRun(run, catalog);
  }
  const run = await gradeUnverified(request);
  const after = manifestDifferences(root);
  if (after.length > 0) run.errors.push(voidGrade(after, 'after'));
  const complete = completeRun(run, catalog);
  const { only } = request;
  return only
    ? { ...complete, checks: complete.checks.filter((check) => check.name === only) }
    : complete;
}

async function gradeUnverified(request: GradeRequest): Promise<GradeRun> {
  const { exercise } = request;
  const scratch = mkdtempSync(join(tmpdir(), `kit-${exercise.id}-`));
  const releaseScratch = holdScratch(scratch);
  const copy = request.copy ? copyIntoExercise(exercise, request.folder, 'grade-') : undefined;
  const releaseCopy = copy ? holdScratch(copy.dir) : undefined;
  try {
    const sourceDir = copy?.srcDir ?? join(request.folder, 'src');
    if (copy) request.edit?.(copy.srcDir);
    const started = Date.now();
    // A sandbox this Node refuses is the kit's failure: nothing is graded, nobody is blamed.
    const kitFailure = await sandboxPreflight(scratch);
    if (kitFailure) {
      const source = relativeToCwd(request.folder);
      return { exercise: exercise.name, source, checks: [], errors: [], kitFailure, durationMs: 0 };
    }
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
    let remaining = request.files ?? graderFiles;
    for (let attempt = 0; remaining.length > 0; attempt += 1) {
      const part = await gradeFiles(exercise, sourceDir, {
        scratch,
        attempt,
        files: attempt === 0 && !request.files ? [] : remaining,
        cleanup: copy ? [scratch, copy.dir] : [scratch],
        only: request.only,
        onCheck: request.onCheck,
      });
      run.errors.push(...part.errors);
      run.interruption ??= part.interruption;
      run.kitFailure ??= part.kitFailure;
      const blamed = part.checks.find((check) => check.name === part.interruption?.check)?.file;
      // The files the run left unfinished, but for the one whose check blocked: grader files
      // run side by side were stopped with it, through no fault of theirs.
      const unfinished = part.interruption
        ? remaining.filter((file) => file !== blamed && !finished(part, file))
        : [];
      // Without a check to blame, the file that stopped is unknown: running the rest again could stop again.
      const canRerun =
        part.interruption?.check !== undefined && Date.now() - started < RERUN_BUDGET_MS;
      if (unfinished.length > 0 && !canRerun) {
        run.errors.push(`Not graded, because the run was stopped: ${unfinished.join(', ')}.`);
      }
      // A file run again is judged by its new run alone.
      const again = new Set(canRerun ? unfinished : []);
      run.checks.push(...part.checks.filter((check) => !again.has(check.file)));
      remaining = [...again];
    }
    run.source = relativeToCwd(request.folder);
    run.durationMs = Date.now() - started;
    // A run of only some grader files (a wrong variant's), or of one check, judges only those checks.
    if (!request.files && !request.only) run.checks.push(wholeRunCheck(run));
    return run;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    copy?.remove();
    releaseScratch();
    releaseCopy?.();
  }
}

/** A grader file every check of which has a verdict: it needs no second run. */
function finished(run: GradeRun, file: string): boolean {
  const checks = run.checks.filter((check) => check.file === file);
  return checks.length > 0 && checks.every((check) => check.state !== 'not-run');
}

/** No new attempt starts after this long, so a run always ends within about a minute. */
const RERUN_BUDGET_MS = 30_000;

interface Attempt {
  readonly scratch: string;
  readonly attempt: number;
  /** Grader files to run; all of them when empty. */
  readonly files: readonly string[];
  /** What the guard removes if the CLI dies during the run. */
  readonly cleanup: readonly string[];
  /** The one check to run, when only one is asked for. */
  readonly only: string | undefined;
  readonly onCheck: GradeRequest['onCheck'];
}

async function gradeFiles(
  exercise: Exercise,
  sourceDir: string,
  { scratch, attempt, files, cleanup, only, onCheck }: Attempt,
): Promise<GradeRun> {
  // The result is written by Vitest's main process, out of the graded code's reach;
  // the graded code may write only in the sandbox: its temp folder and the progress file.
  const resultFile = join(scratch, `result-${attempt}.json`);
  const sandbox = join(scratch, `sandbox-${attempt}`);
  const tempDir = join(sandbox, 'tmp');
  mkdirSync(tempDir, { recursive: true });
  const progressDir = join(sandbox, 'progress');
  mkdirSync(progressDir);
  const stopStreaming = onCheck ? streamChecks(resultFile, onCheck) : undefined;
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
      // A check's test is named with its points after it: "<name> (3 pts)".
      ...(only ? ['--testNamePattern', `^${only.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`] : []),
    ],
    cwd: exercise.dir,
    env: {
      ...process.env,
      [SOURCE_DIR_ENV]: sourceDir,
      [RESULT_FILE_ENV]: resultFile,
      [PROGRESS_DIR_ENV]: progressDir,
      [EXERCISE_ENV]: exercise.name,
      [WRITABLE_DIR_ENV]: sandbox,
      TMPDIR: tempDir,
      FORCE_COLOR: '0',
    },
    progressDir,
    cleanup,
  }).finally(() => stopStreaming?.());
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

/**
 * Reads the result file as the reporter rewrites it after every check, and
 * tells each check once, when its verdict first appears. A read that catches
 * the file half-written is skipped: the next one sees it whole.
 */
function streamChecks(resultFile: string, onCheck: (check: CheckResult) => void): () => void {
  const told = new Set<string>();
  const poll = () => {
    for (const check of readRun(resultFile)?.checks ?? []) {
      const key = `${check.file}\u0000${check.name}`;
      if (check.state === 'not-run' || told.has(key)) continue;
      told.add(key);
      onCheck(check);
    }
  };
  const timer = setInterval(poll, STREAM_POLL_MS);
  return () => {
    clearInterval(timer);
    poll();
  };
}

const STREAM_POLL_MS = 100;

function readRun(file: string): GradeRun | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return parseJsonFile(gradeRunSchema, readFileSync(file, 'utf8'), file);
  } catch {
    return undefined;
  }
}

function relativeToCwd(path: string): string {
  const relativePath = relative(process.cwd(), path);
  return relativePath.startsWith('..') || relativePath === '' ? path : relativePath;
}
