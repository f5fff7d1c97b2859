import { basename } from 'node:path';

// An error that escapes the graded code (an 'error' event nobody listens to, a
// rejection nobody awaits) never reaches the promise a check waits for: the
// check sees only a promise that never settles. Recording escapes as they
// happen lets that check name the error instead of blaming a missing resolve.

/** Errors that escaped every handler in this grader process, in the order they came. */
const escaped: unknown[] = [];
let watching = false;

/**
 * How many errors have escaped so far: a mark to read later escapes from. The
 * first call starts the watch, in the grader process only.
 */
export function escapeMark(): number {
  if (!watching) {
    watching = true;
    // Observed on the way to the listeners, not as one: Vitest reports an escape only
    // while its own listener is the sole one, taking any other for the code's own handler.
    const emit = process.emit;
    process.emit = function observed(
      this: NodeJS.Process,
      event: string | symbol,
      ...args: unknown[]
    ) {
      if (event === 'uncaughtException' || event === 'unhandledRejection') escaped.push(args[0]);
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    } as typeof process.emit;
  }
  return escaped.length;
}

/** The first error that escaped since `mark`, if one did. */
export function firstEscapeSince(mark: number): unknown {
  return escaped[mark];
}

/**
 * What an error (or its message) means, in the kit's words, when the kit knows a
 * common cause for it that the message itself hides; undefined otherwise.
 *
 * @example
 * knownCause("Cannot find module '/kit/exercises/exercise-05/count-primes.mjs' imported from /kit/node_modules/piscina/dist/worker.js");
 * // → 'a worker thread could not load count-primes.mjs. A relative path given to a worker …'
 */
export function knownCause(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  // Node says which module the worker's loader tried; the path a learner wrote was relative.
  const workerLoad = /Cannot find module '([^']+)' imported from \S*worker\S*/.exec(message);
  if (workerLoad?.[1]) {
    const file = basename(workerLoad[1]);
    return `a worker thread could not load ${file}. A relative path given to a worker (piscina's \`filename\`, \`new Worker(…)\`) is resolved from the process's working folder, not from the file that names it; build it from your module: \`new URL('./${file}', import.meta.url).href\`.`;
  }
  return undefined;
}
