import { expect, test } from 'vitest';
import { findKitRoot, listExercises } from '../src/kit.ts';
import { auditPromises, promiseProblems, taskSentences } from '../src/promises.ts';
import type { Variant } from '../src/variants.ts';

const README = `## Your task

Edit \`src/index.ts\`.

- \`f()\`: start every call at once; never reject.

| check | points | passes when |
| --- | --- | --- |
| f starts every call at once | 2 | … |
| f never rejects | 1 | … |

## Check your work
`;

const wrong = (fails: string[]): Variant => ({
  name: 'wrong',
  file: 'index.ts',
  base: 'solution',
  find: 'a',
  replace: 'b',
  fails,
  failsAll: false,
  sameAsBase: false,
});

test('a task is cut into its sentences and its clauses, code blocks and tables left out', () => {
  expect(taskSentences(README)).toEqual([
    'Edit `src/index.ts`.',
    '`f()`: start every call at once;',
    'never reject.',
  ]);
});

test('a task whose every sentence is quoted, and whose every check is named and can fail, has no problem', () => {
  const task = {
    promises: [
      { says: 'start every call at once', checks: ['f starts every call at once'] },
      { says: 'never reject', checks: ['f never rejects'] },
    ],
    context: ['Edit `src/index.ts`'],
  };
  expect(
    auditPromises(README, task, [
      wrong(['f starts every call at once']),
      wrong(['f never rejects']),
    ]),
  ).toEqual([]);
});

test('an unquoted sentence, an unknown check, an ungraded check and a check no variant fails are each named', () => {
  const task = {
    promises: [{ says: 'start every call at once', checks: ['f starts at once'] }],
    context: ['Edit `src/index.ts`'],
  };
  expect(auditPromises(README, task, [])).toEqual([
    'neither a promise nor the context quotes this task sentence: "never reject."',
    'the promise "start every call at once" names "f starts at once", not a check of the table',
    'no promise of the task is graded by "f starts every call at once"',
    'no promise of the task is graded by "f never rejects"',
    'no wrong variant of the solution fails "f starts at once"',
  ]);
});

test('every exercise quotes its whole task, and every check it names has a wrong variant', () => {
  const problems = listExercises(findKitRoot()).flatMap((exercise) =>
    promiseProblems(exercise).map((problem) => `${exercise.name}: ${problem}`),
  );
  expect(problems).toEqual([]);
});
