import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GradeRun } from '@kit/grading/results';
import { readCatalog } from '../catalog.ts';
import { readHints } from '../commands/hint.ts';
import { htmlText } from '../html.ts';
import type { Exercise } from '../kit.ts';
import { nextExercise, type WorkshopState } from '../state.ts';
import { layout } from './layout.ts';
import { renderMarkdown } from './markdown.ts';
import { reportHtml } from './report-html.ts';

/** The home: every exercise with its status and last score, and the next one to do (as `pnpm start`). */
export function homePage(exercises: readonly Exercise[], state: WorkshopState): string {
  const next = nextExercise(exercises, state);
  const rows = exercises.map((exercise) => {
    const grade = state.grades[exercise.name];
    const status = !grade
      ? '<span class="dim">not graded yet</span>'
      : grade.failed === 0
        ? `<span class="state-done">✓ done</span>`
        : `<span class="state-todo">${grade.failed} check${grade.failed === 1 ? '' : 's'} to go</span>`;
    const scoreText = grade ? `${grade.earned}/${grade.possible}` : '–';
    return `<tr data-exercise="${exercise.id}"><td class="${exercise === next ? 'next' : ''}">${exercise.id}</td><td><a href="/exercises/${exercise.id}">${htmlText(exercise.title)}</a></td><td>${status}</td><td>${scoreText}</td></tr>`;
  });
  const nextLine = next
    ? `<p id="next"><strong>Next:</strong> <a href="/exercises/${next.id}">exercise ${next.id}, ${htmlText(next.title)}</a>. Read its lesson, edit <code>exercises/${next.name}/src/</code>, and grade it here or with <code>pnpm test ${next.id}</code>.</p>`
    : '<p id="next">Every exercise is done. <code>pnpm compare</code> and <code>pnpm grade</code> are there for instructors.</p>';
  return layout(
    'Async Node.js workshop',
    `<h1>Async Node.js workshop</h1>
<p class="dim">Concurrency, streaming and the event loop on Node.js and NestJS, graded by measurement. Running on Node ${htmlText(process.version)}.</p>
${nextLine}
<table class="exercises"><thead><tr><th>#</th><th>exercise</th><th>status</th><th>last score</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`,
  );
}

/** What an exercise page shows besides the lesson: where the learner's code is, and what is known of it. */
export interface ExercisePageData {
  readonly exercise: Exercise;
  /** The folder whose `src/` the learner edits and the page grades. */
  readonly learnerFolder: string;
  readonly state: WorkshopState;
  readonly lastRun: GradeRun | undefined;
}

/** An exercise: its lesson, the checks with the last result, the grade report, hints and the diff. */
export function exercisePage({
  exercise,
  learnerFolder,
  state,
  lastRun,
}: ExercisePageData): string {
  const lesson = renderMarkdown(readFileSync(join(exercise.dir, 'README.md'), 'utf8'));
  const checks = readCatalog(exercise).checks.map((check) => {
    const last = lastRun?.kitFailure
      ? undefined
      : lastRun?.checks.find((candidate) => candidate.name === check.name);
    const earned = last
      ? `${last.state === 'passed' ? last.points : 0}/${check.points}`
      : `–/${check.points}`;
    return `<tr data-check="${htmlText(check.name)}" data-state="${last?.state ?? 'unknown'}"><td class="state">${htmlText(check.name)}</td><td class="points">${earned}</td></tr>`;
  });
  const hints = readHints(exercise);
  const seen = Math.min(state.hints[exercise.name] ?? 0, hints.length);
  const shownHints = hints.slice(0, seen).map((hint) => hintHtml(hint.number, hint.text));
  const report = lastRun
    ? reportHtml(exercise, lastRun)
    : '<p class="dim">Not graded yet: press Grade, or save a file in src/.</p>';
  return layout(
    `Exercise ${exercise.id} · ${exercise.title}`,
    `<div class="columns" data-exercise="${exercise.id}">
<article class="lesson">${lesson}</article>
<section class="panel">
<div class="toolbar"><button id="grade" class="primary">Grade</button><span id="status" class="dim">${lastRun ? 'last grade shown below' : 'not graded yet'}</span></div>
<p class="dim">Grades <code>${htmlText(join(learnerFolder, 'src'))}</code> as <code>pnpm test ${exercise.id}</code> does; saving a file there grades it again.</p>
<h2>Checks</h2>
<table id="checks-table"><thead><tr><th>check</th><th>points</th></tr></thead><tbody>
${checks.join('\n')}
</tbody></table>
<h2>Report</h2>
<p class="legend"><span><i style="background:#2da44e"></i>resolved</span><span><i style="background:#ff8182"></i>rejected</span><span><i style="background:#d4a72c88"></i>still running</span><span><i style="background:#cf222e"></i>blocked</span></p>
<div id="report">${report}</div>
<h2>Hints</h2>
<div id="hints">${shownHints.join('\n')}</div>
${hints.length > 0 ? `<button id="next-hint" data-next="${seen + 1}" data-last="${hints.length}"${seen >= hints.length ? ' disabled' : ''}>${nextHintLabel(seen, hints.length)}</button>` : '<p class="dim">This exercise has no hints.</p>'}
<h2>Your code against the solution</h2>
<details id="diff"><summary>Show the difference (it shows the answer)</summary>${diffHtml(exercise, learnerFolder)}</details>
</section>
</div>`,
    EXERCISE_SCRIPT,
  );
}

/** A hint as the page shows it, anchored so that a report's "hint 3" can point at it. */
export function hintHtml(number: number, text: string): string {
  return `<div class="hint" id="hint-${number}">${renderMarkdown(text)}</div>`;
}

/** The label of the button that reveals the next hint. */
export function nextHintLabel(seen: number, last: number): string {
  return seen >= last ? `All ${last} hints shown` : `Show hint ${seen + 1} of ${last}`;
}

/** A page that is not there: says what was asked for, and lists the exercises. */
export function notFoundPage(exercises: readonly Exercise[], asked: string): string {
  const items = exercises.map(
    (exercise) =>
      `<li><a href="/exercises/${exercise.id}">${exercise.id} · ${htmlText(exercise.title)}</a></li>`,
  );
  return layout(
    'Not found · Async Node.js workshop',
    `<h1>No such page</h1>
<p>Nothing here answers <code>${htmlText(asked)}</code>. The exercises are:</p>
<ul id="exercise-list">${items.join('')}</ul>
<p>An exercise is named by its number (<code>/exercises/01</code>), its folder name or its slug.</p>`,
  );
}

/** The learner's `src/` against the solution's, as `pnpm solution` shows it, coloured by line. */
function diffHtml(exercise: Exercise, learnerFolder: string): string {
  const mine = join(learnerFolder, 'src');
  const theirs = join(exercise.solutionDir, 'src');
  if (!existsSync(mine)) {
    return `<p>There is no ${htmlText(mine)}: <code>pnpm reset ${exercise.id}</code> puts the starter back.</p>`;
  }
  const diff = spawnSync('git', ['diff', '--no-index', '--color=never', '--', mine, theirs], {
    encoding: 'utf8',
  });
  if (diff.error)
    return `<p>git is not available to show the difference: compare ${htmlText(mine)} with ${htmlText(theirs)}.</p>`;
  if (diff.status === 0) return '<p>Your src/ is the same as the solution.</p>';
  const lines = diff.stdout.split('\n').map((line) => {
    const kind = /^(diff |index |--- |\+\+\+ |new file|deleted file)/.test(line)
      ? 'meta'
      : line.startsWith('@@')
        ? 'hunk'
        : line.startsWith('+')
          ? 'add'
          : line.startsWith('-')
            ? 'del'
            : '';
    return kind ? `<span class="${kind}">${htmlText(line)}</span>` : htmlText(line);
  });
  return `<pre class="diff">${lines.join('\n')}</pre>`;
}

/**
 * The exercise page's behaviour: one event stream per page tells every grade
 * of this exercise (asked for here, in another tab, or set off by a save),
 * check by check, then the report.
 */
const EXERCISE_SCRIPT = `
const id = document.querySelector('[data-exercise]').dataset.exercise;
const status = document.getElementById('status');
const button = document.getElementById('grade');
const report = document.getElementById('report');
const rows = () => [...document.querySelectorAll('#checks-table tbody tr')];
const setRow = (check) => {
  const row = rows().find((candidate) => candidate.dataset.check === check.name);
  if (!row) return;
  row.dataset.state = check.state;
  row.querySelector('.points').textContent = (check.state === 'passed' ? check.points : 0) + '/' + check.points;
};
const events = new EventSource('/api/exercises/' + id + '/events');
events.addEventListener('started', (event) => {
  const { reason } = JSON.parse(event.data);
  for (const row of rows()) row.dataset.state = 'running';
  button.disabled = true;
  status.textContent = reason === 'saved' ? 'a file was saved: grading…' : 'grading…';
});
events.addEventListener('check', (event) => {
  const { check, told, total } = JSON.parse(event.data);
  setRow(check);
  status.textContent = 'grading… ' + told + ' of ' + total + ' checks';
});
events.addEventListener('done', (event) => {
  const { html, checks, summary } = JSON.parse(event.data);
  report.innerHTML = html;
  for (const check of checks) setRow(check);
  button.disabled = false;
  status.textContent = summary;
});
button.addEventListener('click', async () => {
  button.disabled = true;
  const answer = await fetch('/api/exercises/' + id + '/grade', { method: 'POST' });
  if (!answer.ok) { status.textContent = (await answer.json()).error; button.disabled = false; }
});
const hintButton = document.getElementById('next-hint');
const showHint = async (path) => {
  const answer = await fetch('/api/exercises/' + id + '/hints/' + path, { method: 'POST' });
  const hint = await answer.json();
  if (!answer.ok) return;
  if (!document.getElementById('hint-' + hint.number)) document.getElementById('hints').insertAdjacentHTML('beforeend', hint.html);
  document.getElementById('hint-' + hint.number).scrollIntoView({ block: 'nearest' });
  if (hintButton) {
    hintButton.textContent = hint.label;
    hintButton.disabled = hint.seen >= hint.last;
  }
};
hintButton?.addEventListener('click', () => showHint('next'));
report.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-hint]');
  if (!link) return;
  event.preventDefault();
  showHint(link.dataset.hint);
});
`;
