import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@kit/redis-for-tests';
import { afterAll } from 'vitest';

const appDir = fileURLToPath(new URL('..', import.meta.url));

/** Every app this test file started, stopped after its tests. */
const started: Array<{ child: ChildProcess; exited: Promise<unknown> }> = [];
afterAll(async () => {
  for (const { child, exited } of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
});

export interface AppProcess {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** Everything the app printed so far. */
  output(): string;
  /** The modules the process resolved so far (file URLs and paths). */
  modules(): string[];
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<number | NodeJS.Signals>;
}

/**
 * The reference app as users start it (`pnpm app`), in a child process on a
 * free port, with `env` added; it ends with the test file, or with the test
 * process however that ends. `script` and `readyLine` start another of the
 * app's programs the same way (a separate orders consumer).
 *
 * @example
 * const app = await startAppProcess({ SHUTDOWN_GRACE_MS: '5000' });
 * app.child.kill('SIGTERM');
 * await app.exited; // 0
 */
export async function startAppProcess(
  env: NodeJS.ProcessEnv = {},
  { script = 'src/main.ts', readyLine = 'Reference app on' } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--import',
      './test/process/exit-with-parent.mjs',
      '--import',
      './test/process/record-modules.mjs',
      '--import',
      '@kit/swc-register',
      script,
    ],
    {
      cwd: appDir,
      env: { ...process.env, ...env, PORT: String(port) },
      // The IPC channel carries the modules the app resolves, and ends the app with this process.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let output = '';
  const modules: string[] = [];
  child.on('message', (message: { resolved?: string }) => {
    if (message.resolved) modules.push(message.resolved);
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  started.push({ child, exited });
  const startedAt = Date.now();
  while (!output.includes(readyLine)) {
    if (child.exitCode !== null || Date.now() - startedAt > 20_000) {
      throw new Error(`The app did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    modules: () => [...modules],
    exited,
  };
}
