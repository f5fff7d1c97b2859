// Starts the fake servers in a process of their own (graded code runs in a
// sandbox that starts no process), with two blocking routes picked at random
// for this run, and tells the grader files where they are.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the fake servers exited with code ${code}`)));
  });
  project.provide('fakeServers', { baseUrl: `http://127.0.0.1:${port}`, blockingRoutes });
  return () => {
    child.kill();
  };
}
