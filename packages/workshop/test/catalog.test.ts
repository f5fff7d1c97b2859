import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { readCatalog } from '../src/catalog.ts';
import { findKitRoot, listExercises } from '../src/kit.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function exerciseWithHints(hints: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kit-catalog-'));
  folders.push(dir);
  writeFileSync(join(dir, 'HINTS.md'), hints);
  return { id: '99', name: 'exercise-99-x', slug: 'x', title: 'X', dir, solutionDir: dir };
}

test('every hint of every exercise opens with the question it answers', () => {
  for (const exercise of listExercises(findKitRoot())) {
    expect(readCatalog(exercise).unasked, exercise.name).toEqual([]);
  }
});

test('a hint that gives its answer first is named', () => {
  const catalog = readCatalog(
    exerciseWithHints(
      '# Hints\n\n## Hint 1 · Asked\n\n**Ask first:** When does it start?\n\nAt the call.\n\n## Hint 2 · Told\n\nUse Promise.all.\n',
    ),
  );
  expect(catalog.hints).toEqual([1, 2]);
  expect(catalog.unasked).toEqual([2]);
});
