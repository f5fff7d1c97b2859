import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { checkTargetLayout } from '../grade.ts';
import { type Exercise, UsageError } from '../kit.ts';
import { bold, dim } from '../output.ts';

/** Compiles the app's TypeScript with SWC, for NestJS's decorator metadata. */
const swcRegister = createRequire(import.meta.url).resolve('@kit/swc-register');

export interface ServeOptions {
  readonly exercise: Exercise;
  readonly solution: boolean;
  readonly target: string | undefined;
  readonly port: string | undefined;
  readonly cwd: string;
}

/**
 * Starts an exercise's app (its `src/main.ts`) on a port and keeps it running
 * until Ctrl-C, so that a learner can fire requests at it by hand.
 */
export async function serveExercise(options: ServeOptions): Promise<number> {
  const { exercise } = options;
  if (options.solution && options.target)
    throw new UsageError('Give either --solution or --target <dir>, not both.');
  const port = Number(options.port ?? 3000 + Number(exercise.id));
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new UsageError(`--port must be a port number from 1 to 65535, got "${options.port}".`);
  }
  const target = options.target
    ? checkTargetLayout(exercise, resolve(options.cwd, options.target))
    : undefined;
  let folder = target ?? (options.solution ? exercise.solutionDir : exercise.dir);
  if (!existsSync(join(folder, 'src', 'main.ts'))) {
    throw new UsageError(
      `${exercise.name} has no app to serve (no src/main.ts): its lesson is graded with pnpm test ${exercise.id}.`,
    );
  }
  // A folder outside the kit runs from a copy inside the exercise, where its imports resolve.
  const copy = target ? mkdtempSync(join(exercise.dir, '.graded', 'serve-')) : undefined;
  if (copy) {
    cpSync(join(folder, 'src'), join(copy, 'src'), {
      recursive: true,
      filter: (path) => !path.includes('node_modules'),
    });
    folder = copy;
  }
  console.log(
    bold(
      `Exercise ${exercise.id}: serving ${options.solution ? 'the solution' : target ? options.target : 'your code'}`,
    ),
  );
  console.log(dim('Ctrl-C stops it.\n'));
  const app = spawn(process.execPath, ['--import', swcRegister, join(folder, 'src', 'main.ts')], {
    cwd: exercise.dir,
    env: { ...process.env, PORT: String(port) },
    stdio: 'inherit',
  });
  const stop = () => app.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const [code] = (await once(app, 'exit')) as [number | null];
  if (copy) rmSync(copy, { recursive: true, force: true });
  return code ?? 0;
}
