import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult, GradeRun } from '@kit/grading/results';
import type { Exercise } from './kit.ts';

/** One row of the checks table in an exercise's README. */
export interface CatalogCheck {
  readonly name: string;
  readonly points: number;
}

/** What an exercise's README and HINTS.md promise: its checks, its total and its hints. */
export interface Catalog {
  readonly checks: readonly CatalogCheck[];
  /** The "N points in all." line under the table, when there is one. */
  readonly total: number | undefined;
  /** The numbers of the `## Hint N` sections of HINTS.md, in file order. */
  readonly hints: readonly number[];
  /** The hints that do not open with the question they answer (`**Ask first:** …?`). */
  readonly unasked?: readonly number[];
}

/** A hint opens with a nudge, a question to ask oneself, before it comes near the answer. */
const OPENING_QUESTION = /^\*\*Ask first:\*\* .+\?$/;

/**
 * Reads the table whose header starts `| check | points |` from a README.
 *
 * @example
 * parseChecksTable('| check | points | passes when |\n| --- | --- | --- |\n| runAll … | 3 | … |');
 * // [{ name: 'runAll …', points: 3 }]
 */
export function parseChecksTable(readme: string): CatalogCheck[] {
  const lines = readme.split('\n');
  const header = lines.findIndex((line) => /^\|\s*check\s*\|\s*points\s*\|/.test(line));
  if (header === -1) return [];
  const checks: CatalogCheck[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [name = '', points = ''] = line
      .split('|')
      .slice(1)
      .map((cell) => cell.trim());
    checks.push({ name, points: Number(points) });
  }
  return checks;
}

export function readCatalog(exercise: Exercise): Catalog {
  const readmeFile = join(exercise.dir, 'README.md');
  // Without a README there is no table to list: the self-check says so as a difference.
  const readme = existsSync(readmeFile) ? readFileSync(readmeFile, 'utf8') : '';
  const total = /^(\d+) points in all\./m.exec(readme)?.[1];
  const hintsFile = join(exercise.dir, 'HINTS.md');
  const sections = existsSync(hintsFile)
    ? [...readFileSync(hintsFile, 'utf8').matchAll(/^## Hint (\d+)[^\n]*\n+([^\n]*)/gm)].map(
        (match) => ({ number: Number(match[1]), opening: match[2] ?? '' }),
      )
    : [];
  return {
    checks: parseChecksTable(readme),
    total: total === undefined ? undefined : Number(total),
    hints: sections.map((section) => section.number),
    unasked: sections
      .filter((section) => !OPENING_QUESTION.test(section.opening))
      .map((section) => section.number),
  };
}

/**
 * Gives a run every check of the exercise, in the README's order: a check the
 * run never reported (the run died before it) is listed as not graded, with
 * its points in the denominator, so a grade always has the same total.
 */
export function completeRun(run: GradeRun, catalog: Catalog): GradeRun {
  const reported = new Map(run.checks.map((check) => [check.name, check]));
  const listed: CheckResult[] = catalog.checks.map(
    (entry) =>
      reported.get(entry.name) ?? {
        name: entry.name,
        file: '',
        points: entry.points,
        state: 'not-run',
        figures: [],
      },
  );
  const unlisted = run.checks.filter(
    (check) => !catalog.checks.some((entry) => entry.name === check.name),
  );
  return { ...run, checks: [...listed, ...unlisted] };
}

/**
 * Where the README, HINTS.md and the graders disagree, judged on a run that
 * reached every check (the solution's): each difference as a sentence.
 */
export function catalogDifferences(catalog: Catalog, run: GradeRun): string[] {
  const differences: string[] = [];
  const inReadme = new Map(catalog.checks.map((entry) => [entry.name, entry]));
  const inGraders = new Map(run.checks.map((check) => [check.name, check]));
  for (const check of run.checks) {
    const entry = inReadme.get(check.name);
    if (!entry) differences.push(`the graders have "${check.name}", the README's table does not`);
    else if (entry.points !== check.points)
      differences.push(
        `"${check.name}" is worth ${entry.points} in the README, ${check.points} in its grader`,
      );
  }
  for (const entry of catalog.checks) {
    if (!inGraders.has(entry.name))
      differences.push(`the README's table has "${entry.name}", no grader does`);
  }
  const sum = catalog.checks.reduce((total, entry) => total + entry.points, 0);
  if (catalog.total === undefined)
    differences.push('the README has no "N points in all." line under its table');
  else if (catalog.total !== sum)
    differences.push(`the README says ${catalog.total} points in all, its table adds up to ${sum}`);
  const expectedHints = catalog.hints.map((_, index) => index + 1);
  if (catalog.hints.join() !== expectedHints.join())
    differences.push(
      `HINTS.md numbers its hints ${catalog.hints.join(', ')}, not 1 to ${catalog.hints.length}`,
    );
  for (const hint of catalog.unasked ?? [])
    differences.push(
      `HINTS.md's hint ${hint} does not open with its question ("**Ask first:** …?"): a hint goes from a nudge to nearly the answer`,
    );
  return [...differences, ...hintDifferences(catalog, run)];
}

/**
 * Hints a run's checks point to that HINTS.md does not have. Failures name
 * their own hints, so every run (starter, variants) adds some to look at.
 */
export function hintDifferences(catalog: Catalog, run: GradeRun): string[] {
  return run.checks.flatMap((check) =>
    [check.hint, check.failure?.hint]
      .filter((hint) => hint !== undefined && !catalog.hints.includes(hint))
      .map((hint) => `"${check.name}" points to hint ${hint}, which HINTS.md does not have`),
  );
}
