import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { findKitRoot } from '../src/kit.ts';
import { startCli } from './cli-process.ts';

const root = findKitRoot();
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** Every process whose command line names `text`: what a stopped grade must not leave running. */
function processesNaming(text: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(text));
}

/**
 * Starts the CLI with a temp folder of its own, sends `signal` once a grade
 * is under way (its scratch folder exists), and reports what it said and
 * what it left.
 */
async function stopMidGrade(args: readonly string[], signal: keyof typeof EXIT_CODES) {
  const temp = mkdtempSync(join(tmpdir(), 'workshop-signal-'));
  folders.push(temp);
  const cli = startCli(args, { TMPDIR: temp });
  const started = Date.now();
  while (
    !readdirSync(temp, { recursive: true }).some((name) => String(name).includes('sandbox-'))
  ) {
    if (Date.now() - started > 30_000) throw new Error(`no grade started:\n${cli.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  cli.child.kill(signal);
  const [code] = await cli.exited;
  // The guards notice within half a second; give them a full one.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return {
    code,
    output: cli.output(),
    leftInTemp: readdirSync(temp),
    stillRunning: processesNaming(temp),
    graded: existsSync(join(root, 'exercises/exercise-01-concurrent-awaits/.graded'))
      ? readdirSync(join(root, 'exercises/exercise-01-concurrent-awaits/.graded'))
      : [],
  };
}

test.each([
  ['a grade', 'SIGTERM', ['test', '01']],
  ['a grade in --watch', 'SIGINT', ['test', '01', '--watch']],
  [
    'a class grade',
    'SIGHUP',
    ['grade', '01', '--targets', join(root, 'solutions/exercise-01-concurrent-awaits')],
  ],
  ['the self-check', 'SIGTERM', ['self-check', '01']],
] as const)(
  '%s stopped by %s leaves no process and no file, and says it was stopped',
  async (_, signal, args) => {
    const stopped = await stopMidGrade(args, signal);
    expect(stopped.output).toContain(`Stopped by ${signal}`);
    expect(stopped.code).toBe(EXIT_CODES[signal]);
    expect(stopped.leftInTemp).toEqual([]);
    expect(stopped.stillRunning).toEqual([]);
    expect(stopped.graded).toEqual([]);
  },
  // A busy machine (the packages' tests run side by side) takes seconds to start a grade.
  60_000,
);
