import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WHOLE_RUN_CHECK } from '@kit/grading/whole-run';
import { parseChecksTable } from './catalog.ts';
import type { Exercise } from './kit.ts';
import { readVariantsFile, type Variant } from './variants.ts';

/** Spaces and line breaks as one space: a promise is quoted as text, not as lines. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The sentences (and `;`-separated clauses) of a README's "Your task"
 * section, bullets and prose, without its code blocks and tables: each one
 * is a promise to the learner, or says what is there already.
 *
 * @example
 * taskSentences('## Your task\n\nToday it waits.\n\n- `a` answers 202. It names the job.\n\n## Check your work');
 * // ['Today it waits.', '`a` answers 202.', 'It names the job.']
 * taskSentences('## Your task\n\n- `f()`: start all at once; never reject.\n\n## Check your work');
 * // ['`f()`: start all at once;', 'never reject.']
 */
export function taskSentences(readme: string): string[] {
  const task = /^## Your task\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  const blocks: string[] = [''];
  let inCode = false;
  for (const line of task.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    if (inCode || line.startsWith('```') || line.startsWith('|')) continue;
    if (line.trim() === '' || /^(?:- |\d+\. )/.test(line)) blocks.push('');
    blocks[blocks.length - 1] += ` ${line.replace(/^(?:- |\d+\. )/, '')}`;
  }
  return blocks
    .map(flat)
    .filter((block) => block !== '')
    .flatMap((block) => block.split(/(?<=;)\s+|(?<=[.!?])\s+(?=[A-Z`*([])/));
}

/**
 * What is wrong with an exercise's promises: a task sentence no promise
 * quotes (nor the list of sentences that only say what is there), a promise that quotes nothing of the task or names no check of the
 * table, a check no promise names, a named check no wrong variant fails.
 * Empty when every promise is graded and every grade is proven able to fail.
 */
export function promiseProblems(exercise: Exercise): string[] {
  const readmeFile = join(exercise.dir, 'README.md');
  const readme = existsSync(readmeFile) ? readFileSync(readmeFile, 'utf8') : '';
  const { promises, context, variants } = readVariantsFile(exercise);
  return auditPromises(readme, { promises, context }, variants);
}

/** A promise of a task, as its exercise's variants.json quotes it. */
export interface TaskPromise {
  /** Words of one task sentence, as written (spaces and line breaks aside). */
  readonly says: string;
  /** The checks of the README's table that grade it. */
  readonly checks: readonly string[];
}

/** {@link promiseProblems} on a README's text and its promises and variants. */
export function auditPromises(
  readme: string,
  task: {
    readonly promises: readonly TaskPromise[];
    /** Words of the task's sentences that promise nothing: what is there already, how to try it. */
    readonly context: readonly string[];
  },
  variants: readonly Variant[],
): string[] {
  const { promises, context } = task;
  const problems: string[] = [];
  const sentences = taskSentences(readme);
  const text = sentences.join(' ');
  const tableChecks = parseChecksTable(readme).map((check) => check.name);
  for (const sentence of sentences) {
    const quoted = [...promises.map((promise) => promise.says), ...context];
    if (!quoted.some((words) => sentence.includes(flat(words))))
      problems.push(`neither a promise nor the context quotes this task sentence: "${sentence}"`);
  }
  for (const words of context) {
    if (!text.includes(flat(words)))
      problems.push(`the context "${words}" is not a sentence of the task (or spans two)`);
  }
  const named = new Set<string>();
  for (const promise of promises) {
    if (!text.includes(flat(promise.says)))
      problems.push(`the promise "${promise.says}" is not a sentence of the task (or spans two)`);
    if (promise.checks.length === 0)
      problems.push(`the promise "${promise.says}" names no check that grades it`);
    for (const check of promise.checks) {
      named.add(check);
      if (!tableChecks.includes(check))
        problems.push(`the promise "${promise.says}" names "${check}", not a check of the table`);
    }
  }
  for (const check of tableChecks) {
    // The whole-run check grades what every exercise promises alike; a generated variant proves it.
    if (check === WHOLE_RUN_CHECK) continue;
    if (!named.has(check)) problems.push(`no promise of the task is graded by "${check}"`);
  }
  for (const check of named) {
    const proven = variants.some(
      (variant) =>
        variant.base === 'solution' && (variant.failsAll || variant.fails.includes(check)),
    );
    if (!proven) problems.push(`no wrong variant of the solution fails "${check}"`);
  }
  return problems;
}
