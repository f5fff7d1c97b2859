import { expect, test } from 'vitest';
import { mutantsOf, writtenLines } from '../src/mutants.ts';

const descriptions = (text: string) => mutantsOf('index.ts', text).map((m) => m.description);

test('a bound is moved by one, and a condition made always and never true', () => {
  const mutants = mutantsOf('index.ts', 'if (running < limit) start();\n');
  expect(mutants.map((m) => m.text)).toEqual(
    expect.arrayContaining([
      'if (running <= limit) start();\n',
      'if (true) start();\n',
      'if (false) start();\n',
      'if (running < limit) ;\n',
    ]),
  );
  expect(mutants.find((m) => m.text.includes('<='))?.description).toBe('`<` → `<=`');
});

test('an await is removed, and a cleanup left out', () => {
  expect(
    mutantsOf('a.ts', 'async function f() {\n  await task();\n  clearTimeout(timer);\n}\n').map(
      (m) => m.text,
    ),
  ).toEqual(
    expect.arrayContaining([
      'async function f() {\n  task();\n  clearTimeout(timer);\n}\n',
      'async function f() {\n  await task();\n  ;\n}\n',
      'async function f() {}\n',
    ]),
  );
});

test('each mutant says its line, and look-alike methods are swapped', () => {
  const mutants = mutantsOf('a.ts', 'const a = 1;\nconst b = Math.max(a, 2) + xs.some(ok);\n');
  expect(mutants.every((m) => m.line === 2)).toBe(true);
  expect(descriptions('Math.max(a, b); xs.some(ok); Promise.all(ps);')).toEqual(
    expect.arrayContaining(['`.max` → `.min`', '`.some` → `.every`', '`.all` → `.allSettled`']),
  );
});

test('a default is applied when a value is given', () => {
  expect(mutantsOf('a.ts', 'const ms = given ?? 2000;\n').map((m) => m.text)).toContain(
    'const ms = given && 2000;\n',
  );
});

test('code without anything to change has no mutants', () => {
  expect(mutantsOf('a.ts', 'export type A = number;\nconst x = 1;\n')).toEqual([]);
});

test('types are left alone, and so are the lines the learner did not write', () => {
  expect(descriptions('function f(): { sent: true } { return g(); }')).not.toContain(
    '`true` → `false`',
  );
  expect(descriptions('const sent = true;')).toContain('`true` → `false`');
  const text = 'check(a);\nwrite(b);\n';
  expect(mutantsOf('a.ts', text, (line) => line === 2).map((m) => m.line)).toEqual([2]);
});

test('the written lines are those a diff from the starter adds', () => {
  expect(writtenLines('a\nb\n', 'a\nx\nb\n')).toEqual(new Set([2]));
  expect(writtenLines('a\n  // TODO\nb\n', 'a\ny\nz\nb\n')).toEqual(new Set([2, 3]));
  expect(writtenLines('', 'a\nb')).toEqual(new Set([1, 2]));
});
