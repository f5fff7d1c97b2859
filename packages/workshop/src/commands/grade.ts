import { appendFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderReport } from '@kit/grading/report';
import { exitCodeOf, type GradeRun } from '@kit/grading/results';
import { toClassroom, toJson, toJunit, toStepSummary } from '../ci-reports.ts';
import { chooseSources } from '../folders.ts';
import { gradeFolder } from '../grade.ts';
import type { Exercise } from '../kit.ts';
import { reportOptions } from '../output.ts';

export interface CiGradeOptions {
  readonly exercises: readonly Exercise[];
  readonly target: string | undefined;
  readonly json: string | undefined;
  readonly junit: string | undefined;
  readonly classroom: string | undefined;
  readonly cwd: string;
}

/**
 * Grading for CI: the plain report on stdout, plus JSON, JUnit and
 * GitHub-Classroom results in files, and a step summary when the CI offers one.
 */
export async function gradeForCi(options: CiGradeOptions): Promise<number> {
  const runs: GradeRun[] = [];
  for (const { exercise, folder, isTarget } of chooseSources(options.exercises, {
    ...options,
    solution: false,
  })) {
    const run = await gradeFolder({ exercise, folder, copy: isTarget });
    runs.push(run);
    console.log(renderReport(run, reportOptions(exercise, false)), '\n');
  }
  if (options.json) writeFileSync(resolve(options.cwd, options.json), toJson(runs));
  if (options.junit) writeFileSync(resolve(options.cwd, options.junit), toJunit(runs));
  if (options.classroom) writeFileSync(resolve(options.cwd, options.classroom), toClassroom(runs));
  if (process.env.GITHUB_STEP_SUMMARY)
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, toStepSummary(runs));
  return exitCodeOf(runs);
}
