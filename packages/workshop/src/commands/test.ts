import { watch } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderReport } from '@kit/grading/report';
import { type GradeRun, isPerfect } from '@kit/grading/results';
import { checkTargetLayout, gradeFolder } from '../grade.ts';
import { type Exercise, UsageError } from '../kit.ts';
import { exerciseHeading, useColor } from '../output.ts';
import { recordGrade } from '../state.ts';

export interface TestOptions {
  readonly root: string;
  readonly exercises: readonly Exercise[];
  readonly solution: boolean;
  readonly target: string | undefined;
  readonly watch: boolean;
  /** Where relative paths typed by the user start from. */
  readonly cwd: string;
}

/** Grades each exercise and prints its report; resolves to the exit code. */
export async function gradeExercises(options: TestOptions): Promise<number> {
  if (options.solution && options.target) {
    throw new UsageError('Give either --solution or --target <dir>, not both.');
  }
  if (options.target && options.exercises.length > 1) {
    throw new UsageError('--target grades one exercise at a time: name a single exercise.');
  }
  const once = async () => {
    let allPerfect = true;
    for (const exercise of options.exercises) {
      const run = await gradeOne(exercise, options);
      allPerfect &&= isPerfect(run);
    }
    return allPerfect ? 0 : 1;
  };
  if (!options.watch) return once();
  await watchAndGrade(options, once);
  return 0;
}

async function gradeOne(exercise: Exercise, options: TestOptions): Promise<GradeRun> {
  const target = options.target
    ? checkTargetLayout(exercise, resolve(options.cwd, options.target))
    : undefined;
  const folder = target ?? (options.solution ? exercise.solutionDir : exercise.dir);
  const run = await gradeFolder({ exercise, folder, copy: target !== undefined });
  console.log(
    renderReport(run, {
      color: useColor,
      title: exerciseHeading(exercise),
      hintCommand: (hint) => `pnpm hint ${exercise.id} ${hint}`,
    }),
  );
  if (!options.solution && !target) recordGrade(options.root, exercise.name, run);
  console.log('');
  return run;
}

async function watchAndGrade(options: TestOptions, gradeAll: () => Promise<number>): Promise<void> {
  const folders = options.exercises.map((exercise) =>
    options.target
      ? resolve(options.cwd, options.target)
      : options.solution
        ? exercise.solutionDir
        : exercise.dir,
  );
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
    console.log(
      `Watching ${folders.map((folder) => join(folder, 'src')).join(', ')}: save a file to grade again, Ctrl-C to stop.`,
    );
    running = false;
    if (again) {
      again = false;
      await run();
    }
  };
  for (const folder of folders) {
    watch(join(folder, 'src'), { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(run, 200);
    });
  }
  await run();
  await new Promise(() => {
    // Runs until the learner presses Ctrl-C.
  });
}
