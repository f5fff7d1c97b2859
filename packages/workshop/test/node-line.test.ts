import { expect, test } from 'vitest';
import { type GradeSummary, lineDifferences } from '../src/node-line.ts';

const starter = (
  states: Record<string, 'passed' | 'failed' | 'not-run'>,
  earned: number,
): GradeSummary => ({
  earned,
  possible: 25,
  checks: states,
});

test('the same verdict on every check is no difference', () => {
  const grade = starter(
    { 'fetchAll keeps the order': 'passed', 'fetchAll is concurrent': 'failed' },
    1,
  );
  expect(lineDifferences(grade, grade, 'v20.20.2')).toEqual([]);
});

test('a check that changed its verdict is named, with both Node versions and both scores', () => {
  const there = starter(
    { 'fetchAll keeps the order': 'passed', 'fetchAll is concurrent': 'failed' },
    1,
  );
  const here = starter(
    { 'fetchAll keeps the order': 'failed', 'fetchAll is concurrent': 'failed' },
    0,
  );
  expect(lineDifferences(here, there, 'v20.20.2')).toEqual([
    `"fetchAll keeps the order" passed on v20.20.2, failed on ${process.version} (score 1/25 there, 0/25 here)`,
  ]);
});

test('a check only one line reports is a difference too', () => {
  const there = starter({ a: 'passed' }, 1);
  const here = starter({ a: 'passed', b: 'failed' }, 1);
  expect(lineDifferences(here, there, 'v20.20.2')).toEqual([
    `"b" absent on v20.20.2, failed on ${process.version} (score 1/25 there, 1/25 here)`,
  ]);
});

test('failed on one line and ended by the watchdog on another is the same verdict', () => {
  const there = starter({ 'a 16 MB upload keeps the loop free': 'not-run', b: 'failed' }, 0);
  const here = starter({ 'a 16 MB upload keeps the loop free': 'failed', b: 'failed' }, 0);
  expect(lineDifferences(here, there, 'v20.20.2')).toEqual([]);
});
