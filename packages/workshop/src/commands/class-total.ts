import { score } from '@kit/grading/results';
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
