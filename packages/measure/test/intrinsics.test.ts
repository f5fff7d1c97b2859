import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { all, deferred, now, race, wallClock } from '../src/intrinsics.ts';

test('race and all give what Promise.race and Promise.all give', async () => {
  const late = new Promise<string>((resolve) => setTimeout(() => resolve('late'), 30));
  await expect(race([late, Promise.resolve('first')])).resolves.toBe('first');
  await expect(race([Promise.reject(new Error('no')), late])).rejects.toThrow('no');
  await expect(all([late, Promise.resolve(2)] as const)).resolves.toEqual(['late', 2]);
  await expect(all([])).resolves.toEqual([]);
  await expect(all([late, Promise.reject(new Error('broken'))])).rejects.toThrow('broken');
});

test('the copies keep working after graded code replaces the globals', async () => {
  const saved = {
    race: Promise.race,
    resolve: Promise.resolve,
    performanceNow: performance.now,
    dateNow: Date.now,
  };
  let raced: string | undefined;
  let clock = 0;
  let wall = 0;
  try {
    Promise.race = () => Promise.reject(new Error('forged race'));
    Promise.resolve = (() => new Promise(() => {})) as typeof Promise.resolve;
    performance.now = () => 0;
    Date.now = () => 0;
    const gate = deferred<string>();
    setTimeout(() => gate.resolve('real'), 10);
    raced = await race([gate.promise]);
    clock = now();
    wall = wallClock();
  } finally {
    Promise.race = saved.race;
    Promise.resolve = saved.resolve;
    performance.now = saved.performanceNow;
    Date.now = saved.dateNow;
  }
  expect(raced).toBe('real');
  expect(clock).toBeGreaterThan(0);
  expect(wall).toBeGreaterThan(1_700_000_000_000);
});

// The lint rule that keeps graders off the replaceable globals cannot tell `Promise<T>`
// (a type) from `Promise.race` (a value), so Promise's statics are kept out here.
test("the toolkit and the graders never call Promise's statics or its constructor", () => {
  const root = join(import.meta.dirname, '..', '..', '..');
  const graderDirs = readdirSync(join(root, 'exercises')).map((name) =>
    join(root, 'exercises', name, 'test'),
  );
  // These run in the CLI, in Vitest's main process or in processes of their own, never beside graded code.
  const inWorker = (file: string) =>
    !['intrinsics.ts', 'watchdog.ts', 'reporter.ts', 'report.ts', 'global-setup.ts'].includes(file);
  const offenders: string[] = [];
  for (const dir of [
    join(root, 'packages', 'grading', 'src'),
    join(root, 'packages', 'measure', 'src'),
    ...graderDirs,
  ]) {
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts') && inWorker(name))) {
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const code = line.replace(/\/\/.*$|^\s*\*.*$/, '').replace(/`[^`]*`|'[^']*'/g, '');
          if (/\bPromise\.\w+|new Promise\b/.test(code)) offenders.push(`${file}:${index + 1}`);
        });
    }
  }
  expect(offenders).toEqual([]);
});
