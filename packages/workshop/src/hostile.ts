import type { Variant } from './variants.ts';

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
