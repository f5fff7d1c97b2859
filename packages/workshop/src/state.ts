import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GradeRun } from '@kit/grading/results';
import { parseJsonFile, score } from '@kit/grading/results';
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

export function recordGrade(root: string, exerciseName: string, run: GradeRun): void {
  const { earned, possible, passed, failed } = score(run);
  updateState(root, (state) => {
    state.grades[exerciseName] = { earned, possible, passed, failed, at: new Date().toISOString() };
  });
}
