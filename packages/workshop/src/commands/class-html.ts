import type { GradeRun } from '@kit/grading/results';
import { htmlText } from '../html.ts';
import { cellOf, totalOf } from './class-cells.ts';
import type { ClassGrade } from './class-grade.ts';

/** What the check `name` measured in a run, for the hover of its cell. */
function detailOf(run: GradeRun | undefined, name: string): string {
  const check = run?.checks.find((candidate) => candidate.name === name);
  if (!check || run?.kitFailure) return 'not graded';
  const figures = check.figures.map(
    (figure) => `${figure.label}: ${figure.measured} (expected ${figure.expected})`,
  );
  if (check.state === 'not-run') return 'not run: the run ended before it';
  const failure = check.state === 'failed' ? check.failure : undefined;
  const lines = failure
    ? [`measured: ${failure.measured}`, `expected: ${failure.expected}`, ...figures]
    : figures;
  return lines.join('\n') || check.state;
}

/** The first number a measured figure states ("4 in flight", "1 250 ms"), if any. */
function numberIn(measured: string): number | undefined {
  const match = /-?\d[\d\u00a0\u202f ]*(?:\.\d+)?/.exec(measured);
  if (!match) return undefined;
  const value = Number(match[0].replace(/[\u00a0\u202f ]/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

interface Distribution {
  readonly check: string;
  readonly label: string;
  readonly values: number[];
}

/** Every numeric figure of every check, across the class: one distribution per check and label. */
function distributions(grade: ClassGrade): Distribution[] {
  const found = new Map<string, Distribution>();
  for (const row of grade.rows) {
    for (const check of row.run?.kitFailure ? [] : (row.run?.checks ?? [])) {
      for (const figure of check.figures) {
        const value = numberIn(figure.measured);
        if (value === undefined) continue;
        const key = JSON.stringify([check.name, figure.label]);
        const entry = found.get(key) ?? { check: check.name, label: figure.label, values: [] };
        entry.values.push(value);
        found.set(key, entry);
      }
    }
  }
  return [...found.values()];
}

/** A strip of one dot per submission on the figure's range, drawn as SVG. */
function strip(values: readonly number[]): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const x = (value: number) => (high === low ? 100 : 4 + ((value - low) / (high - low)) * 192);
  const dots = values
    .map(
      (value) =>
        `<circle cx="${x(value).toFixed(1)}" cy="8" r="4"><title>${value}</title></circle>`,
    )
    .join('');
  return `<svg width="200" height="16" viewBox="0 0 200 16" role="img" aria-label="one dot per submission">${dots}</svg>`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

// Sorting, in the page itself: a click on a heading orders the rows by that column's data-sort.
const SORTING = `
for (const heading of document.querySelectorAll('th[data-column]')) {
  heading.addEventListener('click', () => {
    const body = document.querySelector('#grid tbody');
    const column = Number(heading.dataset.column);
    const descending = heading.dataset.order !== 'descending';
    for (const other of document.querySelectorAll('th[data-column]')) delete other.dataset.order;
    heading.dataset.order = descending ? 'descending' : 'ascending';
    const value = (row) => row.children[column].dataset.sort;
    const rows = [...body.rows].sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const order = isNaN(x) || isNaN(y) ? x.localeCompare(y) : Number(x) - Number(y);
      return descending ? -order : order;
    });
    body.append(...rows);
  });
}`;

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1d1d1f; }
table { border-collapse: collapse; margin-bottom: 2rem; }
th, td { border: 1px solid #d0d0d5; padding: 0.3rem 0.5rem; text-align: center; }
th[data-column] { cursor: pointer; background: #f3f3f6; }
th[data-order="ascending"]::after { content: " ▲"; }
th[data-order="descending"]::after { content: " ▼"; }
td.submission, td.note { text-align: left; }
td.passed { background: #e3f6e5; } td.failed { background: #fbe3e3; }
td.not-run, td.not-graded { background: #f6f1dc; }
ol { color: #55555c; }`;

/**
 * The class as one self-contained HTML page (no network, opens from disk):
 * a grid of submissions × checks with each cell's figures on hover, sortable
 * by any column, and each measured figure's spread across the class.
 *
 * @example
 * writeFileSync('class.html', toClassHtml(await gradeClass(exercise, targets, cwd)));
 */
export function toClassHtml(grade: ClassGrade): string {
  const headings = [
    '<th data-column="0">submission</th>',
    ...grade.checks.map(
      (check, index) =>
        `<th data-column="${index + 1}" title="${htmlText(check.name)} (${check.points} points)">${index + 1}</th>`,
    ),
    `<th data-column="${grade.checks.length + 1}">total</th>`,
    `<th data-column="${grade.checks.length + 2}">note</th>`,
  ];
  const rows = grade.rows.map((row) => {
    const { earned, possible, note } = totalOf(grade, row);
    const cells = grade.checks.map((check) => {
      const cell = cellOf(row.run, check.name);
      return `<td class="${cell.state}" data-sort="${cell.earned}" title="${htmlText(detailOf(row.run, check.name))}">${cell.mark} ${cell.earned}</td>`;
    });
    return `<tr><td class="submission" data-sort="${htmlText(row.submission)}">${htmlText(row.submission)}</td>${cells.join('')}<td data-sort="${earned}">${earned}/${possible}</td><td class="note" data-sort="${htmlText(note)}">${htmlText(note)}</td></tr>`;
  });
  const spread = distributions(grade).map(
    ({ check, label, values }) =>
      `<tr><td class="submission">${htmlText(check)}</td><td class="submission">${htmlText(label)}</td><td>${values.length}</td><td>${Math.min(...values)}</td><td>${median(values)}</td><td>${Math.max(...values)}</td><td>${strip(values)}</td></tr>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${htmlText(grade.exercise)}: ${grade.rows.length} submissions</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${htmlText(grade.exercise)}: ${grade.rows.length} submissions</h1>
<p>✓ passed · ✗ failed · ○ not run · – not graded. Hover a cell for what its check measured; click a heading to sort.</p>
<table id="grid">
<thead><tr>${headings.join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<ol>${grade.checks.map((check) => `<li>${htmlText(check.name)} (${check.points} points)</li>`).join('')}</ol>
<h2>Each measured figure across the class</h2>
${
  spread.length > 0
    ? `<table id="figures"><thead><tr><th>check</th><th>figure</th><th>submissions</th><th>min</th><th>median</th><th>max</th><th>spread</th></tr></thead><tbody>
${spread.join('\n')}
</tbody></table>`
    : '<p>No check of this class recorded a figure.</p>'
}
<script>${SORTING}</script>
</body>
</html>
`;
}
