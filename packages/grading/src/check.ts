import { within } from '@kit/measure';
import { test } from 'vitest';
import { escapeMark, firstEscapeSince, knownCause } from './escapes.ts';
import { collectFiguresInto, GradingFailure, show } from './failure.ts';
import { changedBuiltIn } from './freeze.ts';
import { learnerLocation } from './learner-location.ts';
import type { CheckMeta } from './meta.ts';
import { withPointsTag } from './points.ts';

export interface CheckOptions {
  /** Points the check is worth in the grade. */
  readonly points: number;
  /** The hint to read when the check fails for a reason the check cannot name. */
  readonly hint?: number;
  /** How long the learner's code may take before the check calls it "never settled". */
  readonly timeoutMs?: number;
}

/** Default time a check's code may take before it counts as never settling. */
export const DEFAULT_CHECK_TIMEOUT_MS = 8_000;

/**
 * Declares one graded check: a Vitest test with points, whose failures are
 * explained to the learner rather than thrown at them as stack traces.
 *
 * @example
 * check('runAll keeps the input order', { points: 1, hint: 1 }, async () => {
 *   const { runAll } = await exercise();
 *   expectEqual('results', await runAll(tasks), ['a', 'b'], { meaning: '…' });
 * });
 */
export function check(name: string, options: CheckOptions, body: () => Promise<void> | void): void {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  escapeMark(); // the watch starts before any of the graded code loads
  // Vitest's own timeout is only a backstop: the race below fires first and explains itself.
  test(withPointsTag(name, options.points), { timeout: timeoutMs + 2_000 }, async ({ task }) => {
    const meta: CheckMeta = { timeoutMs, figures: [], hint: options.hint };
    task.meta.check = meta;
    collectFiguresInto((figure) => meta.figures.push(figure));
    try {
      await settleWithin(body, timeoutMs);
    } catch (error) {
      const failure = error instanceof GradingFailure ? error : explainUnexpected(error, options);
      meta.failure = failure.details;
      throw failure;
    } finally {
      collectFiguresInto(undefined);
    }
  });
}

/** Runs a check's body, failing it with a "never settled" explanation after `timeoutMs`. */
export async function settleWithin(
  body: () => Promise<void> | void,
  timeoutMs: number,
): Promise<void> {
  const mark = escapeMark();
  const outcome = await within(runBody(body), timeoutMs);
  if ('error' in outcome) throw outcome.error;
  if ('expired' in outcome) {
    const stray = firstEscapeSince(mark);
    if (stray !== undefined) throw escapedFailure(stray, timeoutMs);
    throw new GradingFailure({
      measured: `your code had neither resolved nor rejected after ${timeoutMs / 1000} s`,
      expected: 'every promise your code returns settles',
      meaning:
        'A promise that never settles: usually a `new Promise` whose resolve is never called, an await on something that never happens, or a loop that waits forever for a condition.',
    });
  }
}

/** A check that waited in vain while an error escaped: the error, not a missing resolve, is the cause. */
function escapedFailure(stray: unknown, timeoutMs: number): GradingFailure {
  const cause = knownCause(stray);
  return new GradingFailure({
    measured: `your code had neither resolved nor rejected after ${timeoutMs / 1000} s, and meanwhile an error escaped it: ${show(stray)}`,
    expected: 'every promise your code returns settles, and no error escapes it',
    meaning: cause
      ? `The error never reached the promise this check waits for, so it waited in vain: ${cause}`
      : 'The error never reached the promise this check waits for, so it waited in vain: something your code started (an event emitter with no "error" listener, a promise nobody awaits, a callback) threw. Handle the error where it starts, and reject the promise the caller awaits.',
    location: learnerFrame(stray),
  });
}

async function runBody(body: () => Promise<void> | void): Promise<void> {
  await body();
}

/** Turns an error the check did not throw on purpose into an explanation for the learner. */
export function explainUnexpected(
  error: unknown,
  options: Pick<CheckOptions, 'hint'>,
): GradingFailure {
  const builtIn = changedBuiltInFailure(error);
  if (builtIn) return builtIn;
  const cause = knownCause(error);
  return new GradingFailure({
    measured: `your code threw ${show(error)}`,
    expected: 'no error: the check calls your code as the exercise describes',
    meaning: cause
      ? `An error the check did not expect: ${cause}`
      : 'An error the check did not expect. Read its message; the line it names is in your code.',
    hint: options.hint,
    location: learnerFrame(error),
  });
}

/** Graded code that tried to change a frozen built-in (see freeze.ts) is told so, in those words. */
function changedBuiltInFailure(error: unknown): GradingFailure | undefined {
  const builtIn = changedBuiltIn(error);
  if (!builtIn) return undefined;
  return new GradingFailure({
    measured: `your code replaced ${builtIn}: graded code may not change JavaScript's built-ins`,
    expected:
      "JavaScript's built-ins (Math, Array.prototype, Object, JSON, Map, Promise, …) as they are",
    meaning:
      'The grader measures your code with the same built-ins your code runs with, so they are frozen before it loads, and a change to one fails. Remove the line that assigns to it; to change how something behaves, write your own function instead.',
    location: learnerFrame(error),
  });
}

/** The first stack frame inside the graded folder, as `src/file.ts:line:column`. */
function learnerFrame(error: unknown): string | undefined {
  if (!(error instanceof Error) || !error.stack) return undefined;
  for (const line of error.stack.split('\n')) {
    const match = /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?$/.exec(line.trim());
    const location = learnerLocation(match?.[1]);
    if (location) return `${location}:${match?.[2]}:${match?.[3]}`;
  }
  return undefined;
}

/**
 * Loads the learner's module lazily, once, inside a check, so that a syntax
 * error or a missing export fails each check with an explanation instead of
 * failing the whole grader file before any check is listed.
 *
 * @example
 * const exercise = learnerModule('src/index.ts', () => import('#exercise/index.ts'), ['runAll']);
 * const { runAll } = await exercise();
 */
export function learnerModule<T extends object>(
  path: string,
  load: () => Promise<T>,
  requiredFunctions: ReadonlyArray<keyof T & string>,
): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().then(
      (module) => {
        const missing = requiredFunctions.filter((name) => typeof module[name] !== 'function');
        if (missing.length > 0) {
          throw new GradingFailure({
            measured: `${path} does not export ${missing.join(', ')} as a function`,
            expected: `${path} exports ${requiredFunctions.join(', ')}`,
            meaning:
              'The grader calls these by name: keep the names and signatures from the README.',
          });
        }
        return module;
      },
      (error: unknown) => {
        throw (
          changedBuiltInFailure(error) ??
          new GradingFailure({
            measured: `${path} could not be loaded: ${show(error)}`,
            expected: `${path} loads without errors`,
            meaning:
              'The grader could not import your code, so no check could run it. Fix the error it names first.',
            location: learnerFrame(error),
          })
        );
      },
    );
    return loaded;
  };
}
