// The app's programs (src/main.ts, src/orders/consumer.main.ts) as the demos start them.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { sleep } from '@kit/measure';

/** Runs `script` of the app in a child process until `readyLine` is printed. */
export async function startProgram(
  script: string,
  env: NodeJS.ProcessEnv,
  readyLine: string,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', '@kit/swc-register', fileURLToPath(new URL(`../src/${script}`, import.meta.url))],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const startedAt = performance.now();
  while (!output.includes(readyLine)) {
    if (child.exitCode !== null || performance.now() - startedAt > 30_000) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not start:\n${output}`);
    }
    await sleep(50);
  }
  return child;
}

/** Stops a program with SIGTERM, as Ctrl-C would, and waits for it to end. */
export async function stopProgram(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
