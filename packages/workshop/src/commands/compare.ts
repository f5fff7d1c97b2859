import { relative, resolve } from 'node:path';
import { type GradeRun, score } from '@kit/grading/results';
import { checkTargetLayout } from '../folders.ts';
import { gradeFolder } from '../grade.ts';
import { type Exercise, UsageError } from '../kit.ts';
import { bold, green, red } from '../output.ts';

function cell(run: GradeRun, name: string): string {
  const check = run.checks.find((candidate) => candidate.name === name);
  if (!check) return '-';
  const points = `${check.state === 'passed' ? check.points : 0}/${check.points}`;
  // The figure alone ("1", "402 ms"): the check's name already says what it is.
  const figure = (check.failure?.measured ?? check.figures[0]?.measured)?.split(': ').at(-1);
  const mark = check.state === 'passed' ? '✓' : check.state === 'failed' ? '✗' : '○';
  return `${mark} ${points}${figure ? ` ${figure}` : ''}`;
}

/** Grades several folders with the same checks and prints them side by side. */
export async function compareFolders(
  exercise: Exercise,
  dirs: readonly string[],
  cwd: string,
): Promise<number> {
  if (dirs.length === 0)
    throw new UsageError(
      `Name the folders to compare: pnpm compare ${exercise.id} <dirA> <dirB> …`,
    );
  const folders = dirs.map((dir) => checkTargetLayout(exercise, resolve(cwd, dir)));
  const runs: GradeRun[] = [];
  for (const folder of folders) {
    process.stderr.write(`grading ${folder} …\n`);
    runs.push(await gradeFolder({ exercise, folder, copy: true }));
  }
  const names = [...new Set(runs.flatMap((run) => run.checks.map((check) => check.name)))];
  const width = Math.min(60, Math.max(...names.map((name) => name.length)));
  const columns = folders.map((folder) => relative(cwd, folder) || '.');
  const columnWidth = Math.max(28, ...columns.map((column) => column.length));
  console.log(bold(`Exercise ${exercise.id}: ${columns.length} folders compared`));
  console.log(
    `${''.padEnd(width)}  ${columns.map((column) => column.padEnd(columnWidth)).join('  ')}`,
  );
  for (const name of names) {
    const cells = runs.map((run) => cell(run, name).slice(0, columnWidth).padEnd(columnWidth));
    const painted = cells.map((text) => (text.startsWith('✓') ? green(text) : red(text)));
    console.log(`${name.slice(0, width).padEnd(width)}  ${painted.join('  ')}`);
  }
  const totals = runs.map((run) => {
    const { earned, possible } = score(run);
    const note = run.kitFailure
      ? ` (not graded: the kit failed on Node ${run.kitFailure.node})`
      : run.interruption
        ? ' (stopped by the watchdog)'
        : run.errors.length > 0
          ? ' (errors)'
          : '';
    return `${earned}/${possible}${note}`.padEnd(columnWidth);
  });
  console.log(`${bold('Score'.padEnd(width))}  ${totals.join('  ')}`);
  return 0;
}
