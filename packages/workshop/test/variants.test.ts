import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { findKitRoot, listExercises } from '../src/kit.ts';
import { applyVariant, readVariants } from '../src/variants.ts';

test('a variant replaces its text once in a copy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'variant-'));
  writeFileSync(join(dir, 'index.ts'), 'return a + b;\n');
  applyVariant(
    { name: 'minus', file: 'index.ts', find: 'a + b', replace: 'a - b', fails: [] },
    dir,
  );
  expect(readFileSync(join(dir, 'index.ts'), 'utf8')).toBe('return a - b;\n');
});

test('a variant whose text is gone is an error, not a silent no-op', () => {
  const dir = mkdtempSync(join(tmpdir(), 'variant-'));
  writeFileSync(join(dir, 'index.ts'), 'return a * b;\n');
  expect(() =>
    applyVariant(
      { name: 'minus', file: 'index.ts', find: 'a + b', replace: 'a - b', fails: [] },
      dir,
    ),
  ).toThrow(/found it 0 times/);
});

test('every shipped variant still applies to its solution', () => {
  for (const exercise of listExercises(findKitRoot())) {
    for (const variant of readVariants(exercise)) {
      const text = readFileSync(join(exercise.solutionDir, 'src', variant.file), 'utf8');
      expect(text.split(variant.find).length - 1, `${exercise.name}: ${variant.name}`).toBe(1);
    }
  }
});
