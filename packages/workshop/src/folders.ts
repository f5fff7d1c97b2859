import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Exercise, UsageError } from './kit.ts';

/** Files of `src/` below `dir`, relative to it, skipping dependencies. */
export function sourceFiles(srcDir: string, prefix = ''): string[] {
  return readdirSync(srcDir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(prefix, entry.name);
    return entry.isDirectory() ? sourceFiles(join(srcDir, entry.name), path) : [path];
  });
}

/**
 * Checks that `dir` is laid out like the exercise: a folder whose `src/`
 * holds every file of the exercise's starter.
 */
export function checkTargetLayout(exercise: Exercise, dir: string): string {
  const target = resolve(dir);
  const expected = sourceFiles(join(exercise.dir, 'src'));
  const layout = `laid out like ${exercise.name}: a folder whose src/ holds ${expected.map((file) => `src/${file}`).join(', ')}`;
  if (!existsSync(target)) throw new UsageError(`${dir} does not exist. Give a folder ${layout}.`);
  if (!statSync(target).isDirectory())
    throw new UsageError(`${dir} is a file, not a folder. Give a folder ${layout}.`);
  const missing = expected.filter((file) => !existsSync(join(target, 'src', file)));
  if (missing.length > 0) {
    const hint = existsSync(join(target, 'src'))
      ? `its src/ lacks ${missing.join(', ')}`
      : 'it has no src/ folder (point at the folder that contains src/, not at src/ itself)';
    throw new UsageError(`${dir} is not ${layout}: ${hint}.`);
  }
  return target;
}

export interface FolderChoice {
  readonly solution: boolean;
  readonly target: string | undefined;
  /** Where a relative `target` starts from. */
  readonly cwd: string;
}

/** The folder a command works on for an exercise, and whether it is a target outside the kit's own. */
export interface Source {
  readonly exercise: Exercise;
  readonly folder: string;
  readonly isTarget: boolean;
}

/**
 * The folder that `--solution` and `--target <dir>` choose for an exercise:
 * the learner's own by default. A target must be laid out like the exercise.
 */
export function chooseSource(exercise: Exercise, choice: FolderChoice): Source {
  if (choice.solution && choice.target) {
    throw new UsageError('Give either --solution or --target <dir>, not both.');
  }
  if (choice.target) {
    return {
      exercise,
      folder: checkTargetLayout(exercise, resolve(choice.cwd, choice.target)),
      isTarget: true,
    };
  }
  return {
    exercise,
    folder: choice.solution ? exercise.solutionDir : exercise.dir,
    isTarget: false,
  };
}

/** {@link chooseSource} for several exercises; a target serves one exercise only. */
export function chooseSources(exercises: readonly Exercise[], choice: FolderChoice): Source[] {
  if (choice.target && exercises.length !== 1) {
    throw new UsageError('--target works on one exercise at a time: name a single exercise.');
  }
  return exercises.map((exercise) => chooseSource(exercise, choice));
}

/**
 * A copy of `folder/src` inside the exercise (in `.graded/`, ignored by git),
 * where its imports resolve against the kit's dependencies wherever the folder
 * was. The folder itself is only read.
 */
export function copyIntoExercise(
  exercise: Exercise,
  folder: string,
  prefix: string,
): { dir: string; srcDir: string; remove(): void } {
  mkdirSync(join(exercise.dir, '.graded'), { recursive: true });
  const dir = mkdtempSync(join(exercise.dir, '.graded', prefix));
  const srcDir = join(dir, 'src');
  cpSync(join(folder, 'src'), srcDir, {
    recursive: true,
    filter: (path) => !path.split('/').includes('node_modules'),
  });
  return { dir, srcDir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
