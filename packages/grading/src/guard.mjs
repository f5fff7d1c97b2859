// The grader's guard: it leads the grader's process group and ends the whole
// group, and removes the run's scratch folders, as soon as the process that
// started it is gone, however it went (a `kill -9` runs none of its handlers).
// It notices through its standard input, a pipe from that process that closes
// when it dies, and through its parent pid changing. Plain JavaScript, so it
// starts at once with no loader.
//
//   node guard.mjs '{"command":"node","args":["vitest.mjs","run"],"cleanup":["/tmp/kit-01-x"]}'
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const { command, args, cleanup } = JSON.parse(process.argv[2] ?? '{}');
const parent = process.ppid;

function endEverything() {
  for (const path of cleanup ?? []) rmSync(path, { recursive: true, force: true });
  // The guard leads the group: this ends the grader and everything it started, the guard last.
  process.kill(-process.pid, 'SIGKILL');
}

const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
child.once('error', (error) => {
  console.error(`The grader could not start: ${error.message}`);
  process.exit(70);
});
child.once('exit', (code, signal) => {
  // A signal to the whole group ends the grader too: its exit may be read before the guard's own
  // signal, whose handler must still run (and remove the scratch folders), so the exit waits a turn.
  setImmediate(() => process.exit(code ?? 128 + (signal === 'SIGKILL' ? 9 : 15)));
});

process.stdin.on('data', () => {});
process.stdin.once('end', endEverything);
process.stdin.once('error', endEverything);
// A signal to the whole group (`pkill`, a CI runner's stop) ends it the same way, scratch folders included.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.once(signal, endEverything);
setInterval(() => {
  if (process.ppid !== parent) endEverything();
}, 500).unref();
