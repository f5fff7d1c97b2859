import { watch } from 'node:fs';
import { join } from 'node:path';
import { renderReport } from '@kit/grading/report';
import { exitCodeOf, type GradeRun } from '@kit/grading/results';
import { readCatalog } from '../catalog.ts';
import { chooseSources, type FolderChoice, type Source } from '../folders.ts';
import { gradeFolder } from '../grade.ts';
import { type Exercise, UsageError } from '../kit.ts';
import { reportOptions } from '../output.ts';
import { recordGrade } from '../state.ts';

export interface TestOptions extends FolderChoice {
  readonly root: string;
  readonly exercises: readonly Exercise[];
  readonly watch: boolean;
  /** One check to grade alone: its number in the README's table, or words of its name. */
  readonly only?: string | undefined;
}

/**
 * The check `--only` names: its number in the README's table, or words of
 * its name (case aside). Anything else is a usage error that lists them.
 *
 * @example
 * chooseCheck(exercise, '3'); // the third row of the table
 * chooseCheck(exercise, 'sliding window'); // 'mapLimit starts the next item … (a sliding window, not batches)'
 */
export function chooseCheck(exercise: Exercise, words: string): string {
  const checks = readCatalog(exercise).checks.map((check) => check.name);
  const listed = checks
    .map((name, index) => `  ${String(index + 1).padStart(2)}  ${name}`)
    .join('\n');
  const byNumber = /^\d+$/.test(words) ? checks[Number(words) - 1] : undefined;
  if (byNumber) return byNumber;
  const matching = checks.filter((name) => name.toLowerCase().includes(words.toLowerCase()));
  if (matching.length === 1) return matching[0] as string;
  throw new UsageError(
    `${matching.length === 0 ? 'No check' : `${matching.length} checks`} of ${exercise.name} ${matching.length === 0 ? 'matches' : 'match'} "${words}": give its number or more of its words.\n${listed}`,
  );
}

/** Grades each exercise and prints its report; resolves to the exit code. */
export async function gradeExercises(options: TestOptions): Promise<number> {
  const sources = chooseSources(options.exercises, options);
  const once = async () => {
    const runs: GradeRun[] = [];
    for (const source of sources) runs.push(await gradeOne(source, options));
    return exitCodeOf(runs);
  };
  if (!options.watch) return once();
  await watchAndGrade(sources, once);
  return 0;
}

async function gradeOne(
  { exercise, folder, isTarget }: Source,
  options: TestOptions,
): Promise<GradeRun> {
  const only = options.only === undefined ? undefined : chooseCheck(exercise, options.only);
  const run = await gradeFolder({ exercise, folder, copy: isTarget, ...(only ? { only } : {}) });
  console.log(renderReport(run, reportOptions(exercise)));
  // The home screen shows the learner's own progress (not the solution's, a student's, a kit
  // failure, or one check alone).
  if (!options.solution && !isTarget && !run.kitFailure && !only)
    recordGrade(options.root, exercise.name, run);
  console.log('');
  return run;
}

async function watchAndGrade(
  sources: readonly Source[],
  gradeAll: () => Promise<number>,
): Promise<void> {
  const srcDirs = sources.map((source) => join(source.folder, 'src'));
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    process.stdout.write('\u001bc');
    await gradeAll();
    console.log(`Watching ${srcDirs.join(', ')}: save a file to grade again, Ctrl-C to stop.`);
    running = false;
    if (again) {
      again = false;
      await run();
    }
  };
  for (const srcDir of srcDirs) {
    watch(srcDir, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(run, 200);
    });
  }
  await run();
  await new Promise(() => {
    // Runs until the learner presses Ctrl-C.
  });
}
