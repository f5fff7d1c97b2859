// The freeze runs in a child process of its own: this file's realm stays as Vitest made it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const freezeModule = fileURLToPath(new URL('../src/freeze.ts', import.meta.url));

/** Runs `body` (JavaScript, as an ES module) after `freezeIntrinsics()`; its stdout lines. */
function afterFreeze(body: string): string[] {
  const source = `import { changedBuiltIn, freezeIntrinsics } from ${JSON.stringify(freezeModule)};
freezeIntrinsics();
const attempt = (fn) => { try { fn(); return 'no error'; } catch (error) { return changedBuiltIn(error) ?? String(error); } };
${body}`;
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', source],
    {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    },
  );
  expect(result.stderr).toBe('');
  return result.stdout.trim().split('\n');
}

test('a replaced built-in is refused, and the refusal names it', () => {
  expect(
    afterFreeze(`for (const fn of [
  () => { Math.max = () => 3; },
  () => { Array.prototype.filter = () => []; },
  () => { Object.keys = () => []; },
  () => { Reflect.apply = () => 1; },
  () => { JSON.stringify = () => '{}'; },
  () => { Map.prototype.get = () => 1; },
  () => { Function.prototype.call = () => 1; },
  () => { RegExp.prototype.test = () => true; },
  () => { globalThis.Map = class {}; },
  () => { Object.defineProperty(Math, 'max', { value: () => 3 }); },
  () => { delete Math.max; },
]) console.log(attempt(fn));`),
  ).toEqual([
    'Math.max',
    'Array.prototype.filter',
    'Object.keys',
    'Reflect.apply',
    'JSON.stringify',
    'Map.prototype.get',
    'Function.prototype.call',
    'RegExp.prototype.test',
    'globalThis.Map',
    'Math.max',
    'Math.max',
  ]);
});

test('the built-ins keep working, and what libraries do with them still works', () => {
  expect(
    afterFreeze(`console.log(Math.max(1, 5), [3, 1, 2].filter((n) => n > 1).join(), JSON.stringify({ a: [1] }));
// A polyfill that assigns the value a built-in already has changes nothing.
console.log(attempt(() => { Object.hasOwn = Object.hasOwn || (() => true); }));
// Own properties on objects that inherit from a frozen prototype (the "override mistake").
class NamedError extends Error { constructor() { super('m'); this.name = 'NamedError'; } }
function Legacy() {}
Legacy.prototype.toString = () => 'legacy';
const bound = function () {}; bound.bind = () => 'own bind';
console.log(String(new NamedError()), String(new Legacy()), bound.bind());
Error.stackTraceLimit = 3;
console.log(Error.stackTraceLimit, new Error('x').stack.split('\\n').length);`),
  ).toEqual(['5 3,2 {"a":[1]}', 'no error', 'NamedError: m legacy own bind', '3 4']);
});
