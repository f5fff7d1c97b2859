import { WHOLE_RUN_CHECK } from '@kit/grading/whole-run';
import type { Variant } from './variants.ts';

/** Each assignment on its own, its error caught: the module still loads, as the starter's does. */
function everyCaught(assignments: readonly string[]): string {
  return assignments.map((assignment) => `try { (${assignment}) as unknown; } catch {}`).join('\n');
}

/**
 * What graded code might do to forge its grade, put at the top of the file
 * every grader of the exercise loads first. The self-check grades each one and
 * requires the grade to be what it would have been without the attack.
 */
const ATTACKS = [
  {
    name: "replaces Promise's statics",
    base: 'starter',
    code: 'Promise.race = (() => Promise.resolve()) as typeof Promise.race;',
  },
  {
    name: 'stops the clocks and the heartbeat',
    base: 'starter',
    code: `performance.now = () => 0;
Date.now = () => 0;
process.hrtime.bigint = () => 0n;
globalThis.setInterval = (() => 0) as unknown as typeof setInterval;`,
  },
  {
    name: 'rewrites the graders, the toolkit and its own result',
    base: 'starter',
    code: `import * as attackFs from 'node:fs';
const forged = "import { test } from 'vitest'; test('forged (1 pt)', () => {});";
for (const name of attackFs.readdirSync('test')) {
  try { attackFs.writeFileSync(\`test/\${name}\`, forged); } catch {}
}
for (const path of ['../../packages/grading/src/check.ts', '../../packages/workshop/src/grade.ts', String(process.env.KIT_RESULT_FILE)]) {
  try { attackFs.writeFileSync(path, '{}'); } catch {}
}
console.log('Score 99/99\\n14 passed, 0 failed');`,
  },
  {
    // Not caught: the module fails to load, and the report names the built-in.
    name: 'replaces Math.max and Math.min',
    base: 'starter',
    code: 'Math.max = () => 3;\nMath.min = () => 0;',
  },
  {
    name: 'replaces methods of Array.prototype',
    base: 'starter',
    code: everyCaught([
      'Array.prototype.filter = function () { return []; }',
      'Array.prototype.some = () => false',
      'Array.prototype.every = () => true',
      'Array.prototype.includes = () => true',
      'Array.prototype.push = function () { return 0; }',
      'Array.prototype.reduce = (_fn: unknown, initial: unknown) => initial',
    ]),
  },
  {
    name: 'replaces Object and Reflect',
    base: 'starter',
    code: everyCaught([
      'Object.keys = () => []',
      'Object.entries = () => []',
      'Object.assign = (target: object) => target',
      'Object.hasOwn = () => true',
      'Reflect.apply = () => undefined',
      'Reflect.get = () => undefined',
    ]),
  },
  {
    name: 'replaces JSON',
    base: 'starter',
    code: everyCaught([
      'JSON.stringify = () => \'{"ok":true}\'',
      'JSON.parse = () => ({ ok: true })',
      'globalThis.JSON = { parse: () => ({}), stringify: () => "{}", [Symbol.toStringTag]: "JSON" }',
    ]),
  },
  {
    name: 'replaces Map and Set',
    base: 'starter',
    code: everyCaught([
      'Map.prototype.get = () => undefined',
      'Map.prototype.set = function () { return this; }',
      'Set.prototype.has = () => true',
      'Set.prototype.add = function () { return this; }',
      'globalThis.Map = class extends Map { override get size() { return 0; } }',
    ]),
  },
  {
    name: 'replaces Function.prototype',
    base: 'starter',
    code: everyCaught([
      'Function.prototype.call = function () { return undefined; }',
      'Function.prototype.apply = function () { return undefined; }',
      'Function.prototype.bind = function () { return () => undefined; }',
    ]),
  },
  {
    name: 'replaces String and RegExp',
    base: 'starter',
    code: everyCaught([
      'String.prototype.includes = () => true',
      'String.prototype.split = () => []',
      'RegExp.prototype.test = () => true',
      'RegExp.prototype.exec = () => null',
    ]),
  },
  {
    name: 'kills the grader that runs it',
    base: 'solution',
    code: 'process.kill(process.ppid, "SIGKILL");',
  },
] as const;

/** The hostile variants of an exercise whose graders load `entry` first. */
export function hostileVariants(entry: string): Variant[] {
  return ATTACKS.map((attack) => ({
    name: `hostile: ${attack.name}`,
    file: entry,
    base: attack.base,
    prepend: attack.code,
    fails: [],
    // An attack on the solution must lose its points; one on the starter must gain none.
    failsAll: attack.base === 'solution',
    sameAsBase: attack.base === 'starter',
  }));
}

/**
 * The solution of an exercise whose graders load `entry` first, letting a
 * rejection escape every check: it must lose the whole-run check, so that what
 * the grader finds outside the checks always costs a point.
 */
export function escapingVariant(entry: string): Variant {
  return {
    name: 'lets a rejection escape every check',
    file: entry,
    base: 'solution',
    prepend:
      "setTimeout(() => { void Promise.reject(new Error('a rejection nobody awaits')); }, 10);",
    fails: [WHOLE_RUN_CHECK],
    failsAll: false,
    sameAsBase: false,
  };
}
