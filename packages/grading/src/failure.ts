import { inspect, isDeepStrictEqual } from 'node:util';
import type { Span } from '@kit/measure';
import { renderTimeline, type TimelineOptions } from '@kit/measure';

/** What a learner reads when a check fails. Serialisable: it travels to the report. */
export interface FailureDetails {
  /** What the check measured, with its unit. */
  readonly measured: string;
  /** What it expected instead. */
  readonly expected: string;
  /** What such a result usually means, in the lesson's terms. */
  readonly meaning: string;
  /** The number of the hint in HINTS.md that helps with this failure. */
  readonly hint?: number | undefined;
  /** A drawn timeline, where timing is the point. */
  readonly timeline?: string | undefined;
  /** The spans that timeline was drawn from, for a report that draws its own (the web page's SVG). */
  readonly timelineData?: TimelineData | undefined;
  /** Where in the learner's code an unexpected error came from. */
  readonly location?: string | undefined;
}

/**
 * The only error a check throws on purpose: it carries the measured figure,
 * the expectation and their meaning instead of a stack trace.
 */
export class GradingFailure extends Error {
  override readonly name = 'GradingFailure';

  constructor(readonly details: FailureDetails) {
    super(formatFailure(details));
  }
}

/** The plain-text form of a failure, used when a grader runs under plain Vitest. */
export function formatFailure(details: FailureDetails): string {
  const lines = [
    `measured  ${details.measured}`,
    `expected  ${details.expected}`,
    `meaning   ${details.meaning}`,
  ];
  if (details.location) lines.push(`where     ${details.location}`);
  if (details.hint !== undefined) lines.push(`hint      ${details.hint}`);
  if (details.timeline) lines.push('timeline', indent(details.timeline, 2));
  return lines.join('\n');
}

/** A figure a check measured, kept for the report whether the check passed or not. */
export interface Figure {
  readonly label: string;
  readonly measured: string;
  readonly expected: string;
  readonly ok: boolean;
}

/** A timeline as data: spans on one time axis in ms, and marks under them. */
export interface TimelineData {
  readonly spans: Array<{
    label: string;
    start: number;
    end?: number | undefined;
    outcome: Span['outcome'];
  }>;
  readonly until?: number | undefined;
  readonly marks?: Array<{ at: number; label: string }> | undefined;
}

type FigureSink = (figure: Figure) => void;
let recordFigure: FigureSink | undefined;

/** Lets the running check collect the figures its assertions measure. */
export function collectFiguresInto(sink: FigureSink | undefined): void {
  recordFigure = sink;
}

type TimelineSource = string | readonly Span[] | { readonly spans: readonly Span[] };

interface Explanation {
  /** What such a failure usually means. */
  readonly meaning: string;
  readonly hint?: number;
  /** Spans (or a tracker) to draw when the check fails. */
  readonly timeline?: TimelineSource;
  readonly timelineOptions?: TimelineOptions;
}

export interface FigureExpectation extends Explanation {
  /** What was measured, for example "peak tasks in flight". */
  readonly label: string;
  readonly measured: number;
  readonly unit?: string;
  readonly equals?: number;
  readonly atLeast?: number;
  readonly atMost?: number;
  /**
   * What was seen instead, when there was nothing to measure (no row
   * arrived, no answer came): the report never shows `Infinity` or `NaN`.
   */
  readonly absent?: string;
}

/**
 * Asserts a measured number against bounds and records it for the report.
 * A figure that is not a finite number fails, and reads as its `absent`
 * words (or "nothing to measure"), never as `Infinity` or `NaN`.
 *
 * @example
 * expectFigure({
 *   label: 'peak tasks in flight',
 *   measured: tracker.peak,
 *   equals: 3,
 *   meaning: 'your tasks did not all start before the first one finished',
 *   hint: 1,
 *   timeline: tracker,
 * });
 */
export function expectFigure(expectation: FigureExpectation): void {
  const { measured, equals, atLeast, atMost } = expectation;
  const unit = expectation.unit ? ` ${expectation.unit}` : '';
  const bounds: string[] = [];
  if (equals !== undefined) bounds.push(`exactly ${equals}${unit}`);
  if (atLeast !== undefined) bounds.push(`at least ${round(atLeast)}${unit}`);
  if (atMost !== undefined) bounds.push(`at most ${round(atMost)}${unit}`);
  const ok =
    Number.isFinite(measured) &&
    (equals === undefined || measured === equals) &&
    (atLeast === undefined || measured >= atLeast) &&
    (atMost === undefined || measured <= atMost);
  const figure: Figure = {
    label: expectation.label,
    measured: Number.isFinite(measured)
      ? `${round(measured)}${unit}`
      : (expectation.absent ?? 'nothing to measure'),
    expected: bounds.join(' and '),
    ok,
  };
  recordFigure?.(figure);
  if (!ok) {
    throw failure(`${figure.label}: ${figure.measured}`, figure.expected, expectation);
  }
}

/**
 * Asserts that a value deep-equals what the exercise asks for.
 *
 * @example
 * expectEqual('results', results, ['a', 'b'], { meaning: 'results must keep the input order', hint: 1 });
 */
export function expectEqual(
  label: string,
  actual: unknown,
  expected: unknown,
  explanation: Explanation,
): void {
  if (isDeepStrictEqual(actual, expected)) return;
  throw failure(`${label}: ${show(actual)}`, show(expected), explanation);
}

/**
 * Asserts any condition, with the words for what was seen and what was wanted.
 *
 * @example
 * expectThat(signal.aborted, { measured: 'the signal was never aborted', expected: 'aborted after 100 ms', meaning: '…' });
 */
export function expectThat(
  condition: boolean,
  words: Explanation & { readonly measured: string; readonly expected: string },
): asserts condition {
  if (!condition) throw failure(words.measured, words.expected, words);
}

function failure(measured: string, expected: string, explanation: Explanation): GradingFailure {
  return new GradingFailure({
    measured,
    expected,
    meaning: explanation.meaning,
    hint: explanation.hint,
    timeline: drawTimeline(explanation.timeline, explanation.timelineOptions),
    timelineData: timelineDataOf(explanation.timeline, explanation.timelineOptions),
  });
}

/** A copy of the spans as they were when the check failed: a call still running stays pending. */
function timelineDataOf(
  source: TimelineSource | undefined,
  options?: TimelineOptions,
): TimelineData | undefined {
  if (source === undefined || typeof source === 'string') return undefined;
  const spans = 'spans' in source ? source.spans : source;
  return {
    spans: (spans as readonly Span[]).map(({ label, start, end, outcome }) => ({
      label,
      start,
      ...(end === undefined ? {} : { end }),
      outcome,
    })),
    ...(options?.until === undefined ? {} : { until: options.until }),
    ...(options?.marks ? { marks: options.marks.map(({ at, label }) => ({ at, label })) } : {}),
  };
}

function drawTimeline(source: TimelineSource | undefined, options?: TimelineOptions) {
  if (source === undefined) return undefined;
  if (typeof source === 'string') return source;
  const spans = 'spans' in source ? source.spans : source;
  return renderTimeline(spans as readonly Span[], options);
}

/** Short, readable rendering of a value for a failure message. */
export function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return inspect(value, { depth: 4, breakLength: Number.POSITIVE_INFINITY, maxArrayLength: 12 });
}

/** Whole numbers as they are; small fractions (ratios) to two decimals; the rest to the unit. */
function round(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) < 10 ? String(Number(value.toFixed(2))) : value.toFixed(0);
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}
