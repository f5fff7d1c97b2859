import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { findKitRoot } from '../src/kit.ts';

const root = findKitRoot();
const bin = join(root, 'packages/workshop/bin/workshop.js');
const scratch = mkdtempSync(join(tmpdir(), 'workshop-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function workshop(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: scratch,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', INIT_CWD: scratch },
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

test('a wrong exercise name says so, lists the exercises and exits 2', () => {
  const { code, out } = workshop('test', 'exercise-42');
  expect(code).toBe(2);
  expect(out).toContain('No exercise matches "exercise-42"');
  expect(out).toContain('01  exercise-01-concurrent-awaits');
  expect(out).not.toContain('    at ');
});

test('a target that is not laid out like the exercise is refused with what to give', () => {
  writeFileSync(join(scratch, 'file.txt'), 'not a folder');
  expect(workshop('test', '01', '--target', 'file.txt').out).toContain(
    'file.txt is a file, not a folder',
  );
  expect(workshop('test', '01', '--target', 'missing').out).toContain('missing does not exist');
  const { code, out } = workshop('test', '01', '--target', '.');
  expect(code).toBe(2);
  expect(out).toContain('it has no src/ folder');
});

/** A copy of exercise 01's solution outside the kit, with `runAll`'s body replaced by `body`. */
function submission(name: string, body?: string): string {
  const copy = join(scratch, name);
  cpSync(join(root, 'solutions/exercise-01-concurrent-awaits/src'), join(copy, 'src'), {
    recursive: true,
  });
  if (body !== undefined) {
    const index = join(copy, 'src/index.ts');
    const solved = 'return Promise.all(tasks.map((task) => task()));';
    writeFileSync(index, readFileSync(index, 'utf8').replace(solved, body));
  }
  return name;
}

test('grades a copy of the solution outside the kit, and a broken copy fails with an explanation', () => {
  const passing = workshop('test', '01', '--target', submission('submission'));
  expect(passing.code).toBe(0);
  expect(passing.out).toMatch(/Score 27\/27/);
  expect(passing.out.trim().split('\n').at(-1)).toBe('15 passed, 0 failed');

  const failing = workshop('test', '01', '--target', submission('broken', 'return [];'));
  expect(failing.code).toBe(1);
  expect(failing.out).toContain('✗ runAll starts every task at once');
  expect(failing.out).toContain('measured  peak tasks in flight: 0');
}, 60_000);

test('code that never yields is stopped by the watchdog with a verdict naming the exercise', () => {
  const started = Date.now();
  const { code, out } = workshop(
    'test',
    '01',
    '--target',
    submission('spinning', 'while (true) {}'),
  );
  expect(Date.now() - started).toBeLessThan(60_000);
  expect(code).toBe(1);
  expect(out).toContain(
    'exercise-01-concurrent-awaits: your code never yielded while "runAll resolves with every result in input order" ran',
  );
  // The other grader files still ran and were graded.
  expect(out).toContain('✓ mapLimit keeps exactly `limit` calls in flight');
}, 90_000);

test('grades a class of five folders into one table, with a row for each that could not be graded', () => {
  const folders = [
    submission('alice'),
    submission(
      'bob',
      'const results = []; for (const task of tasks) results.push(await task()); return results;',
    ),
    submission('carol', 'return tasks.map((task) => task(;'),
    'file.txt',
    'missing',
  ];
  writeFileSync(join(scratch, 'file.txt'), 'not a folder');
  const { code, out } = workshop(
    'grade',
    '01',
    '--targets',
    ...folders,
    '--csv',
    'class.csv',
    '--markdown',
    'class.md',
    '--html',
    'class.html',
    '--json',
    'class.json',
  );
  expect(code).toBe(0);
  // Two at a time: each says how many are done as it ends, whatever its place in the list.
  expect(out).toMatch(/\[\d\/5 done\] missing not graded: missing does not exist/);
  expect(out).toContain('[5/5 done]');
  expect(out).toMatch(/alice\s+(✓\s+){15}\s*27\/27/);
  expect(out).toMatch(/bob\s+.*\s(\d+)\/27/);
  expect(out).toContain('file.txt is a file, not a folder');
  const csv = readFileSync(join(scratch, 'class.csv'), 'utf8').trim().split('\n');
  expect(csv).toHaveLength(6);
  expect(csv[0]).toMatch(/^submission,runAll resolves with every result in input order \(1\),/);
  expect(csv[1]).toMatch(/^alice,(1|2|3),.*,27,27,$/);
  expect(csv[3]).toMatch(/^carol,0,.*,0,27,/);
  expect(csv[5]).toMatch(/^missing,.*,0,27,missing does not exist/);
  expect(readFileSync(join(scratch, 'class.md'), 'utf8')).toContain('| alice | ✓ 1 |');
  const html = readFileSync(join(scratch, 'class.html'), 'utf8');
  expect(html).toContain('<td class="submission" data-sort="alice">alice</td>');
  expect(html).toContain('<td data-sort="27">27/27</td>');

  // Shards of the same list cover it exactly once, and merge back into one table.
  const merged = workshop('grade', 'merge', 'class.json', '--csv', 'merged.csv');
  expect(merged.code).toBe(0);
  expect(readFileSync(join(scratch, 'merged.csv'), 'utf8')).toBe(`${csv.join('\n')}\n`);
}, 120_000);

test('--only grades one check alone, named by its number or its words, and says which when the words fit none or several', () => {
  const alone = workshop('test', '01', '--solution', '--only', 'sliding window');
  expect(alone.code).toBe(0);
  expect(alone.out).toContain('mapLimit starts the next item as soon as a slot frees');
  expect(alone.out).toMatch(/Score 3\/3/);
  expect(alone.out.trim().split('\n').at(-1)).toBe('1 passed, 0 failed');
  const none = workshop('test', '01', '--only', 'teapot');
  expect(none.code).toBe(2);
  expect(none.out).toContain('No check of exercise-01-concurrent-awaits matches "teapot"');
  expect(none.out).toContain(' 1  runAll resolves with every result in input order');
  expect(workshop('test', '01', '--only', 'runAll').out).toContain('3 checks of');
}, 60_000);
