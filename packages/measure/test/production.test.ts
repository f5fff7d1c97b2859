import { expect, test } from 'vitest';
import { countProduction } from '../src/production.ts';

async function* numbers(count: number) {
  for (let i = 1; i <= count; i += 1) yield i;
}

test('counts what the source produced and sees a consumer that stops early', async () => {
  const { iterable, stats } = countProduction(numbers(10));
  for await (const n of iterable) if (n === 3) break;
  expect(stats).toMatchObject({ produced: 3, closed: true, closedEarly: true });
  expect(stats.producedAt).toHaveLength(3);
});

test('a consumer that reads everything closes the iteration, not early', async () => {
  const { iterable, stats } = countProduction(numbers(4));
  const seen: number[] = [];
  for await (const n of iterable) seen.push(n);
  expect(seen).toEqual([1, 2, 3, 4]);
  expect(stats).toMatchObject({ produced: 4, closed: true, closedEarly: false });
});

test('a consumer that never asks produces nothing and stays open', () => {
  const { stats } = countProduction(numbers(4));
  expect(stats).toMatchObject({ produced: 0, closed: false });
});
