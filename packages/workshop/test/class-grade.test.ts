import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { mergeClassGrades, shardOf, toClassCsv } from '../src/commands/class-grade.ts';

const scratch = mkdtempSync(join(tmpdir(), 'class-grade-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('shards cover every submission exactly once, in order, in parts that differ by one at most', () => {
  const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const parts = [1, 2, 3].map((k) => shardOf(items, `${k}/3`));
  expect(parts.flat()).toEqual(items);
  expect(parts.map((part) => part.length)).toEqual([2, 2, 3]);
  expect(shardOf(items, '1/1')).toEqual(items);
});

test('a shard that is not k/n with 1 ≤ k ≤ n is refused with an example', () => {
  for (const wrong of ['0/4', '5/4', '2', 'a/b', '1/0']) {
    expect(() => shardOf([], wrong)).toThrow(/--shard 2\/4 for the second quarter/);
  }
});

const shard = (submission: string) => ({
  exercise: 'exercise-01-concurrent-awaits',
  checks: [{ name: 'runAll starts every task at once', points: 3 }],
  rows: [
    {
      submission,
      folder: `/submissions/${submission}`,
      run: {
        exercise: 'exercise-01-concurrent-awaits',
        source: submission,
        checks: [
          {
            name: 'runAll starts every task at once',
            file: '1-run-all.grader.test.ts',
            points: 3,
            state: 'passed' as const,
            figures: [],
          },
        ],
        errors: [],
        durationMs: 10,
      },
    },
  ],
});

test("merging joins the shards' rows into one table", () => {
  writeFileSync(join(scratch, 'a.json'), JSON.stringify(shard('alice')));
  writeFileSync(join(scratch, 'b.json'), JSON.stringify(shard('bob')));
  const merged = mergeClassGrades(['a.json', 'b.json'], scratch);
  expect(toClassCsv(merged).split('\n')).toEqual([
    'submission,runAll starts every task at once (3),total,possible,note',
    'alice,3,3,3,',
    'bob,3,3,3,',
    '',
  ]);
});

test('a malformed shard names its file and the field that is wrong', () => {
  writeFileSync(
    join(scratch, 'bad.json'),
    JSON.stringify({ exercise: 'x', checks: [], rows: [{}] }),
  );
  expect(() => mergeClassGrades(['bad.json'], scratch)).toThrow(
    /bad\.json is malformed: rows\.0\.submission/,
  );
  writeFileSync(join(scratch, 'broken.json'), '{');
  expect(() => mergeClassGrades(['broken.json'], scratch)).toThrow(
    /broken\.json is not valid JSON/,
  );
});
