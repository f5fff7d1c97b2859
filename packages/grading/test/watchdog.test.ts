import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { runWatched } from '../src/watchdog.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'watchdog-'));
  dirs.push(dir);
  const progressDir = join(dir, 'progress');
  mkdirSync(progressDir);
  return { dir, progressDir, pidFile: join(dir, 'grandchild.pid') };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runScript(script: string, files: ReturnType<typeof scratch>, stallMs = 5_000) {
  return runWatched({
    command: process.execPath,
    args: ['-e', script],
    cwd: files.dir,
    env: { ...process.env, PROGRESS: files.progressDir, PID_FILE: files.pidFile },
    progressDir: files.progressDir,
    graceMs: 300,
    stallMs,
    pollMs: 50,
  });
}

test('a check whose code never yields is ended soon after its own timeout, and named', async () => {
  const files = scratch();
  const started = Date.now();
  const result = await runScript(
    `require('fs').writeFileSync(process.env.PROGRESS + '/1.json', JSON.stringify({ state: 'running', check: 'spins', startedAt: Date.now(), timeoutMs: 200 }));
     while (true) {}`,
    files,
  );
  expect(result.interruption).toMatchObject({ kind: 'never-yielded', check: 'spins' });
  expect(Date.now() - started).toBeLessThan(4_000);
});

test('of grader files run side by side, the one whose check never yields is named, whatever the others write', async () => {
  const files = scratch();
  // Worker 1 keeps making progress, check after check; worker 2 is stuck in its check.
  const result = await runScript(
    `const { writeFileSync } = require('fs');
     writeFileSync(process.env.PROGRESS + '/2.json', JSON.stringify({ state: 'running', check: 'spins', startedAt: Date.now(), timeoutMs: 200 }));
     let n = 0;
     setInterval(() => writeFileSync(process.env.PROGRESS + '/1.json', JSON.stringify({ state: 'running', check: 'check ' + n++, startedAt: Date.now(), timeoutMs: 5000 })), 20);`,
    files,
  );
  expect(result.interruption).toMatchObject({ kind: 'never-yielded', check: 'spins' });
});

test('a run that makes no progress at all is ended as stalled', async () => {
  const files = scratch();
  const result = await runScript('setInterval(() => {}, 1000)', files, 400);
  expect(result.interruption?.kind).toBe('stalled');
});

test('a run that finishes is not interrupted and keeps its output', async () => {
  const files = scratch();
  const result = await runScript('console.log("done")', files);
  expect(result.interruption).toBeUndefined();
  expect(result.exitCode).toBe(0);
  expect(result.output).toContain('done');
});

test('nothing the run started is left behind', async () => {
  const files = scratch();
  await runScript(
    `const child = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
     require('fs').writeFileSync(process.env.PID_FILE, String(child.pid));
     setTimeout(() => process.exit(0), 200);`,
    files,
  );
  const grandchild = Number(readFileSync(files.pidFile, 'utf8'));
  await expect.poll(() => isAlive(grandchild), { timeout: 2_000 }).toBe(false);
});

/**
 * A grading process (another Node process, as the CLI is) watching a run whose
 * child runs `childCode` after writing its pid; resolves with both once the
 * child is up.
 */
async function gradingProcess(
  files: ReturnType<typeof scratch>,
  childCode: string,
  cleanup: string[] = [],
) {
  const { spawn } = await import('node:child_process');
  const child = `require('fs').writeFileSync(process.env.PID_FILE, String(process.pid)); ${childCode}`;
  const parent = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import { runWatched } from ${JSON.stringify(new URL('../src/watchdog.ts', import.meta.url).pathname)};
       runWatched({ command: process.execPath, args: ['-e', ${JSON.stringify(child)}],
         cwd: ${JSON.stringify(files.dir)}, env: { ...process.env, PID_FILE: ${JSON.stringify(files.pidFile)} },
         progressDir: ${JSON.stringify(files.progressDir)}, cleanup: ${JSON.stringify(cleanup)} });`,
    ],
    { stdio: 'ignore' },
  );
  await expect.poll(() => readFileSafe(files.pidFile), { timeout: 5_000 }).not.toBe('');
  return { parent, child: Number(readFileSafe(files.pidFile)) };
}

test('stopping the grading process stops the run it watches', async () => {
  const files = scratch();
  const { parent, child } = await gradingProcess(files, 'setInterval(() => {}, 1000)');
  parent.kill('SIGTERM');
  await expect.poll(() => isAlive(child), { timeout: 2_000 }).toBe(false);
});

test('a grading process killed outright takes its run, and the run scratch folder, with it', async () => {
  const files = scratch();
  const runScratch = join(files.dir, 'run-scratch');
  mkdirSync(runScratch);
  const { parent, child } = await gradingProcess(files, 'while (true) {}', [runScratch]);
  parent.kill('SIGKILL');
  await expect.poll(() => isAlive(child), { timeout: 3_000 }).toBe(false);
  expect(existsSync(runScratch)).toBe(false);
});

test('a signal to the whole run, its guard included, still removes the run scratch folder', async () => {
  const files = scratch();
  const runScratch = join(files.dir, 'run-scratch');
  mkdirSync(runScratch);
  const { child } = await gradingProcess(files, 'setInterval(() => {}, 1000)', [runScratch]);
  const { spawnSync } = await import('node:child_process');
  const group = Number(
    spawnSync('ps', ['-o', 'pgid=', '-p', String(child)], { encoding: 'utf8' }).stdout,
  );
  process.kill(-group, 'SIGTERM');
  // The guard leads the group and removes the folder before it ends itself: once it is gone, so
  // is the folder, however long a busy machine took to run it (CI once saw more than 3 s).
  await expect.poll(() => isAlive(group), { timeout: 20_000 }).toBe(false);
  await expect.poll(() => isAlive(child), { timeout: 20_000 }).toBe(false);
  expect(existsSync(runScratch)).toBe(false);
});

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
