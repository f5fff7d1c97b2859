import { type GradeRun, score } from '@kit/grading/results';
import type { ClassGrade } from './class-grade.ts';

/**
 * A submission's total, out of the exercise's points, and what kept it from
 * a grade or cut its run short (the first line of an error that escaped).
 *
 * @example
 * const { earned, possible, note } = totalOf(grade, grade.rows[0]);
 */
export function totalOf(
  grade: ClassGrade,
  row: ClassGrade['rows'][number],
): { earned: number; possible: number; note: string } {
  const possible = grade.checks.reduce((sum, check) => sum + check.points, 0);
  if (!row.run) return { earned: 0, possible, note: row.problem ?? 'not graded' };
  const { earned } = score(row.run);
  const note = row.run.kitFailure
    ? `not graded: the kit failed on Node ${row.run.kitFailure.node}`
    : row.run.interruption
      ? 'stopped by the watchdog'
      : row.run.errors.length > 0
        ? (row.run.errors[0]?.split('\n')[0] ?? '')
        : '';
  return { earned, possible, note };
}

/** One submission's result on one check, as every class table shows it. */
export interface Cell {
  readonly mark: '✓' | '✗' | '○' | '–';
  readonly state: 'passed' | 'failed' | 'not-run' | 'not-graded';
  readonly earned: number;
}

/**
 * The cell of the check `name` in a submission's run: `–` when the run was
 * not graded (or lacks the check).
 *
 * @example
 * cellOf(row.run, 'runAll starts every task at once'); // { mark: '✓', state: 'passed', earned: 3 }
 */
export function cellOf(run: GradeRun | undefined, name: string): Cell {
  const check = run?.checks.find((candidate) => candidate.name === name);
  if (!check || run?.kitFailure) return { mark: '–', state: 'not-graded', earned: 0 };
  if (check.state === 'passed') return { mark: '✓', state: 'passed', earned: check.points };
  return check.state === 'failed'
    ? { mark: '✗', state: 'failed', earned: 0 }
    : { mark: '○', state: 'not-run', earned: 0 };
}
