import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One exercise of the kit, as found on disk. */
export interface Exercise {
  /** Two digits, e.g. `01`. */
  readonly id: string;
  /** Folder name, e.g. `exercise-01-concurrent-awaits`. */
  readonly name: string;
  /** The part after the number, e.g. `concurrent-awaits`. */
  readonly slug: string;
  /** The README's first heading. */
  readonly title: string;
  readonly dir: string;
  readonly solutionDir: string;
}

/** A mistake in what the user typed: printed as it is, without a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The kit's root: the folder holding pnpm-workspace.yaml above this package. */
export function findKitRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`No pnpm-workspace.yaml above ${from}: is the kit complete?`);
    dir = parent;
  }
  return dir;
}

const EXERCISE_FOLDER = /^exercise-(\d{2})-(.+)$/;

export function listExercises(root: string): Exercise[] {
  const exercisesDir = join(root, 'exercises');
  return readdirSync(exercisesDir)
    .map((name) => ({ name, match: EXERCISE_FOLDER.exec(name) }))
    .filter(({ name, match }) => match && statSync(join(exercisesDir, name)).isDirectory())
    .map(({ name, match }) => {
      const dir = join(exercisesDir, name);
      return {
        id: match?.[1] ?? '',
        name,
        slug: match?.[2] ?? '',
        title: readTitle(join(dir, 'README.md')) ?? name,
        dir,
        solutionDir: join(root, 'solutions', name),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

function readTitle(readme: string): string | undefined {
  if (!existsSync(readme)) return undefined;
  const heading = readFileSync(readme, 'utf8')
    .split('\n')
    .find((line) => line.startsWith('# '));
  return heading?.slice(2).trim();
}

/**
 * Finds the exercise a learner means: `exercise-03`, `03`, `3`, the folder
 * name or its slug. Anything else is a {@link UsageError} listing the exercises.
 */
export function resolveExercise(exercises: readonly Exercise[], query: string): Exercise {
  const wanted = query.trim().replace(/\/+$/, '').split('/').at(-1) ?? '';
  const number = /^(?:exercise-?)?(\d{1,2})$/.exec(wanted)?.[1];
  const found = exercises.find(
    (exercise) =>
      (number !== undefined && Number(exercise.id) === Number(number)) ||
      exercise.name === wanted ||
      exercise.slug === wanted,
  );
  if (found) return found;
  throw new UsageError(
    [
      `No exercise matches "${query}". The exercises are:`,
      ...exercises.map((exercise) => `  ${exercise.id}  ${exercise.name}`),
      'Name one by its number (01 or 1) or its folder name.',
    ].join('\n'),
  );
}
