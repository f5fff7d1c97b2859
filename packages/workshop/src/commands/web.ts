import { spawn } from 'node:child_process';
import { SIGNAL_EXIT_CODES, type StopSignal } from '@kit/grading/watchdog';
import type { Exercise } from '../kit.ts';
import { UsageError } from '../kit.ts';
import { bold, dim } from '../output.ts';
import { createWorkshopServer } from '../web/server.ts';

/** The web workshop's usual port; a free one is taken when another program has it. */
export const DEFAULT_WEB_PORT = 4321;
const HOST = '127.0.0.1';

/**
 * `pnpm start --web`: the workshop in a browser, on loopback only. Runs until
 * stopped; saving a file in an exercise's `src/` grades it again.
 */
export async function startWeb(
  root: string,
  exercises: readonly Exercise[],
  port: string | undefined,
): Promise<number> {
  const wanted = port === undefined ? DEFAULT_WEB_PORT : Number(port);
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65_535) {
    throw new UsageError(`--port takes a port number from 0 to 65535, not "${port}".`);
  }
  const server = createWorkshopServer({ exercises, stateRoot: root, watch: true });
  let address: string;
  try {
    address = await server.listen({ host: HOST, port: wanted });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    address = await server.listen({ host: HOST, port: 0 });
    console.log(dim(`Port ${wanted} is taken by another program: using a free one.`));
  }
  console.log(`${bold('The workshop is open at')} ${address}/`);
  console.log(
    dim(
      `It listens on ${HOST} only: nothing outside this computer can reach it. Saving a file in an exercise's src/ grades it again. Ctrl-C to stop.`,
    ),
  );
  openBrowser(`${address}/`);
  const stop = (signal: StopSignal) => {
    // A grade under way is ended by the watchdog's own handler, which removes what it made.
    process.stderr.write(`\nStopped by ${signal}: the web workshop is closed.\n`);
    process.exit(SIGNAL_EXIT_CODES[signal]);
  };
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as StopSignal[]) {
    process.once(signal, stop);
  }
  await new Promise(() => {
    // Runs until stopped.
  });
  return 0;
}

/** Opens the page in the learner's browser, when there is a desktop to open it on. */
function openBrowser(url: string): void {
  if (!process.stdout.isTTY || process.env.CI) return;
  const command =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ['xdg-open', url]
          : undefined;
  if (!command) return;
  const [program, ...args] = command as [string, ...string[]];
  // No browser to open is no failure: the URL is on the terminal.
  spawn(program, args, { stdio: 'ignore', detached: true })
    .on('error', () => undefined)
    .unref();
}
