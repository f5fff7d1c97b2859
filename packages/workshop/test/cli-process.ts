import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { findKitRoot } from '../src/kit.ts';

const root = findKitRoot();
const bin = join(root, 'packages/workshop/bin/workshop.js');

/** The workshop CLI started as a learner starts it, with what it says so far and how it ended. */
export interface CliProcess {
  readonly child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the exit code and signal once the CLI has ended. */
  readonly exited: Promise<[number | null, string | null]>;
}

/**
 * Starts the workshop CLI from the kit's root (as `pnpm <command>` does),
 * without colour, collecting what it prints.
 *
 * @example
 * const cli = startCli(['start', '--web'], { TMPDIR: temp });
 * cli.child.kill('SIGTERM');
 * const [code] = await cli.exited; // 143
 */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', INIT_CWD: root, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return {
    child,
    output: () => output,
    exited: once(child, 'exit') as Promise<[number | null, string | null]>,
  };
}
