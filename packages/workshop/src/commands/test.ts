import { watch } from 'node:fs';
import { join } from 'node:path';
import { renderReport } from '@kit/grading/report';
import { exitCodeOf, type GradeRun } from '@kit/grading/results';
import { chooseSources, type FolderChoice, type Source } from '../folders.ts';
import { gradeFolder } from '../grade.ts';
import type { Exercise } from '../kit.ts';
import { reportOptions } from '../output.ts';
import { recordGrade } from '../state.ts';

export interface TestOptions extends FolderChoice {
  readonly root: string;
  readonly exercises: readonly Exercise[];
  readonly watch: boolean;
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
  const run = await gradeFolder({ exercise, folder, copy: isTarget });
  console.log(renderReport(run, reportOptions(exercise)));
  // The home screen shows the learner's own progress (not the solution's, a student's, or a kit failure).
  if (!options.solution && !isTarget && !run.kitFailure)
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
