import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearTimer, deferred, setTimer } from '@kit/measure';
import { type KitFailure, kitFailureOf } from './kit-failure.ts';
import { sandboxFlags } from './sandbox.ts';

const probeScript = fileURLToPath(new URL('./sandbox-probe.mjs', import.meta.url));
const PROBE_TIMEOUT_MS = 15_000;

let verdict: Promise<KitFailure | undefined> | undefined;

/**
 * Proves, before any graded code runs, that this Node accepts the sandbox's
 * flags and that a sandboxed process can still do what the graders need
 * (write in its folder, listen on and call loopback, start a worker thread).
 * Resolves to the kit's failure, said for the learner, or `undefined`; probed
 * once per process, in a folder of its own under `parentDir`.
 *
 * @example
 * const failure = await sandboxPreflight(tmpdir());
 * if (failure) return notGraded(failure);
 */
export function sandboxPreflight(parentDir: string): Promise<KitFailure | undefined> {
  verdict ??= probeSandbox(parentDir, sandboxFlags);
  return verdict;
}

/**
 * Runs the probe under `flagsFor(dir)` in a folder of its own under
 * `parentDir`: the kit's failure if one of the graders' needs is refused.
 *
 * @example
 * await probeSandbox(tmpdir(), (dir) => ['--permission', `--allow-fs-write=${dir}`]);
 * // → { node: 'v24.22.3', reason: 'a sandboxed process could not start a worker thread: …' }
 */
export async function probeSandbox(
  parentDir: string,
  flagsFor: (writableDir: string) => string[],
): Promise<KitFailure | undefined> {
  const dir = mkdtempSync(join(parentDir, 'kit-probe-'));
  try {
    const flags = flagsFor(dir);
    const { code, output } = await run([...flags, probeScript, dir]);
    const line = output.split('\n').find((text) => text.startsWith('{"ok"'));
    if (line) {
      const result = JSON.parse(line) as { ok: boolean; step?: string; message?: string };
      if (result.ok) return undefined;
      return kitFailureOf(`a sandboxed process could not ${result.step}: ${result.message}`);
    }
    const said = output.trim().split('\n').slice(-3).join(' ');
    return kitFailureOf(
      `this Node refused the sandbox (${flags.join(' ')}): exit code ${code}${said ? `, "${said}"` : ''}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  const ended = deferred<{ code: number | null; output: string }>();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const timer = setTimer(() => child.kill('SIGKILL'), PROBE_TIMEOUT_MS);
  child.once('error', (error) => ended.resolve({ code: null, output: error.message }));
  child.once('close', (code) => ended.resolve({ code, output }));
  return ended.promise.finally(() => clearTimer(timer));
}
