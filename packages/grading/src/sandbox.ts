/**
 * Node flags that run a grader's test worker, and any worker thread it starts,
 * under Node's permission model: it reads anything, writes only below
 * `writableDir`, and starts no child process. Graded code runs in that worker,
 * so it cannot rewrite the graders, the toolkit or the grade it is given.
 *
 * The flags are the ones the running Node knows: Node 22.13 renamed
 * `--experimental-permission` to `--permission` (24 removed the old name), and
 * Node 25 put the network under the model with an all-or-nothing `--allow-net`.
 * Graded apps listen on and are called on loopback, so the network is allowed;
 * the model cannot narrow it to loopback (the threat model in the README says so).
 *
 * @example
 * defineConfig({ test: { execArgv: sandboxFlags('/tmp/kit-01-x/sandbox') } });
 */
export function sandboxFlags(writableDir: string): string[] {
  const known = process.allowedNodeEnvironmentFlags;
  return [
    known.has('--permission') ? '--permission' : '--experimental-permission',
    '--allow-fs-read=*',
    `--allow-fs-write=${writableDir}`,
    '--allow-worker',
    ...(known.has('--allow-net') ? ['--allow-net'] : []),
    '--disable-warning=ExperimentalWarning',
  ];
}
