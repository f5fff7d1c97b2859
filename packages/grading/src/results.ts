import { z } from 'zod';
import type { FailureDetails, Figure, TimelineData } from './failure.ts';
import { type KitFailure, NOT_GRADED_EXIT_CODE } from './kit-failure.ts';

/** The spans of a failure's timeline, for a report that draws its own. */
export type { TimelineData };

/** A check's state in a grade: `not-run` when the run ended before reaching it. */
export type CheckState = 'passed' | 'failed' | 'not-run';

export interface CheckResult {
  readonly name: string;
  readonly file: string;
  readonly points: number;
  state: CheckState;
  figures: Figure[];
  failure?: FailureDetails | undefined;
  durationMs?: number | undefined;
  /** When the check started, in ms after the grader's test runner did. */
  startMs?: number | undefined;
  /** The hint the check points to (its `hint` option). */
  hint?: number | undefined;
}

/** Why the watchdog ended a run before the graders finished. */
export interface Interruption {
  readonly kind: 'never-yielded' | 'stalled';
  /** The check that was running, when one was. */
  readonly check?: string | undefined;
  /** How long the run had made no progress when it was ended. */
  readonly afterMs: number;
}

/** Everything one grading run found; written by the reporter, read by the CLI. */
export interface GradeRun {
  /** Folder name of the exercise, e.g. `exercise-01-concurrent-awaits`. */
  exercise: string;
  /** The folder whose `src/` was graded. */
  source: string;
  checks: CheckResult[];
  /** Errors outside any check: a grader file that failed to load, an unhandled rejection. */
  errors: string[];
  interruption?: Interruption | undefined;
  /** Set when the kit itself could not grade: every check is then not graded, none failed. */
  kitFailure?: KitFailure | undefined;
  durationMs: number;
}

// Re-exported for the CLI: the grader's own worker imports them from points.ts, without zod.
export { parsePointsTag, withPointsTag } from './points.ts';

export interface Score {
  readonly earned: number;
  readonly possible: number;
  readonly passed: number;
  readonly failed: number;
  /** Checks the kit could not grade (see {@link GradeRun.kitFailure}); 0 otherwise. */
  readonly notGraded: number;
}

/**
 * Points and counts of a run; a check that did not run counts as failed,
 * unless the kit failed: then nothing is graded, and nothing counts as failed.
 */
export function score(run: GradeRun): Score {
  let earned = 0;
  let possible = 0;
  let passed = 0;
  let failed = 0;
  if (run.kitFailure) {
    for (const check of run.checks) possible += check.points;
    return { earned, possible, passed, failed, notGraded: run.checks.length };
  }
  for (const check of run.checks) {
    possible += check.points;
    if (check.state === 'passed') {
      earned += check.points;
      passed += 1;
    } else {
      failed += 1;
    }
  }
  return { earned, possible, passed, failed, notGraded: 0 };
}

/**
 * How long at least one check of a run was running: the waits its scenarios
 * are made of, however many grader files ran side by side. The rest of a
 * grade's time is the kit's (starting the test runner, apps, workers).
 *
 * @example
 * // checks at 0–300 ms and 100–500 ms, side by side, and one at 900–1000 ms
 * timeInChecks(run); // 600
 */
export function timeInChecks(run: GradeRun): number {
  const spans = run.checks
    .filter((check) => check.startMs !== undefined && check.durationMs !== undefined)
    .map((check) => [check.startMs ?? 0, (check.startMs ?? 0) + (check.durationMs ?? 0)] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let coveredUntil = Number.NEGATIVE_INFINITY;
  for (const [start, end] of spans) {
    if (end <= coveredUntil) continue;
    total += end - Math.max(start, coveredUntil);
    coveredUntil = end;
  }
  return total;
}

/** A run earns a pass only when every check passed and nothing else went wrong. */
export function isPerfect(run: GradeRun): boolean {
  const { failed, passed } = score(run);
  return (
    failed === 0 && passed > 0 && run.errors.length === 0 && !run.interruption && !run.kitFailure
  );
}

/** The exit code of a grade of several runs: 0 all perfect, 3 the kit failed on one, 1 otherwise. */
export function exitCodeOf(runs: readonly GradeRun[]): number {
  if (runs.some((run) => run.kitFailure)) return NOT_GRADED_EXIT_CODE;
  return runs.every(isPerfect) ? 0 : 1;
}

const figureSchema = z.object({
  label: z.string(),
  measured: z.string(),
  expected: z.string(),
  ok: z.boolean(),
});

const failureSchema = z.object({
  measured: z.string(),
  expected: z.string(),
  meaning: z.string(),
  hint: z.number().int().positive().optional(),
  timeline: z.string().optional(),
  timelineData: z
    .object({
      spans: z.array(
        z.object({
          label: z.string(),
          start: z.number(),
          end: z.number().optional(),
          outcome: z.enum(['fulfilled', 'rejected', 'pending', 'blocked']),
        }),
      ),
      until: z.number().optional(),
      marks: z.array(z.object({ at: z.number(), label: z.string() })).optional(),
    })
    .optional(),
  location: z.string().optional(),
});

const checkResultSchema = z.object({
  name: z.string().min(1),
  file: z.string(),
  points: z.number().int().nonnegative(),
  state: z.enum(['passed', 'failed', 'not-run']),
  figures: z.array(figureSchema),
  failure: failureSchema.optional(),
  durationMs: z.number().optional(),
  startMs: z.number().optional(),
  hint: z.number().int().positive().optional(),
});

/** The shape of a grade as the reporter writes it and the CLI reads it. */
export const gradeRunSchema = z.object({
  exercise: z.string(),
  source: z.string(),
  checks: z.array(checkResultSchema),
  errors: z.array(z.string()),
  interruption: z
    .object({
      kind: z.enum(['never-yielded', 'stalled']),
      check: z.string().optional(),
      afterMs: z.number(),
    })
    .optional(),
  kitFailure: z.object({ node: z.string(), reason: z.string() }).optional(),
  durationMs: z.number(),
}) satisfies z.ZodType<GradeRun>;

/**
 * Parses JSON the kit reads against a schema; a malformed file is an error
 * that names the file and the field, never a silent cast.
 *
 * @example
 * const run = parseJsonFile(gradeRunSchema, text, 'grades.json');
 */
export function parseJsonFile<T>(schema: z.ZodType<T>, text: string, file: string): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) =>
      `${issue.path.length > 0 ? issue.path.join('.') : '(the whole file)'}: ${issue.message}`,
  );
  throw new Error(`${file} is malformed: ${problems.join('; ')}`);
}
