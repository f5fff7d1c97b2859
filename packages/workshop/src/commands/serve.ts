import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { constants, tmpdir, userInfo } from 'node:os';
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
  const asked = Number(options.port ?? 3000 + Number(exercise.id));
  if (!Number.isInteger(asked) || asked < 1 || asked > 65_535) {
    throw new UsageError(`--port must be a port number from 1 to 65535, got "${options.port}".`);
  }
  // The usual port may be another learner's on a shared machine: take a free one and say so.
  const port = options.port !== undefined || (await isFree(asked)) ? asked : await freePort();
  if (port !== asked)
    console.log(
      dim(`Port ${asked} is taken (another app, or another learner's): serving on ${port}.`),
    );
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
    // Each user's own folders (exercise 07's jobs), unless the learner chose one.
    env: {
      ...process.env,
      PORT: String(port),
      JOBS_DIR: process.env.JOBS_DIR || userFolder('kit-07-jobs', port),
    },
    stdio: 'inherit',
  });
  const settings = join(srcDir, 'settings.ts');
  if (
    !process.env.JOBS_DIR &&
    existsSync(settings) &&
    readFileSync(settings, 'utf8').includes('JOBS_DIR')
  )
    console.log(dim(`Its jobs folder (JOBS_DIR): ${userFolder('kit-07-jobs', port)}`));
  let stoppedAt: { signal: NodeJS.Signals; at: number } | undefined;
  const stop = (signal: NodeJS.Signals) => {
    stoppedAt ??= { signal, at: Date.now() };
    app.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const [code, signal] = (await once(app, 'exit')) as [number | null, NodeJS.Signals | null];
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  copy?.remove();
  console.log(exitReport(code, signal, stoppedAt));
  return code ?? 128 + (signal ? (constants.signals[signal] ?? 15) : 15);
}

/** How the app ended, in one line: the learner's own status, not the package manager's. */
function exitReport(
  code: number | null,
  signal: NodeJS.Signals | null,
  stoppedAt: { signal: NodeJS.Signals; at: number } | undefined,
): string {
  const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
  const when = stoppedAt
    ? `, ${Date.now() - stoppedAt.at} ms after ${stoppedAt.signal} (passed on to it as SIGTERM)`
    : ' by itself';
  const verdict =
    code === 0
      ? ''
      : code === null
        ? ': it did not shut down by itself'
        : ': an exit code other than 0 tells a deploy the app failed';
  return `\n${bold('The app')} ${how}${when}${verdict}.`;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
  });
}

/** A folder in the temp folder of this user's own, per port, for an app's data. */
function userFolder(name: string, port: number): string {
  return join(tmpdir(), `${name}-${userInfo().username}-${port}`);
}
