import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chooseSource, copyIntoExercise, type FolderChoice } from '../folders.ts';
import { type Exercise, UsageError } from '../kit.ts';
import { bold, dim } from '../output.ts';

/** Compiles the app's TypeScript with SWC, for NestJS's decorator metadata. */
const swcRegister = createRequire(import.meta.url).resolve('@kit/swc-register');

export interface ServeOptions extends FolderChoice {
  readonly exercise: Exercise;
  readonly port: string | undefined;
}

/**
 * Starts an exercise's app (its `src/main.ts`) on a port and keeps it running
 * until Ctrl-C, so that a learner can fire requests at it by hand.
 */
export async function serveExercise(options: ServeOptions): Promise<number> {
  const source = chooseSource(options.exercise, options);
  const { exercise, isTarget } = source;
  const port = Number(options.port ?? 3000 + Number(exercise.id));
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new UsageError(`--port must be a port number from 1 to 65535, got "${options.port}".`);
  }
  if (!existsSync(join(source.folder, 'src', 'main.ts'))) {
    throw new UsageError(
      `${exercise.name} has no app to serve (no src/main.ts): its lesson is graded with pnpm test ${exercise.id}.`,
    );
  }
  const copy = isTarget ? copyIntoExercise(exercise, source.folder, 'serve-') : undefined;
  const srcDir = copy?.srcDir ?? join(source.folder, 'src');
  console.log(
    bold(
      `Exercise ${exercise.id}: serving ${options.solution ? 'the solution' : isTarget ? options.target : 'your code'}`,
    ),
  );
  console.log(dim('Ctrl-C stops it.\n'));
  const app = spawn(process.execPath, ['--import', swcRegister, join(srcDir, 'main.ts')], {
    cwd: exercise.dir,
    env: { ...process.env, PORT: String(port) },
    stdio: 'inherit',
  });
  const stop = () => app.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const [code] = (await once(app, 'exit')) as [number | null];
  copy?.remove();
  return code ?? 0;
}
