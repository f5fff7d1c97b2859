import { expect, test } from 'vitest';
import { positiveWholeFromEnv } from '../src/index.ts';

test('an unset or empty variable gives the fallback', () => {
  expect(positiveWholeFromEnv('WORKERS', 4, {})).toBe(4);
  expect(positiveWholeFromEnv('WORKERS', 4, { WORKERS: '' })).toBe(4);
});

test('a positive whole number is read as one', () => {
  expect(positiveWholeFromEnv('WORKERS', 4, { WORKERS: '12' })).toBe(12);
});

test.each(['0', '-1', '2.5', 'two', '1e400'])(
  '"%s" fails with the variable and the value named',
  (raw) => {
    expect(() => positiveWholeFromEnv('WORKERS', 4, { WORKERS: raw })).toThrow(
      `WORKERS must be a positive whole number, got "${raw}".`,
    );
  },
);
