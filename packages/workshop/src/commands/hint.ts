import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Exercise, UsageError } from '../kit.ts';
import { bold, dim } from '../output.ts';
import { readState, updateState } from '../state.ts';
import { renderForTerminal } from '../terminal-markdown.ts';

interface Hint {
  readonly number: number;
  readonly text: string;
}

/** The `## Hint N · title` sections of an exercise's HINTS.md. */
export function readHints(exercise: Exercise): Hint[] {
  const file = join(exercise.dir, 'HINTS.md');
  if (!existsSync(file)) return [];
  const sections = readFileSync(file, 'utf8')
    .split(/^(?=## Hint \d+)/m)
    .slice(1);
  return sections.map((section) => ({
    number: Number(/^## Hint (\d+)/.exec(section)?.[1]),
    text: section.trim(),
  }));
}

/** A hint taken: the hint, its number, how many there are, and the highest seen now. */
export interface TakenHint {
  readonly hint: Hint;
  readonly number: number;
  readonly last: number;
  readonly seen: number;
}

/**
 * Takes one hint of an exercise: hint `wanted`, or the next one not yet
 * shown when `wanted` is absent, and remembers it as seen. A hint that is not
 * there is a {@link UsageError} that says which there are.
 *
 * @example
 * takeHint(root, exercise, undefined); // { number: 1, last: 5, seen: 1, hint } the first time, then 2…
 */
export function takeHint(root: string, exercise: Exercise, wanted: string | undefined): TakenHint {
  const hints = readHints(exercise);
  if (hints.length === 0) throw new UsageError(`${exercise.name} has no hints yet.`);
  const last = hints.length;
  const seenBefore = readState(root).hints[exercise.name] ?? 0;
  const number = wanted === undefined ? Math.min(seenBefore + 1, last) : Number(wanted);
  const hint = hints.find((candidate) => candidate.number === number);
  if (!hint) {
    throw new UsageError(
      `${exercise.name} has hints 1 to ${last}; "${wanted}" is not one of them.`,
    );
  }
  const seen = Math.max(seenBefore, number);
  updateState(root, (state) => {
    state.hints[exercise.name] = seen;
  });
  return { hint, number, last, seen };
}

/**
 * Shows one hint: the one asked for, or the next one not yet shown, so that
 * repeating `pnpm hint 01` walks from a nudge to nearly the answer.
 */
export function showHint(
  root: string,
  exercise: Exercise,
  wanted: string | undefined,
  all: boolean,
): number {
  const hints = readHints(exercise);
  if (hints.length === 0) throw new UsageError(`${exercise.name} has no hints yet.`);
  const last = hints.length;
  if (all) {
    console.log(hints.map((hint) => renderForTerminal(hint.text)).join('\n\n'));
    updateState(root, (state) => {
      state.hints[exercise.name] = last;
    });
    return 0;
  }
  const { hint, number } = takeHint(root, exercise, wanted);
  console.log(`${bold(`Exercise ${exercise.id}`)} ${dim(`hint ${number} of ${last}`)}\n`);
  console.log(renderForTerminal(hint.text));
  console.log(
    dim(
      number < last
        ? `\nStill stuck? \`pnpm hint ${exercise.id}\` shows hint ${number + 1}.`
        : `\nThat was the last hint. \`pnpm solution ${exercise.id}\` shows the solution.`,
    ),
  );
  return 0;
}
