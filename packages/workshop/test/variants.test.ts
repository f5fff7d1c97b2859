import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { findKitRoot, listExercises } from '../src/kit.ts';
import { applyVariant, readVariantsFile, type Variant } from '../src/variants.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function srcWith(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'variant-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'index.ts'), text);
  return dir;
}

const variant = (change: Partial<Variant>): Variant => ({
  name: 'minus',
  file: 'index.ts',
  base: 'solution',
  fails: ['adds'],
  failsAll: false,
  sameAsBase: false,
  ...change,
});

test('a variant replaces its text once in a copy', () => {
  const dir = srcWith('return a + b;\n');
  applyVariant(variant({ find: 'a + b', replace: 'a - b' }), dir);
  expect(readFileSync(join(dir, 'index.ts'), 'utf8')).toBe('return a - b;\n');
});

test('a variant can put code at the top of the file instead', () => {
  const dir = srcWith('return a + b;\n');
  applyVariant(variant({ prepend: 'Date.now = () => 0;' }), dir);
  expect(readFileSync(join(dir, 'index.ts'), 'utf8')).toBe('Date.now = () => 0;\nreturn a + b;\n');
});

test('a variant whose text is gone is an error, not a silent no-op', () => {
  const dir = srcWith('return a * b;\n');
  expect(() => applyVariant(variant({ find: 'a + b', replace: 'a - b' }), dir)).toThrow(
    /found it 0 times/,
  );
});

test('every shipped variant still applies to its copy', () => {
  for (const exercise of listExercises(findKitRoot())) {
    for (const shipped of readVariantsFile(exercise).variants) {
      if (shipped.find === undefined) continue;
      const base = shipped.base === 'starter' ? exercise.dir : exercise.solutionDir;
      const text = readFileSync(join(base, 'src', shipped.file), 'utf8');
      expect(text.split(shipped.find).length - 1, `${exercise.name}: ${shipped.name}`).toBe(1);
    }
  }
});
