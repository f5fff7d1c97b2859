// Runs the learner's main.ts as a child process, as a deploy does, and stops
// it with SIGTERM while a request is in flight: graded code runs in a sandbox
// that starts no process, so the scenario runs here, in Vitest's main
// process, and the grader file judges what it recorded. The child runs under
// the same sandbox as the graders' workers.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { announcedPort, appProcessArgs } from '@kit/grading/app-process';
import { SOURCE_DIR_ENV, WRITABLE_DIR_ENV } from '@kit/grading/env';
import { within } from '@kit/measure';
import type { TestProject } from 'vitest/node';

/** What happened to the app run as a process and stopped with SIGTERM mid-request. */
export interface SigtermRun {
  /** Why the app never listened, when it did not. */
  readonly notStarted?: string;
  readonly requestStatus?: number | 'no answer';
  readonly requestBody?: string;
  readonly exitCode?: number | null;
  readonly exitSignal?: string | null;
  /** Milliseconds from SIGTERM to the process's exit, if it exited. */
  readonly exitMs?: number;
  /** Milliseconds from SIGTERM to the request's answer, if it was answered. */
  readonly answeredMs?: number;
  /** The last lines the app printed on stderr. */
  readonly stderr: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sigterm: SigtermRun;
  }
}

const REQUEST_MS = 1_000;

export default async function runAppAndStopIt(project: TestProject) {
  const flags = createServer((_request, response) => {
    setTimeout(() => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ flags: { 'new-checkout': true } }));
    }, 100);
  });
  await new Promise<void>((resolve) => flags.listen(0, '127.0.0.1', resolve));
  try {
    project.provide(
      'sigterm',
      await runApp(`http://127.0.0.1:${(flags.address() as AddressInfo).port}`),
    );
  } finally {
    flags.close();
  }
}

async function runApp(flagsUrl: string): Promise<SigtermRun> {
  const sourceDir = process.env[SOURCE_DIR_ENV] ?? join(import.meta.dirname, '..', 'src');
  const writable = process.env[WRITABLE_DIR_ENV];
  const outDir = await mkdtemp(join(writable ?? tmpdir(), 'kit-08-app-'));
  try {
    return await runCompiled(
      await appProcessArgs({
        sourceDir,
        outDir,
        packageDir: join(import.meta.dirname, '..'),
        entry: 'main.ts',
        writableDir: writable,
      }),
      flagsUrl,
    );
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

async function runCompiled(args: string[], flagsUrl: string): Promise<SigtermRun> {
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      PORT: '0',
      FLAGS_URL: flagsUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = `${stderr}${chunk.toString()}`.slice(-2_000);
  });
  const exited = new Promise<{ code: number | null; signal: string | null; at: number }>(
    (resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  try {
    return await stopMidRequest(child, exited, () => stderr);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

async function stopMidRequest(
  child: ChildProcess,
  exited: Promise<{ code: number | null; signal: string | null; at: number }>,
  stderr: () => string,
): Promise<SigtermRun> {
  const port = await announcedPort(child, /Listening on http:\/\/127\.0\.0\.1:(\d+)/, 15_000);
  if (typeof port === 'string') return { notStarted: port, stderr: stderr() };
  const request = requestClosingAfter(`http://127.0.0.1:${port}/report?ms=${REQUEST_MS}`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const signalledAt = performance.now();
  child.kill('SIGTERM');
  const answer = await request;
  const exit = await within(exited, 8_000);
  return {
    requestStatus: answer.status,
    requestBody: answer.body.slice(0, 300),
    ...(answer.at === undefined ? {} : { answeredMs: Math.round(answer.at - signalledAt) }),
    ...('value' in exit
      ? {
          exitCode: exit.value.code,
          exitSignal: exit.value.signal,
          exitMs: Math.round(exit.value.at - signalledAt),
        }
      : {}),
    stderr: stderr(),
  };
}

/**
 * One request whose connection closes with its answer, as a load balancer's
 * or curl's does. A keep-alive client (Node's fetch) would hold the socket open
 * after the answer, and Node's server.close(), which Nest's app.close() awaits,
 * waits for it: the app would linger until the client let go (about 3 s for
 * fetch), which says nothing about the learner's code.
 */
function requestClosingAfter(url: string): Promise<{
  status: number | 'no answer';
  body: string;
  at?: number;
}> {
  return new Promise((resolve) => {
    const sent = httpRequest(url, {
      agent: false,
      headers: { connection: 'close' },
      timeout: 8_000,
    });
    sent.once('timeout', () => sent.destroy());
    sent.once('error', () => resolve({ status: 'no answer', body: '' }));
    sent.once('response', (answer) => {
      let body = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk: string) => {
        body += chunk;
      });
      answer.once('end', () =>
        resolve({ status: answer.statusCode ?? 'no answer', body, at: performance.now() }),
      );
      answer.once('error', () => resolve({ status: 'no answer', body }));
    });
    sent.end();
  });
}
