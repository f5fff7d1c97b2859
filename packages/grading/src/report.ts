import { type Palette, palette } from './color.ts';
import type { CheckResult, GradeRun, Interruption } from './results.ts';
import { score } from './results.ts';

export interface ReportOptions {
  /** Use ANSI colours. */
  readonly color?: boolean;
  /** The command that shows hint `n` of this exercise, e.g. `pnpm hint 01 2`. */
  readonly hintCommand?: (hint: number) => string;
  /** A heading for the report, e.g. `Exercise 01 · concurrent-awaits`. */
  readonly title?: string;
  /** What to do when the kit failed on this Node, e.g. which Node lines it is proven on. */
  readonly kitFailureAdvice?: string;
}

/**
 * The grade report a learner reads: every check with ✓ or ✗ and its points,
 * the measured figures, and for each failure what it means, which hint to
 * read and the timeline. Ends with `Score a/b` and `N passed, N failed`.
 */
export function renderReport(run: GradeRun, options: ReportOptions = {}): string {
  const paint = palette(options.color ?? false);
  const lines: string[] = [];
  if (options.title) lines.push(paint.bold(options.title), paint.dim(`grading ${run.source}`), '');
  const nameWidth = Math.min(72, Math.max(20, ...run.checks.map((check) => check.name.length)));
  if (run.kitFailure)
    return [...lines, ...renderNotGraded(run, nameWidth, paint, options)].join('\n');

  const causes = causeGroups(run.checks);
  for (const check of run.checks) {
    const { first, blocked } = causes.get(check.name) ?? { first: check.name, blocked: [] };
    if (first !== check.name) {
      lines.push(
        `  ${paint.red('✗')} ${check.name.padEnd(nameWidth)} ${paint.red(`0/${check.points}`)}`,
        `      ${paint.bold('measured')}  ${check.failure?.measured ?? ''}`,
        paint.dim(`      the same cause as "${first}" above`),
      );
      continue;
    }
    lines.push(...renderCheck(check, nameWidth, run.interruption, paint, options));
    if (blocked.length > 0) {
      const points = run.checks
        .filter((other) => blocked.includes(other.name))
        .reduce((sum, other) => sum + other.points, 0);
      lines.push(
        `      ${paint.bold('the same cause fails')} ${blocked.length} more ${blocked.length === 1 ? 'check' : 'checks'} below (${points} points): fix it first`,
      );
    }
  }
  if (run.checks.length === 0 && !run.interruption) {
    lines.push(paint.red('  No check ran: the grader could not start (see below).'));
  }
  const errorCounts = new Map<string, number>();
  for (const error of run.errors) errorCounts.set(error, (errorCounts.get(error) ?? 0) + 1);
  for (const [error, count] of errorCounts) {
    lines.push(
      '',
      `${paint.red('  !')} ${error}${count > 1 ? paint.dim(` (${count} times)`) : ''}`,
    );
  }
  if (run.interruption)
    lines.push('', ...renderInterruption(run.interruption, run.exercise, paint));

  const { earned, possible, passed, failed } = score(run);
  lines.push(
    '',
    `${paint.bold('Score')} ${earned}/${possible}   ${paint.dim(`(${(run.durationMs / 1000).toFixed(1)} s)`)}`,
    `${passed} passed, ${failed} failed`,
  );
  return lines.join('\n');
}

/** A run the kit could not grade: every check listed as not graded, the kit's failure, what to do. */
function renderNotGraded(
  run: GradeRun,
  nameWidth: number,
  paint: Palette,
  options: ReportOptions,
): string[] {
  const failure = run.kitFailure;
  if (!failure) return [];
  const { possible, notGraded } = score(run);
  return [
    ...run.checks.map(
      (check) =>
        `  ${paint.yellow('○')} ${check.name.padEnd(nameWidth)} ${paint.yellow(`–/${check.points}`)}`,
    ),
    '',
    paint.red(`  ! ${notGradedHeadline(failure.node)}`),
    `    ${failure.reason}`,
    `    ${options.kitFailureAdvice ?? 'Update the kit, or grade with a Node line it supports.'}`,
    '',
    `${paint.bold('Score')} –/${possible}   ${paint.dim('(not graded)')}`,
    `0 passed, 0 failed, ${notGraded} not graded`,
  ];
}

/** Why a check has no verdict: the watchdog ended the run at it, or before it. */
export function notRunReason(check: CheckResult, interruption: Interruption | undefined): string {
  return interruption?.check === check.name
    ? 'the watchdog ended the run here (see below)'
    : 'not run: the run ended before this check';
}

/** The first words of a run the kit could not grade: not the learner's fault, on which Node. */
export function notGradedHeadline(node: string): string {
  return `Not graded: the kit failed on Node ${node}. This is not your code's fault.`;
}

/** Where a failed check's cause is told: at its first check, which lists the others it fails. */
export interface CauseGroup {
  /** The check where the cause is told in full. */
  readonly first: string;
  /** The checks after it that failed for the same cause (empty but at the first). */
  readonly blocked: readonly string[];
}

/**
 * One cause, said once: checks that failed for the same reason (the same
 * expectation, meaning and hint, whatever each measured) are told in full at
 * the first, which lists the others; each of those keeps its own measured
 * line and points back to it. Keyed by check name; failed checks only.
 *
 * @example
 * causeGroups(run.checks).get('upload 2 …'); // { first: 'upload 1 …', blocked: [] }
 */
export function causeGroups(checks: readonly CheckResult[]): Map<string, CauseGroup> {
  const byCause = new Map<string, string[]>();
  for (const check of checks) {
    if (check.state !== 'failed' || !check.failure) continue;
    const cause = causeOf(check.failure);
    byCause.set(cause, [...(byCause.get(cause) ?? []), check.name]);
  }
  const groups = new Map<string, CauseGroup>();
  for (const [first, ...others] of byCause.values()) {
    if (first === undefined) continue;
    groups.set(first, { first, blocked: others });
    for (const other of others) groups.set(other, { first, blocked: [] });
  }
  return groups;
}

/**
 * Why a check failed, apart from the figure it measured and its timeline:
 * two checks that expected the same, with the same meaning and hint, failed
 * for one cause.
 */
function causeOf(failure: NonNullable<CheckResult['failure']>): string {
  return JSON.stringify([failure.expected, failure.meaning, failure.hint]);
}

function renderCheck(
  check: CheckResult,
  nameWidth: number,
  interruption: Interruption | undefined,
  paint: Palette,
  options: ReportOptions,
): string[] {
  const points = `${check.state === 'passed' ? check.points : 0}/${check.points}`;
  const name = check.name.padEnd(nameWidth);
  if (check.state === 'passed') {
    const figures = check.figures.map((figure) =>
      paint.dim(`      ${figure.label}: ${figure.measured}  (expected ${figure.expected})`),
    );
    return [`  ${paint.green('✓')} ${name} ${paint.green(points)}`, ...figures];
  }
  if (check.state === 'not-run') {
    const why = notRunReason(check, interruption);
    return [`  ${paint.yellow('○')} ${name} ${paint.yellow(points)}`, paint.dim(`      ${why}`)];
  }
  const lines = [`  ${paint.red('✗')} ${name} ${paint.red(points)}`];
  const failure = check.failure;
  if (failure) {
    lines.push(`      ${paint.bold('measured')}  ${failure.measured}`);
    lines.push(`      ${paint.bold('expected')}  ${failure.expected}`);
    lines.push(`      ${paint.bold('meaning')}   ${failure.meaning}`);
    if (failure.location) lines.push(`      ${paint.bold('where')}     ${failure.location}`);
    if (failure.hint !== undefined) {
      const command = options.hintCommand?.(failure.hint) ?? `hint ${failure.hint}`;
      lines.push(`      ${paint.bold('hint')}      ${paint.yellow(command)}`);
    }
    if (failure.timeline) {
      lines.push(`      ${paint.bold('timeline')}`);
      lines.push(...failure.timeline.split('\n').map((line) => `        ${line}`));
    }
  }
  return lines;
}

/** What the watchdog found when it ended a run, in the report's words. */
export function renderInterruption(
  interruption: Interruption,
  exercise: string,
  paint: Palette,
): string[] {
  const seconds = (interruption.afterMs / 1000).toFixed(0);
  const where = interruption.check
    ? `while "${interruption.check}" ran`
    : 'while the grader loaded';
  if (interruption.kind === 'never-yielded') {
    return [
      paint.red(`  ${exercise}: your code never yielded ${where}.`),
      `  The check's own timer could not fire for ${seconds} s, so the event loop was blocked: a loop that never`,
      '  ends, or synchronous work that never awaits. The watchdog ended the run; no process is left behind.',
    ];
  }
  return [
    paint.red(`  ${exercise}: the run made no progress for ${seconds} s ${where}.`),
    '  The watchdog ended it; no process is left behind. If your code waits on something that never comes,',
    '  that is the place to look.',
  ];
}
