import type { Span } from './in-flight.ts';

export interface TimelineOptions {
  /** Characters of the time axis. */
  readonly width?: number;
  /** Where the axis ends, in ms; by default the last end (or now, for pending spans). */
  readonly until?: number;
  /** Extra marks drawn under the bars, such as "first failure" at 300 ms. */
  readonly marks?: ReadonlyArray<{ readonly at: number; readonly label: string }>;
}

const FULL = '█';
const PENDING = '░';
const BLOCKED = '▓';

/**
 * Draws spans as bars on a shared time axis, one line per span.
 *
 * @example
 * renderTimeline([{ label: 'task 0', start: 0, end: 200, outcome: 'fulfilled' }]);
 * // task 0  │████████████████████████████████████████│ 0 → 200 ms
 */
export function renderTimeline(spans: readonly Span[], options: TimelineOptions = {}): string {
  if (spans.length === 0) return '  (no calls were made)';
  const width = options.width ?? 40;
  const ends = spans.map((span) => span.end ?? span.start);
  const until = Math.max(options.until ?? 0, ...ends, ...spans.map((s) => s.start), 1);
  const labelWidth = Math.max(...spans.map((span) => span.label.length));
  const column = (ms: number) => Math.min(width - 1, Math.floor((ms / until) * width));

  const lines = spans.map((span, index) => {
    const from = column(span.start);
    const end = span.end ?? until;
    const to = Math.max(from, column(end) - (end >= until ? 0 : 1));
    const fill = span.outcome === 'pending' ? PENDING : span.outcome === 'blocked' ? BLOCKED : FULL;
    const cells: string[] = Array.from({ length: width }, (_, cell) =>
      cell >= from && cell <= to ? fill : ' ',
    );
    if (span.outcome === 'rejected') cells[to] = '✗';
    const figure =
      span.outcome === 'pending'
        ? `${formatMs(span.start)} → still running`
        : `${formatMs(span.start)} → ${formatMs(ends[index] ?? span.start)} ms${span.outcome === 'rejected' ? ' (rejected)' : ''}`;
    return `${span.label.padEnd(labelWidth)}  │${cells.join('')}│ ${figure}`;
  });

  const axis = `${' '.repeat(labelWidth)}  0${' '.repeat(Math.max(0, width - 1))}${formatMs(until)} ms`;
  const marks = (options.marks ?? []).map(
    (mark) =>
      `${' '.repeat(labelWidth)}   ${' '.repeat(column(mark.at))}↑ ${mark.label} (${formatMs(mark.at)} ms)`,
  );
  return [...lines, axis, ...marks].join('\n');
}

/** Rounds a time in ms for display. */
export function formatMs(ms: number): string {
  return String(Math.round(ms));
}

/**
 * Describes how spans were scheduled, in the words a learner needs:
 * "started at 0, 201, 402 ms: each one waited for the previous one to finish".
 */
export function describeSchedule(spans: readonly Span[], toleranceMs = 20): string {
  if (spans.length === 0) return 'nothing was started';
  const starts = spans.map((span) => formatMs(span.start)).join(', ');
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const oneAfterAnother =
    sorted.length > 1 &&
    sorted.every((span, index) => {
      const previous = sorted[index - 1];
      return !previous || (previous.end !== undefined && span.start >= previous.end - toleranceMs);
    });
  if (oneAfterAnother) {
    return `they started at ${starts} ms: each one waited for the previous one to finish (they ran one after another)`;
  }
  return `they started at ${starts} ms`;
}
