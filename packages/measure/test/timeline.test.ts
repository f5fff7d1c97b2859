import { expect, test } from 'vitest';
import type { Span } from '../src/in-flight.ts';
import { describeSchedule, renderTimeline } from '../src/timeline.ts';

const sequential: Span[] = [
  { label: 'task 0', start: 0, end: 200, outcome: 'fulfilled' },
  { label: 'task 1', start: 201, end: 400, outcome: 'fulfilled' },
];

test('draws one bar per span on a shared axis, with its figures', () => {
  const drawn = renderTimeline(sequential, { width: 10 });
  expect(drawn).toBe(
    [
      'task 0  │█████     │ 0 → 200 ms',
      'task 1  │     █████│ 201 → 400 ms',
      '        0         400 ms',
    ].join('\n'),
  );
});

test('overlapping spans share columns', () => {
  const drawn = renderTimeline(
    [
      { label: 'a', start: 0, end: 200, outcome: 'fulfilled' },
      { label: 'b', start: 0, end: 200, outcome: 'fulfilled' },
    ],
    { width: 8 },
  );
  expect(drawn.split('\n').slice(0, 2)).toEqual([
    'a  │████████│ 0 → 200 ms',
    'b  │████████│ 0 → 200 ms',
  ]);
});

test('marks rejections and pending calls', () => {
  const drawn = renderTimeline(
    [
      { label: 'fails', start: 0, end: 100, outcome: 'rejected' },
      { label: 'hangs', start: 0, end: undefined, outcome: 'pending' },
    ],
    { width: 10, until: 200 },
  );
  expect(drawn).toContain('fails  │████✗     │ 0 → 100 ms (rejected)');
  expect(drawn).toContain('hangs  │░░░░░░░░░░│ 0 → still running');
});

test('event-loop blocks are drawn in their own shade', () => {
  const drawn = renderTimeline([{ label: 'blocked', start: 0, end: 100, outcome: 'blocked' }], {
    width: 4,
    until: 200,
  });
  expect(drawn).toContain('blocked  │▓▓  │ 0 → 100 ms');
});

test('marks are drawn under the axis at their time', () => {
  const drawn = renderTimeline(sequential, {
    width: 10,
    marks: [{ at: 200, label: 'first failure' }],
  });
  expect(drawn.split('\n').at(-1)).toBe('              ↑ first failure (200 ms)');
});

test('says when calls ran one after another', () => {
  expect(describeSchedule(sequential)).toBe(
    'they started at 0, 201 ms: each one waited for the previous one to finish (they ran one after another)',
  );
  expect(
    describeSchedule([
      { label: 'a', start: 0, end: 200, outcome: 'fulfilled' },
      { label: 'b', start: 2, end: 200, outcome: 'fulfilled' },
    ]),
  ).toBe('they started at 0, 2 ms');
});

test('an empty timeline says nothing was called', () => {
  expect(renderTimeline([])).toContain('no calls were made');
});
