import { expect, test } from 'vitest';
import { findKitRoot, listExercises, resolveExercise, UsageError } from '../src/kit.ts';

const exercises = listExercises(findKitRoot());

test('finds the exercises in number order, titled by their README', () => {
  expect(exercises.map((exercise) => exercise.id).slice(0, 2)).toEqual(['01', '02']);
  expect(exercises[0]?.title).toBe('Concurrent awaits');
  expect(exercises[0]?.solutionDir).toMatch(/solutions\/exercise-01-concurrent-awaits$/);
});

test.each([
  'exercise-02',
  '02',
  '2',
  'exercise-02-concurrent-fetch',
  'concurrent-fetch',
  'exercises/exercise-02-concurrent-fetch/',
])('the learner can name exercise 02 as "%s"', (name) => {
  expect(resolveExercise(exercises, name).id).toBe('02');
});

test('a name that matches nothing says so and lists the exercises', () => {
  expect(() => resolveExercise(exercises, 'exercise-99')).toThrow(UsageError);
  expect(() => resolveExercise(exercises, 'nope')).toThrow(
    /No exercise matches "nope"[\s\S]*01 {2}exercise-01-concurrent-awaits/,
  );
});
