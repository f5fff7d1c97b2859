import { readFileSync, writeFileSync } from 'node:fs';
import { type GradeRun, parseJsonFile, score } from '@kit/grading/results';
import { z } from 'zod';

/** What one grade came to, check by check: enough to tell two Node lines apart. */
export interface GradeSummary {
  readonly earned: number;
  readonly possible: number;
  readonly checks: Record<string, GradeRun['checks'][number]['state']>;
}

/** The solution's and the starter's grade of every exercise, on one Node. */
export interface LineScores {
  readonly node: string;
  readonly exercises: Record<string, { solution: GradeSummary; starter: GradeSummary }>;
}

const summarySchema = z.object({
  earned: z.number(),
  possible: z.number(),
  checks: z.record(z.string(), z.enum(['passed', 'failed', 'not-run'])),
});

const lineScoresSchema = z.object({
  node: z.string(),
  exercises: z.record(z.string(), z.object({ solution: summarySchema, starter: summarySchema })),
}) satisfies z.ZodType<LineScores>;

export function summarize(run: GradeRun): GradeSummary {
  const { earned, possible } = score(run);
  return {
    earned,
    possible,
    checks: Object.fromEntries(run.checks.map((check) => [check.name, check.state])),
  };
}

/** Writes the scores of this Node, for `pnpm workshop node-line --against` on another. */
export function writeLineScores(file: string, exercises: LineScores['exercises']): void {
  const scores: LineScores = { node: process.version, exercises };
  writeFileSync(file, `${JSON.stringify(scores, null, 2)}\n`);
}

export function readLineScores(file: string): LineScores {
  return parseJsonFile(lineScoresSchema, readFileSync(file, 'utf8'), file);
}

/**
 * What a check's state says of the graded code. A check that failed and one
 * the watchdog ended before it reported (not-run) earned the same nothing:
 * which of the two a starter that blocks its event loop for seconds gets
 * depends on how long the block lasts on that machine, not on the Node line.
 */
function verdictOf(state: string): string {
  return state === 'failed' || state === 'not-run' ? 'not passed' : state;
}

/**
 * How a grade on this Node differs from the same grade on another, one
 * sentence per check, with both scores; empty when they agree.
 *
 * @example
 * lineDifferences(summarize(starterRun), recorded.exercises[name].starter, 'v20.20.2');
 * // → ['"fetchAll requests every URL at once" failed on v20.20.2, passed on v26.12.1 (score 12/25 there, 15/25 here)']
 */
export function lineDifferences(
  here: GradeSummary,
  there: GradeSummary,
  thereNode: string,
): string[] {
  const names = new Set([...Object.keys(there.checks), ...Object.keys(here.checks)]);
  const differences: string[] = [];
  for (const name of names) {
    const [was, is] = [there.checks[name] ?? 'absent', here.checks[name] ?? 'absent'];
    if (verdictOf(was) !== verdictOf(is))
      differences.push(
        `"${name}" ${was} on ${thereNode}, ${is} on ${process.version} (score ${there.earned}/${there.possible} there, ${here.earned}/${here.possible} here)`,
      );
  }
  if (differences.length === 0 && here.earned !== there.earned)
    differences.push(
      `score ${there.earned}/${there.possible} on ${thereNode}, ${here.earned}/${here.possible} on ${process.version}`,
    );
  return differences;
}
