import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Progress, readProgress } from './progress.ts';
import type { Interruption } from './results.ts';

export interface WatchedRun {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The folder where each of the child's test workers writes its {@link Progress}. */
  readonly progressDir: string;
  /** Added to a check's own timeout before the watchdog concludes the event loop is blocked. */
  readonly graceMs?: number;
  /** How long the child may go without any progress at all (loading, between checks). */
  readonly stallMs?: number;
  /** How often the progress file is read. */
  readonly pollMs?: number;
  /** Folders to remove if the process that started the run dies before it can. */
  readonly cleanup?: readonly string[];
}

export interface WatchedResult {
  readonly exitCode: number | null;
  /** stdout and stderr of the child, interleaved: shown only when the kit itself fails. */
  readonly output: string;
  /** Set when the watchdog had to end the run. */
  readonly interruption?: Interruption;
}

/** Runs under way, each with the scratch folders its guard would remove. */
const running = new Set<ChildProcess>();
/** Folders to remove if the process is stopped by a signal before it removes them itself. */
const scratch = new Set<string>();
const guardScript = fileURLToPath(new URL('./guard.mjs', import.meta.url));

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    // The child leads its own process group: this also ends anything it started.
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

/** The exit code of a process stopped from outside by each signal: 128 + its number. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
/** The signals a CLI stopped from outside receives (Ctrl-C, `kill`, a closed terminal). */
export type StopSignal = keyof typeof SIGNAL_EXIT_CODES;
const SIGNALS = Object.keys(SIGNAL_EXIT_CODES) as StopSignal[];

/**
 * Stopped from outside (Ctrl-C, `kill`, `timeout`, a cancelled CI job): the
 * runs' process groups go first (their guards with them, so the folders are
 * removed here), then the folders, then the process, saying so.
 */
function stopEverything(signal: keyof typeof SIGNAL_EXIT_CODES): void {
  killAll();
  process.stderr.write(
    `\nStopped by ${signal}: the grade did not finish. No grading process and no temporary file is left.\n`,
  );
  process.exit(SIGNAL_EXIT_CODES[signal]);
}

/** However the process ends (an error, process.exit), what is still watched or held goes with it. */
const killAll = () => {
  for (const child of running) killGroup(child);
  for (const path of scratch) rmSync(path, { recursive: true, force: true });
};

/** While anything is watched or held, a signal takes it along instead of leaving it. */
function holdSignals(): void {
  if (running.size + scratch.size !== 1) return;
  process.on('exit', killAll);
  for (const signal of SIGNALS) process.on(signal, stopEverything);
}

function releaseSignals(): void {
  if (running.size + scratch.size !== 0) return;
  process.off('exit', killAll);
  for (const signal of SIGNALS) process.off(signal, stopEverything);
}

function track(child: ChildProcess): void {
  running.add(child);
  holdSignals();
}

function untrack(child: ChildProcess): void {
  running.delete(child);
  releaseSignals();
}

/**
 * Holds a scratch folder until `release` is called: a process stopped by a
 * signal, or ending on an error, meanwhile removes it on its way out, rather
 * than leaving it in the temp folder.
 *
 * @example
 * const release = holdScratch(mkdtempSync(join(tmpdir(), 'kit-01-')));
 * try { … } finally { rmSync(dir, { recursive: true, force: true }); release(); }
 */
export function holdScratch(path: string): () => void {
  scratch.add(path);
  holdSignals();
  return () => {
    scratch.delete(path);
    releaseSignals();
  };
}

/**
 * Runs a grader process and ends it, with a verdict, when the learner's code
 * blocks the event loop (a check overruns its own timeout, which a free event
 * loop would have enforced) or when nothing happens for `stallMs`. Whatever
 * happens, no process from the run is left behind.
 *
 * @example
 * const result = await runWatched({ command: process.execPath, args: [vitestBin, 'run'], cwd, env, progressDir });
 * if (result.interruption?.kind === 'never-yielded') console.log(`${result.interruption.check} blocked the event loop`);
 */
export function runWatched(run: WatchedRun): Promise<WatchedResult> {
  const graceMs = run.graceMs ?? 5_000;
  const stallMs = run.stallMs ?? 45_000;
  const pollMs = run.pollMs ?? 200;
  // The run leads a process group of its own, through a guard that ends the group when
  // this process dies: the handlers below cover signals, the guard covers `kill -9`.
  const guarded = { command: run.command, args: run.args, cleanup: run.cleanup ?? [] };
  const child = spawn(process.execPath, [guardScript, JSON.stringify(guarded)], {
    cwd: run.cwd,
    env: run.env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  track(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });

  return new Promise((resolve, reject) => {
    const launchedAt = Date.now();
    let lastChangeAt = launchedAt;
    let lastProgress: string | undefined;
    let interruption: Interruption | undefined;

    const poll = setInterval(() => {
      const workers = [...readProgress(run.progressDir).values()];
      const now = Date.now();
      const serialized = JSON.stringify(workers);
      if (serialized !== lastProgress) {
        lastProgress = serialized;
        lastChangeAt = now;
      }
      // One worker that overran is named, whatever the workers beside it do.
      interruption =
        workers.map((progress) => overrun(progress, now, graceMs)).find(Boolean) ??
        stalled(workers, now - lastChangeAt, stallMs);
      if (interruption) {
        clearInterval(poll);
        killGroup(child);
      }
    }, pollMs);

    child.once('error', (error) => {
      clearInterval(poll);
      untrack(child);
      reject(error);
    });
    child.once('close', (exitCode) => {
      clearInterval(poll);
      killGroup(child);
      untrack(child);
      resolve(interruption ? { exitCode, output, interruption } : { exitCode, output });
    });
  });
}

function overrun(
  progress: Progress | undefined,
  now: number,
  graceMs: number,
): Interruption | undefined {
  if (progress?.state !== 'running') return undefined;
  const elapsed = now - progress.startedAt;
  if (elapsed <= progress.timeoutMs + graceMs) return undefined;
  return { kind: 'never-yielded', check: progress.check, afterMs: elapsed };
}

function stalled(
  workers: readonly Progress[],
  quietMs: number,
  stallMs: number,
): Interruption | undefined {
  if (quietMs <= stallMs) return undefined;
  const running = workers.filter((progress) => progress.state === 'running');
  // Blamed only when one check alone was running: with two, the one that stalled is unknown.
  const check =
    running.length === 1 && running[0]?.state === 'running' ? running[0].check : undefined;
  return { kind: 'stalled', check, afterMs: quietMs };
}
