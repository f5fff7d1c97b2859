import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { mergeClassGrades, shardOf, toClassCsv } from '../src/commands/class-grade.ts';
import { toClassHtml } from '../src/commands/class-html.ts';

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

test('the HTML class report is one page that needs no network: a sortable grid, figures on hover, each figure across the class', () => {
  const figured = (submission: string, inFlight: number) => {
    const grade = shard(submission);
    const [row] = grade.rows;
    const [check] = row?.run.checks ?? [];
    if (!row || !check) throw new Error('the shard has one row and one check');
    return {
      ...row,
      run: {
        ...row.run,
        checks: [
          {
            ...check,
            figures: [
              { label: 'peak in flight', measured: `${inFlight} at once`, expected: '4', ok: true },
            ],
          },
          {
            name: 'mapLimit keeps at most the limit in flight',
            file: '2-map-limit.grader.test.ts',
            points: 2,
            state: 'failed' as const,
            figures: [],
            failure: { measured: '10 in flight', expected: 'at most 3', meaning: 'no limit' },
          },
        ],
      },
    };
  };
  const html = toClassHtml({
    exercise: 'exercise-01-concurrent-awaits',
    checks: [
      { name: 'runAll starts every task at once', points: 3 },
      { name: 'mapLimit keeps at most the limit in flight', points: 2 },
    ],
    rows: [
      figured('alice', 4),
      figured('<script>alert(1)</script>', 1),
      figured('carol', 2),
      { submission: 'dave', folder: '/submissions/dave', problem: 'dave does not exist' },
    ],
  });
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  expect(html).not.toContain('<script>alert(1)</script>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toContain(
    '<td class="passed" data-sort="3" title="peak in flight: 4 at once (expected 4)">✓ 3</td>',
  );
  expect(html).toContain('title="measured: 10 in flight\nexpected: at most 3">✗ 0</td>');
  expect(html).toContain('<td data-sort="3">3/5</td>');
  expect(html).toContain('dave does not exist');
  expect(html.match(/<th data-column="\d+"/g)).toHaveLength(5);
  // The spread of "peak in flight" over the three graded submissions: min 1, median 2, max 4.
  expect(html).toContain(
    '<td class="submission">peak in flight</td><td>3</td><td>1</td><td>2</td><td>4</td>',
  );
  expect(html.match(/<circle /g)).toHaveLength(3);
});
