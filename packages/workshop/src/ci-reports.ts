import { type GradeRun, score } from '@kit/grading/results';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** What a run the kit could not grade says on each of its checks. */
function kitFailureText(run: GradeRun): string | undefined {
  const failure = run.kitFailure;
  return failure && `not graded: the kit failed on Node ${failure.node}: ${failure.reason}`;
}

function failureText(run: GradeRun, name: string): string {
  const kitFailure = kitFailureText(run);
  if (kitFailure) return kitFailure;
  const check = run.checks.find((candidate) => candidate.name === name);
  const failure = check?.failure;
  if (!failure) return check?.state === 'not-run' ? 'not run: the run ended before this check' : '';
  return [
    `measured: ${failure.measured}`,
    `expected: ${failure.expected}`,
    `meaning: ${failure.meaning}`,
    ...(failure.timeline ? [failure.timeline] : []),
  ].join('\n');
}

/** Machine-readable grades: every check with its points and figures. */
export function toJson(runs: readonly GradeRun[]): string {
  return JSON.stringify(
    runs.map((run) => ({ ...run, score: score(run) })),
    null,
    2,
  );
}

/** JUnit XML, one test suite per exercise and one test case per check. */
export function toJunit(runs: readonly GradeRun[]): string {
  const suites = runs.map((run) => {
    const { failed, notGraded } = score(run);
    const cases = run.checks.map((check) => {
      const time = ((check.durationMs ?? 0) / 1000).toFixed(3);
      const open = `    <testcase classname="${escapeXml(run.exercise)}" name="${escapeXml(check.name)}" time="${time}">`;
      const kitFailure = kitFailureText(run);
      if (kitFailure)
        return `${open}\n      <skipped message="${escapeXml(kitFailure)}"/>\n    </testcase>`;
      if (check.state === 'passed') return `${open}</testcase>`;
      const message = check.failure?.measured ?? 'not run';
      return `${open}\n      <failure message="${escapeXml(message)}">${escapeXml(failureText(run, check.name))}</failure>\n    </testcase>`;
    });
    return [
      `  <testsuite name="${escapeXml(run.exercise)}" tests="${run.checks.length}" failures="${failed}" skipped="${notGraded}" time="${(run.durationMs / 1000).toFixed(3)}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites>',
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/** The result format GitHub Classroom's autograding reporter reads: points per test. */
export function toClassroom(runs: readonly GradeRun[]): string {
  const tests = runs.flatMap((run) =>
    run.checks.map((check) => ({
      name: `${run.exercise}: ${check.name}`,
      status: run.kitFailure ? 'error' : check.state === 'passed' ? 'pass' : 'fail',
      score: check.state === 'passed' && !run.kitFailure ? check.points : 0,
      max_score: check.points,
      message: failureText(run, check.name),
    })),
  );
  const maxScore = tests.reduce((sum, test) => sum + test.max_score, 0);
  const status = tests.some((test) => test.status === 'error')
    ? 'error'
    : tests.every((test) => test.status === 'pass')
      ? 'pass'
      : 'fail';
  return JSON.stringify({ version: 1, status, max_score: maxScore, tests });
}

/** A Markdown summary for a CI job page ($GITHUB_STEP_SUMMARY). */
export function toStepSummary(runs: readonly GradeRun[]): string {
  const lines = ['| exercise | check | points | measured |', '| --- | --- | --- | --- |'];
  for (const run of runs) {
    for (const check of run.checks) {
      const mark = run.kitFailure ? '⚠️ not graded:' : check.state === 'passed' ? '✅' : '❌';
      const earned = check.state === 'passed' && !run.kitFailure ? check.points : 0;
      const measured = (
        kitFailureText(run) ??
        check.failure?.measured ??
        check.figures[0]?.measured ??
        ''
      ).replace(/\|/g, '\\|');
      lines.push(
        `| ${run.exercise} | ${mark} ${check.name} | ${earned}/${check.points} | ${measured} |`,
      );
    }
  }
  const totals = runs.map((run) => {
    const { earned, possible } = score(run);
    if (run.kitFailure)
      return `**${run.exercise}**: not graded (the kit failed on Node ${run.kitFailure.node})`;
    return `**${run.exercise}**: ${earned}/${possible}`;
  });
  return [`## Grades`, '', totals.join(' · '), '', ...lines, ''].join('\n');
}
