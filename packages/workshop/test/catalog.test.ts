import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** The hints a TODO's comment names: "hint 2", "hints 3 and 4", "hints 1 to 4". */
function hintsNamed(comment: string): number[] {
  return [...comment.matchAll(/hints? (\d+)(?: (and|to) (\d+))?/g)].flatMap((named) => {
    const first = Number(named[1]);
    const last = named[3] === undefined ? first : Number(named[3]);
    if (named[2] === 'and') return [first, last];
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  });
}

/** Each TODO of a source file with the comment lines that follow it. */
function todoComments(text: string): string[] {
  const lines = text.split('\n').map((line) => line.trim());
  return lines.flatMap((line, at) => {
    if (!line.includes('TODO')) return [];
    const rest = lines.slice(at + 1);
    const end = rest.findIndex((next) => !/^(\/\/|\*)/.test(next) || next.includes('TODO'));
    return [[line, ...rest.slice(0, end === -1 ? rest.length : end)].join(' ')];
  });
}

test('every TODO of every starter names its hints, and every hint is named by a TODO', () => {
  for (const exercise of listExercises(findKitRoot())) {
    const source = join(exercise.dir, 'src');
    const todos = readdirSync(source, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(ts|mjs)$/.test(file))
      .flatMap((file) => todoComments(readFileSync(join(source, file), 'utf8')));
    const unnamed = todos.filter((todo) => hintsNamed(todo).length === 0);
    expect(unnamed, `${exercise.name}: TODOs that name no hint`).toEqual([]);
    const named = new Set(todos.flatMap(hintsNamed));
    const hints = readCatalog(exercise).hints;
    expect(
      hints.filter((hint) => !named.has(hint)),
      `${exercise.name}: hints no TODO names`,
    ).toEqual([]);
    expect(
      [...named].filter((hint) => !hints.includes(hint)),
      `${exercise.name}: TODOs name hints HINTS.md does not have`,
    ).toEqual([]);
  }
});
