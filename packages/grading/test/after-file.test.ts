import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { afterFile, scratchFolder } from '../src/scratch.ts';

const ran: string[] = [];
let folder = '';

test('cleanups registered from inside a test run after the file, the last one first', () => {
  // Registered first, so it runs last: once every other cleanup has run.
  afterFile(() => {
    expect(ran).toEqual(['second', 'first']);
    expect(existsSync(folder)).toBe(false);
  });
  afterFile(() => ran.push('first'));
  afterFile(() => ran.push('second'));
  expect(ran).toEqual([]);
});

test('a scratch folder made inside a test exists until the file ends', () => {
  folder = scratchFolder('kit-after-file-');
  expect(existsSync(folder)).toBe(true);
});
