import { palette } from '@kit/grading/color';
import {
  causeGroups,
  notGradedHeadline,
  notRunReason,
  renderInterruption,
} from '@kit/grading/report';
import { type CheckResult, type GradeRun, score } from '@kit/grading/results';
import { htmlText } from '../html.ts';
import type { Exercise } from '../kit.ts';
import { KIT_FAILURE_ADVICE } from '../output.ts';
import { timelineSvg } from './timeline-svg.ts';

/**
 * A grade run as the exercise page shows it: the same verdicts, words and
 * "one cause, said once" as the terminal report, with each failure's
 * timeline drawn as SVG where the check kept its spans.
 *
 * @example
 * reportHtml(exercise, run); // '<section class="report" data-earned="6" data-possible="26">…'
 */
export function reportHtml(exercise: Exercise, run: GradeRun): string {
  const { earned, possible, passed, failed, notGraded } = score(run);
  const seconds = (run.durationMs / 1000).toFixed(1);
  if (run.kitFailure) {
    return [
      `<section class="report" data-verdict="not-graded" data-possible="${possible}">`,
      `<p class="kit-failure"><strong>${htmlText(notGradedHeadline(run.kitFailure.node))}</strong></p>`,
      `<p>${htmlText(run.kitFailure.reason)}</p><p>${htmlText(KIT_FAILURE_ADVICE)}</p>`,
      `<p class="score">Score –/${possible} (not graded): 0 passed, 0 failed, ${notGraded} not graded</p>`,
      '</section>',
    ].join('\n');
  }
  const causes = causeGroups(run.checks);
  const items = run.checks.map((check) => {
    const { first, blocked } = causes.get(check.name) ?? { first: check.name, blocked: [] };
    return checkHtml(exercise, run, check, first === check.name ? blocked : first);
  });
  const errors = [...new Set(run.errors)].map((error) => `<li>${htmlText(error)}</li>`);
  const interruption = run.interruption
    ? `<pre class="interruption">${htmlText(renderInterruption(run.interruption, run.exercise, palette(false)).join('\n'))}</pre>`
    : '';
  return [
    `<section class="report" data-verdict="${failed === 0 ? 'passed' : 'failed'}" data-earned="${earned}" data-possible="${possible}">`,
    `<p class="score"><strong>Score ${earned}/${possible}</strong>: ${passed} passed, ${failed} failed <span class="dim">(${seconds} s, ${htmlText(run.source)})</span></p>`,
    `<ol class="checks">${items.join('\n')}</ol>`,
    errors.length > 0 ? `<ul class="errors">${errors.join('')}</ul>` : '',
    interruption,
    '</section>',
  ].join('\n');
}

/**
 * One check of a report. `cause` is the checks this one's cause also fails
 * (listed here, told once), or the name of the check above where its cause
 * was told.
 */
function checkHtml(
  exercise: Exercise,
  run: GradeRun,
  check: CheckResult,
  cause: readonly string[] | string,
): string {
  const earned = check.state === 'passed' ? check.points : 0;
  const head = `<div class="head"><span class="mark"></span><span class="name">${htmlText(check.name)}</span><span class="points">${earned}/${check.points}</span></div>`;
  const body: string[] = [];
  if (check.state === 'not-run') {
    body.push(`<p class="dim">${notRunReason(check, run.interruption)}</p>`);
  }
  const failure = check.state === 'failed' ? check.failure : undefined;
  if (failure && typeof cause === 'string') {
    body.push(
      `<dl><dt>measured</dt><dd>${htmlText(failure.measured)}</dd></dl>`,
      `<p class="dim">the same cause as “${htmlText(cause)}” above</p>`,
    );
  } else if (failure) {
    const rows: Array<[string, string]> = [
      ['measured', htmlText(failure.measured)],
      ['expected', htmlText(failure.expected)],
      ['meaning', htmlText(failure.meaning)],
    ];
    if (failure.location) rows.push(['where', htmlText(failure.location)]);
    if (failure.hint !== undefined) {
      rows.push([
        'hint',
        `<a href="#hint-${failure.hint}" data-hint="${failure.hint}">hint ${failure.hint}</a> <span class="dim">(pnpm hint ${exercise.id} ${failure.hint})</span>`,
      ]);
    }
    body.push(
      `<dl>${rows.map(([term, text]) => `<dt>${term}</dt><dd>${text}</dd>`).join('')}</dl>`,
    );
    if (failure.timelineData && failure.timelineData.spans.length > 0) {
      body.push(`<figure>${timelineSvg(failure.timelineData)}</figure>`);
    } else if (failure.timeline) {
      body.push(`<pre class="timeline-text">${htmlText(failure.timeline)}</pre>`);
    }
    if (cause.length > 0) {
      const points = run.checks
        .filter((other) => cause.includes(other.name))
        .reduce((sum, other) => sum + other.points, 0);
      body.push(
        `<p class="blocks"><strong>The same cause fails ${cause.length} more ${cause.length === 1 ? 'check' : 'checks'} below (${points} points): fix it first.</strong></p>`,
      );
    }
  }
  if (check.figures.length > 0) {
    const figures = check.figures.map(
      (figure) =>
        `<li class="${figure.ok ? 'ok' : 'off'}">${htmlText(figure.label)}: ${htmlText(figure.measured)} <span class="dim">(expected ${htmlText(figure.expected)})</span></li>`,
    );
    body.push(`<ul class="figures">${figures.join('')}</ul>`);
  }
  return `<li class="check" data-state="${check.state}" data-check="${htmlText(check.name)}">${head}${body.join('')}</li>`;
}
