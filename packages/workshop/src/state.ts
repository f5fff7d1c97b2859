import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GradeRun } from '@kit/grading/results';
import { score } from '@kit/grading/results';

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
    const state = JSON.parse(readFileSync(file, 'utf8')) as Partial<WorkshopState>;
    return { grades: state.grades ?? {}, hints: state.hints ?? {} };
  } catch {
    // A damaged state file only loses the home screen's memory, never work.
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
