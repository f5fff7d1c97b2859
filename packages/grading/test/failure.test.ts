import { afterEach, expect, test } from 'vitest';
import {
  collectFiguresInto,
  expectEqual,
  expectFigure,
  expectThat,
  type Figure,
  GradingFailure,
} from '../src/failure.ts';

afterEach(() => collectFiguresInto(undefined));

function failureOf(assertion: () => void): GradingFailure {
  try {
    assertion();
  } catch (error) {
    if (error instanceof GradingFailure) return error;
    throw error;
  }
  throw new Error('the assertion passed');
}

test('a figure within its bounds passes and is recorded', () => {
  const figures: Figure[] = [];
  collectFiguresInto((figure) => figures.push(figure));
  expectFigure({ label: 'total time', measured: 212.4, unit: 'ms', atMost: 300, meaning: '' });
  expect(figures).toEqual([
    { label: 'total time', measured: '212 ms', expected: 'at most 300 ms', ok: true },
  ]);
});

test('a figure out of bounds fails with measured, expected, meaning, hint and timeline', () => {
  const failure = failureOf(() =>
    expectFigure({
      label: 'peak in flight',
      measured: 1,
      equals: 3,
      meaning: 'they ran one after another',
      hint: 2,
      timeline: [{ label: 't', start: 0, end: 10, outcome: 'fulfilled' }],
    }),
  );
  expect(failure.details).toMatchObject({
    measured: 'peak in flight: 1',
    expected: 'exactly 3',
    meaning: 'they ran one after another',
    hint: 2,
  });
  expect(failure.details.timeline).toContain('t  │');
  expect(failure.message).toContain('measured  peak in flight: 1');
});

test('NaN never passes a bound', () => {
  expect(() => expectFigure({ label: 'x', measured: Number.NaN, atLeast: 0, meaning: '' })).toThrow(
    GradingFailure,
  );
});

test('a figure there was nothing to measure for reads as what was seen, never as Infinity or NaN', () => {
  const first = failureOf(() =>
    expectFigure({
      label: 'first row received at',
      measured: Number.POSITIVE_INFINITY,
      unit: 'ms',
      atMost: 400,
      absent: 'no row on a line of its own: one JSON array at 2014 ms',
      meaning: '',
    }),
  );
  expect(first.details.measured).toBe(
    'first row received at: no row on a line of its own: one JSON array at 2014 ms',
  );
  const second = failureOf(() =>
    expectFigure({ label: 'mean', measured: Number.NaN, atMost: 1, meaning: '' }),
  );
  expect(second.details.measured).toBe('mean: nothing to measure');
  expect(`${first.message}${second.message}`).not.toMatch(/Infinity|NaN/);
});

test('both bounds are checked', () => {
  expect(() =>
    expectFigure({ label: 'x', measured: 5, atLeast: 6, atMost: 10, meaning: '' }),
  ).toThrow('at least 6 and at most 10');
});

test('expectEqual compares deeply and shows both values', () => {
  expectEqual('results', [1, { a: 2 }], [1, { a: 2 }], { meaning: '' });
  const failure = failureOf(() => expectEqual('results', [2, 1], [1, 2], { meaning: 'order' }));
  expect(failure.details.measured).toBe('results: [ 2, 1 ]');
  expect(failure.details.expected).toBe('[ 1, 2 ]');
});

test('expectThat uses the given words', () => {
  const failure = failureOf(() =>
    expectThat(false, { measured: 'never aborted', expected: 'aborted', meaning: 'm' }),
  );
  expect(failure.details.measured).toBe('never aborted');
});
