import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type GradeRun, gradeRunSchema, parseJsonFile, score } from '@kit/grading/results';
import { z } from 'zod';
import { yellow } from './output.ts';

const stateSchema = z.object({
  grades: z.record(
    z.string(),
    z.object({
      earned: z.number(),
      possible: z.number(),
      passed: z.number(),
      failed: z.number(),
      at: z.string(),
    }),
  ),
  hints: z.record(z.string(), z.number().int().nonnegative()),
});

/** The last grade of an exercise, kept for the workshop home. */
export interface LastGrade {
  readonly earned: number;
  readonly possible: number;
  readonly passed: number;
  readonly failed: number;
  readonly at: string;
}

/** What the workshop remembers for a learner, in `.workshop/state.json` (not committed). */
export interface WorkshopState {
  grades: Record<string, LastGrade>;
  /** The highest hint shown so far, per exercise. */
  hints: Record<string, number>;
}

function stateFile(root: string): string {
  return join(root, '.workshop', 'state.json');
}

export function readState(root: string): WorkshopState {
  const file = stateFile(root);
  if (!existsSync(file)) return { grades: {}, hints: {} };
  try {
    return parseJsonFile(stateSchema, readFileSync(file, 'utf8'), '.workshop/state.json');
  } catch (error) {
    // A damaged state file only loses the home screen's memory, never work: say so, start afresh.
    console.error(
      yellow(
        `${(error as Error).message}. Starting with no remembered grades or hints; delete the file to silence this.`,
      ),
    );
    return { grades: {}, hints: {} };
  }
}

export function updateState(root: string, change: (state: WorkshopState) => void): void {
  const state = readState(root);
  change(state);
  const file = stateFile(root);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}

/** The last grade of each exercise, whole, in `.workshop/runs/`: the web page shows every check of it. */
function runFile(root: string, exerciseName: string): string {
  return join(root, '.workshop', 'runs', `${exerciseName}.json`);
}

/** Whether an exercise's last grade passed every check. */
export function isDone(grade: LastGrade | undefined): boolean {
  return grade !== undefined && grade.failed === 0;
}

/** The first exercise not done yet, the one the home points to; none when all are done. */
export function nextExercise<T extends { readonly name: string }>(
  exercises: readonly T[],
  state: WorkshopState,
): T | undefined {
  return exercises.find((exercise) => !isDone(state.grades[exercise.name]));
}

/** Remembers a grade of the learner's own code: its score for the home, the run for the exercise page. */
export function recordGrade(root: string, exerciseName: string, run: GradeRun): void {
  const { earned, possible, passed, failed } = score(run);
  updateState(root, (state) => {
    state.grades[exerciseName] = { earned, possible, passed, failed, at: new Date().toISOString() };
  });
  const file = runFile(root, exerciseName);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(run)}\n`);
}

/** The learner's last grade of an exercise, whole; none when never graded or the file is damaged. */
export function readLastRun(root: string, exerciseName: string): GradeRun | undefined {
  const file = runFile(root, exerciseName);
  if (!existsSync(file)) return undefined;
  try {
    return parseJsonFile(gradeRunSchema, readFileSync(file, 'utf8'), file);
  } catch {
    // Only the page's memory of the last grade is lost: the next grade writes it again.
    return undefined;
  }
}
