/**
 * Node flags that run a grader's test worker, and any worker thread it starts,
 * under Node's permission model: it reads anything, writes only below
 * `writableDir`, and starts no child process. Graded code runs in that worker,
 * so it cannot rewrite the graders, the toolkit or the grade it is given.
 *
 * @example
 * defineConfig({ test: { execArgv: sandboxFlags('/tmp/kit-01-x/sandbox') } });
 */
export function sandboxFlags(writableDir: string): string[] {
  // Node 22.13 renamed the flag; 20 knows only the experimental one.
  const permission = process.allowedNodeEnvironmentFlags.has('--permission')
    ? '--permission'
    : '--experimental-permission';
  return [
    permission,
    '--allow-fs-read=*',
    `--allow-fs-write=${writableDir}`,
    '--allow-worker',
    '--disable-warning=ExperimentalWarning',
  ];
}
