// Starts the fake servers in a process of their own (graded code runs in a
// sandbox that starts no process), with two blocking routes picked at random
// for this run, and tells the grader files where they are.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { announcedPort } from '@kit/grading/app-process';
import type { TestProject } from 'vitest/node';

const ROUTES = ['/r/alpha', '/r/bravo', '/r/charlie', '/r/delta'];

declare module 'vitest' {
  export interface ProvidedContext {
    fakeServers: { baseUrl: string; blockingRoutes: string[] };
  }
}

export default async function startFakeServers(project: TestProject) {
  const shuffled = [...ROUTES].sort(() => Math.random() - 0.5);
  const blockingRoutes = shuffled.slice(0, 2);
  const child: ChildProcess = spawn(
    process.execPath,
    [fileURLToPath(new URL('./fake-servers.mjs', import.meta.url)), ...blockingRoutes],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  const port = await announcedPort(child, /listening (\d+)/, 15_000);
  if (typeof port === 'string') throw new Error(`the fake servers did not start: ${port}`);
  project.provide('fakeServers', { baseUrl: `http://127.0.0.1:${port}`, blockingRoutes });
  return () => {
    child.kill();
  };
}
