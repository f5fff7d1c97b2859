import type { TimelineData } from '@kit/grading/results';
import { htmlText } from '../html.ts';

const ROW_HEIGHT = 22;
const LABEL_WIDTH = 180;
const AXIS_WIDTH = 560;
const AXIS_HEIGHT = 34;
const MARKS_HEIGHT = 18;

/** What each outcome is called on hover, and in the legend. */
const OUTCOME_WORDS = {
  fulfilled: 'resolved',
  rejected: 'rejected',
  pending: 'still running when measured',
  blocked: 'blocked',
} as const;

/**
 * A measured timeline drawn as SVG: one row per call, job or blocked
 * stretch, on one time axis in ms. A span still running when the check
 * measured is drawn up to that moment, hatched; a blocked stretch (the
 * event loop, a heartbeat gap) is red; a mark is a vertical line. Each bar
 * tells its start and end on hover.
 *
 * @example
 * timelineSvg({ spans: [{ label: 'task 1', start: 0, end: 200, outcome: 'fulfilled' }] });
 * // '<svg class="timeline" …><rect data-outcome="fulfilled" …><title>task 1: 0 → 200 ms (resolved)</title>…'
 */
export function timelineSvg(data: TimelineData): string {
  const ends = data.spans.map((span) => span.end ?? span.start);
  const until = Math.max(data.until ?? 0, ...ends, ...(data.marks ?? []).map((mark) => mark.at), 1);
  const x = (ms: number) => LABEL_WIDTH + (Math.max(0, ms) / until) * AXIS_WIDTH;
  const rows = data.spans.map((span, index) => {
    const top = index * ROW_HEIGHT;
    const end = span.end ?? until;
    const width = Math.max(2, x(end) - x(span.start));
    const shown =
      span.end === undefined
        ? `${ms(span.start)} → still running at ${ms(until)}`
        : `${ms(span.start)} → ${ms(span.end)}`;
    return [
      `<text x="${LABEL_WIDTH - 8}" y="${top + 15}" text-anchor="end">${htmlText(truncate(span.label))}</text>`,
      `<rect data-outcome="${span.outcome}" x="${x(span.start).toFixed(1)}" y="${top + 4}" width="${width.toFixed(1)}" height="${ROW_HEIGHT - 8}" rx="2">`,
      `<title>${htmlText(`${span.label}: ${shown} ms (${OUTCOME_WORDS[span.outcome]})`)}</title></rect>`,
    ].join('');
  });
  const barsHeight = data.spans.length * ROW_HEIGHT;
  const marks = (data.marks ?? []).map(
    (mark) =>
      `<g class="mark"><line x1="${x(mark.at).toFixed(1)}" x2="${x(mark.at).toFixed(1)}" y1="0" y2="${barsHeight + 4}"/>` +
      `<text x="${x(mark.at).toFixed(1)}" y="${barsHeight + AXIS_HEIGHT + 12}" text-anchor="middle">${htmlText(`${mark.label} (${ms(mark.at)} ms)`)}</text></g>`,
  );
  const ticks = axisTicks(until).map(
    (tick) =>
      `<g class="tick"><line x1="${x(tick).toFixed(1)}" x2="${x(tick).toFixed(1)}" y1="${barsHeight}" y2="${barsHeight + 5}"/>` +
      `<text x="${x(tick).toFixed(1)}" y="${barsHeight + 18}" text-anchor="middle">${ms(tick)}</text></g>`,
  );
  const height = barsHeight + AXIS_HEIGHT + (marks.length > 0 ? MARKS_HEIGHT : 0);
  const width = LABEL_WIDTH + AXIS_WIDTH + 40;
  return [
    `<svg class="timeline" role="img" aria-label="timeline of ${data.spans.length} spans over ${ms(until)} ms" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    ...rows,
    `<line class="axis" x1="${LABEL_WIDTH}" x2="${LABEL_WIDTH + AXIS_WIDTH}" y1="${barsHeight}" y2="${barsHeight}"/>`,
    ...ticks,
    `<text class="unit" x="${LABEL_WIDTH - 8}" y="${barsHeight + 18}" text-anchor="end">time (ms)</text>`,
    ...marks,
    '</svg>',
  ].join('');
}

/** Five or six round ticks from 0 to `until` ms. */
function axisTicks(until: number): number[] {
  const rough = until / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? rough;
  const ticks: number[] = [];
  for (let tick = 0; tick <= until + step / 1000; tick += step) ticks.push(tick);
  return ticks;
}

function ms(value: number): string {
  return String(Math.round(value));
}

function truncate(label: string): string {
  return label.length > 26 ? `${label.slice(0, 25)}…` : label;
}
