import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReport } from '@kit/grading/report';
import { type GradeRun, isPerfect, score, timeInChecks } from '@kit/grading/results';
import { holdScratch } from '@kit/grading/watchdog';
import { WHOLE_RUN_CHECK } from '@kit/grading/whole-run';
import { catalogDifferences, hintDifferences, readCatalog } from '../catalog.ts';
import { gradeFolder } from '../grade.ts';
import { escapingVariant, hostileVariants } from '../hostile.ts';
import type { Exercise } from '../kit.ts';
import { isVoid, MANIFEST_FILE, manifestDifferences } from '../manifest.ts';
import { type LineScores, summarize, writeLineScores } from '../node-line.ts';
import { bold, dim } from '../output.ts';
import { GRADE_JOBS, mapWithLimit } from '../parallel.ts';
import { promiseProblems } from '../promises.ts';
import { seconds, type Tally, verdict } from '../tally.ts';
import { applyVariant, readVariantsFile, type Variant } from '../variants.ts';

const notPassing = (run: GradeRun) =>
  run.checks.filter((check) => check.state !== 'passed').map((check) => check.name);

/**
 * The folder of a solution that holds files of it written in another style:
 * they replace the solution's own, and the result must pass every check too.
 */
const ANOTHER_STYLE = 'another-style';

/**
 * The kit proving itself: every grader passes its solution, fails its
 * untouched starter, each wrong variant where it says it will and each
 * hostile variant without being fooled; every check is seen failing at least
 * once; the READMEs agree with the graders; the packages' own tests pass; and
 * the whole run leaves nothing in the temp folder or the work tree.
 */
export async function selfCheck(
  root: string,
  exercises: readonly Exercise[],
  options: {
    readonly packages: boolean;
    /** Where to write the solutions' and starters' grades, for `pnpm workshop node-line --against`. */
    readonly scoresFile?: string | undefined;
  } = { packages: true },
): Promise<number> {
  const scores: LineScores['exercises'] = {};
  const tally: Tally = { passed: 0, failed: 0 };
  const started = Date.now();
  // Everything this run and its children put in the temp folder lands here, to be found.
  const tempRoot = mkdtempSync(join(tmpdir(), 'kit-self-check-'));
  process.env.TMPDIR = tempRoot;
  // Stopped part-way (Ctrl-C, a CI timeout, an error), the self-check still takes its folder with it.
  const releaseTempRoot = holdScratch(tempRoot);
  const treeBefore = gitStatus(root);

  // `pnpm test` with no exercise is every Node developer's habit: say what this is before it runs.
  console.log(
    dim(
      `The kit's own self-check, on Node ${process.version}: ${options.packages ? "the packages' tests, then " : ''}every grader against its solution, its starter and its wrong and hostile variants. It takes minutes (about 30 with all nine exercises on two cores). To grade your own work instead: pnpm test 01 (or any exercise's number).\n`,
    ),
  );
  console.log(bold('The kit'));
  const manifest = manifestDifferences(root);
  verdict(
    tally,
    manifest.length === 0,
    `the graders and toolkit match ${MANIFEST_FILE}`,
    `${manifest.join('\n')}\nAfter changing a grader on purpose: pnpm manifest`,
  );
  if (options.packages) verdict(tally, packageTests(root), "the packages' own tests pass");

  const times: ExerciseTimes[] = [];
  for (const exercise of exercises) {
    console.log(`\n${bold(exercise.name)}`);
    const exerciseStarted = Date.now();
    const solution = await checkExercise(exercise, tally, scores);
    times.push({
      name: exercise.name,
      selfCheckMs: Date.now() - exerciseStarted,
      gradeMs: solution.durationMs,
      inChecksMs: timeInChecks(solution),
    });
  }

  console.log(`\n${bold('Nothing left behind')}`);
  const leftovers = readdirSync(tempRoot);
  verdict(
    tally,
    leftovers.length === 0,
    'the temp folder holds nothing new',
    `left in the temp folder: ${leftovers.join(', ')}`,
  );
  const treeAfter = gitStatus(root);
  verdict(
    tally,
    treeAfter === treeBefore,
    'the work tree is as it was (git status)',
    `before:\n${treeBefore || '(clean)'}\nafter:\n${treeAfter || '(clean)'}`,
  );
  rmSync(tempRoot, { recursive: true, force: true });
  releaseTempRoot();
  if (options.scoresFile) writeLineScores(options.scoresFile, scores);

  printTimes(times, Date.now() - started);
  if (tally.failed > 0) {
    console.log(
      '',
      dim('A ✗ above names what broke; `pnpm test <exercise> --solution` shows the full report.'),
    );
  }
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed === 0 ? 0 : 1;
}

interface ExerciseTimes {
  readonly name: string;
  /** This exercise's part of the self-check: every subject graded. */
  readonly selfCheckMs: number;
  /** One grade of the solution, as `pnpm test NN --solution` takes it. */
  readonly gradeMs: number;
  /** Of that grade, the time some check was running: the waits the scenarios are made of. */
  readonly inChecksMs: number;
}

/**
 * The time table: for each exercise its part of the self-check, and one grade
 * of its solution split into the checks' own time and the kit's overhead
 * (starting the test runner, the apps and the workers), the figure a learner
 * waits for beyond what the scenarios measure.
 */
function printTimes(times: readonly ExerciseTimes[], wholeMs: number): void {
  const row = (cells: readonly string[]) =>
    `  ${(cells[0] ?? '').padEnd(40)}${cells
      .slice(1)
      .map((cell) => cell.padStart(12))
      .join('')}`;
  console.log(`\n${bold('Times')}`);
  console.log(dim(row(['', 'self-check', 'one grade', 'in checks', 'overhead'])));
  for (const time of times) {
    console.log(
      row([
        time.name,
        seconds(time.selfCheckMs),
        seconds(time.gradeMs),
        seconds(time.inChecksMs),
        seconds(time.gradeMs - time.inChecksMs),
      ]),
    );
  }
  console.log(row(['the whole self-check', seconds(wholeMs)]));
  console.log(
    dim(
      '  one grade: the solution graded alone; in checks: while some check ran; overhead: the rest (test runner, apps, workers).',
    ),
  );
}

/**
 * The packages' tests through turbo, one package at a time: several of them
 * time real servers, event loops and child processes, and on two cores they
 * would otherwise measure each other. A suite skipped for a missing service
 * says so in a `[kit]` line; a failing package's own output is shown whole.
 */
function packageTests(root: string): boolean {
  const result = spawnSync(
    'pnpm',
    [
      'exec',
      'turbo',
      'run',
      'test',
      '--continue',
      '--concurrency=1',
      '--output-logs=full',
      '--log-order=grouped',
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const output = `${result.stdout}${result.stderr}`;
  const lines = output.split('\n');
  if (result.status !== 0) {
    const failed = [...output.matchAll(/(@kit\/[\w-]+)#test/g)].map((match) => `${match[1]}:test:`);
    const theirs = lines.filter((line) => failed.some((prefix) => line.startsWith(prefix)));
    console.log([...theirs, ...lines.slice(-12)].join('\n'));
    return false;
  }
  for (const line of lines) {
    const notice = /\[kit\] (.*)$/.exec(line)?.[1];
    if (notice) console.log(`  ${dim('–')} ${notice}`);
  }
  return true;
}

function gitStatus(root: string): string {
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd: root,
    encoding: 'utf8',
  });
  return status.status === 0 ? status.stdout.trim() : '(not a git checkout)';
}

/** Grades every subject of one exercise; returns the solution's grade, for the time table. */
async function checkExercise(
  exercise: Exercise,
  tally: Tally,
  scores: LineScores['exercises'],
): Promise<GradeRun> {
  const solution = await gradeFolder({ exercise, folder: exercise.solutionDir, copy: false });
  const { earned, possible, passed } = score(solution);
  verdict(
    tally,
    isPerfect(solution),
    `the solution passes every check (${passed}/${solution.checks.length}, ${earned}/${possible} pts, ${seconds(solution.durationMs)})`,
    renderReport(solution),
  );
  const catalog = readCatalog(exercise);
  const differences = catalogDifferences(catalog, solution);
  const unproven = promiseProblems(exercise);
  verdict(
    tally,
    unproven.length === 0,
    'every promise of the task names the checks that grade it, and a wrong variant fails each',
    `${unproven.join('\n')}\nEach sentence of "Your task" is quoted in variants.json: under promises with the checks that grade it, or under context when it promises nothing.`,
  );

  const { hostileEntry, variants: written } = readVariantsFile(exercise);
  const variants = [...written, escapingVariant(hostileEntry)];
  const hostile = hostileVariants(hostileEntry);
  const fileOf = new Map(solution.checks.map((check) => [check.name, check.file]));
  const gradeVariant = (variant: Variant) =>
    gradeFolder({
      exercise,
      folder: variant.base === 'starter' ? exercise.dir : exercise.solutionDir,
      copy: true,
      edit: (srcDir) => applyVariant(variant, srcDir),
      // A wrong solution needs only the grader files of the checks it must fail; an attack gets them all.
      // The whole-run check is judged on a whole run.
      files:
        variant.base === 'solution' && !variant.failsAll && !variant.fails.includes(WHOLE_RUN_CHECK)
          ? [...new Set(variant.fails.map((name) => fileOf.get(name) ?? ''))]
          : undefined,
    });
  // A correct solution in another style, when there is one: no check may lean on the reference's way.
  const anotherStyle = join(exercise.solutionDir, ANOTHER_STYLE, 'src');
  const gradeAnotherStyle = existsSync(anotherStyle)
    ? () =>
        gradeFolder({
          exercise,
          folder: exercise.solutionDir,
          copy: true,
          edit: (srcDir) => cpSync(anotherStyle, srcDir, { recursive: true }),
        })
    : undefined;
  // The solution above was graded alone; the rest run GRADE_JOBS at a time (their
  // verdicts hold with the other cores busy), attacks on the starter once the starter is graded.
  const [starter, anotherStyleRun, ...wrongRuns] = await mapWithLimit(
    [
      () => gradeFolder({ exercise, folder: exercise.dir, copy: false }),
      gradeAnotherStyle,
      ...variants.map((variant) => () => gradeVariant(variant)),
    ],
    GRADE_JOBS,
    async (grade): Promise<GradeRun | undefined> => grade?.(),
  );
  if (!starter) throw new Error('the starter was not graded');
  scores[exercise.name] = { solution: summarize(solution), starter: summarize(starter) };
  if (anotherStyleRun) {
    const other = score(anotherStyleRun);
    verdict(
      tally,
      isPerfect(anotherStyleRun),
      `the solution written another way (${ANOTHER_STYLE}/) passes every check too (${other.passed}/${anotherStyleRun.checks.length}, ${other.earned}/${other.possible} pts, ${seconds(anotherStyleRun.durationMs)})`,
      renderReport(anotherStyleRun),
    );
  }
  const hostileRuns = await mapWithLimit(hostile, GRADE_JOBS, gradeVariant);

  const starterFails = notPassing(starter);
  verdict(
    tally,
    starterFails.length > 0 && starter.checks.length === solution.checks.length,
    starterFails.length > 0
      ? `the starter fails ${starterFails.length} of ${starter.checks.length} checks: ${starterFails.join('; ')}`
      : 'the starter fails at least one check',
    renderReport(starter),
  );
  differences.push(...hintDifferences(catalog, starter));

  const seenFailing = new Set(starterFails);
  const graded: Array<[Variant, GradeRun]> = [
    ...variants.map((variant, i) => [variant, wrongRuns[i] as GradeRun] as [Variant, GradeRun]),
    ...hostile.map((variant, i) => [variant, hostileRuns[i] as GradeRun] as [Variant, GradeRun]),
  ];
  for (const [variant, run] of graded) {
    const base = variant.base === 'starter' ? starter : solution;
    for (const check of run.checks) if (check.state === 'failed') seenFailing.add(check.name);
    differences.push(...hintDifferences(catalog, run));
    const problems = variantProblems(variant, run, base, solution.checks.length);
    verdict(
      tally,
      problems.length === 0,
      `${variant.name.startsWith('hostile') ? '' : 'wrong variant '}"${variant.name}" ${expectation(variant)}`,
      `${problems.join('\n')}\n${renderReport(run)}`,
    );
  }

  verdict(
    tally,
    differences.length === 0,
    "the README's checks table, its total and HINTS.md agree with the graders",
    [...new Set(differences)].join('\n'),
  );
  const neverFailing = solution.checks
    .map((check) => check.name)
    .filter((name) => !seenFailing.has(name));
  verdict(
    tally,
    neverFailing.length === 0,
    'every check fails on the starter or on a wrong variant',
    `never seen failing (a check that cannot fail is a defect): ${neverFailing.join('; ')}`,
  );
  return solution;
}

function expectation(variant: Variant): string {
  if (variant.failsAll) return 'passes no check';
  if (variant.sameAsBase) return `gets the ${variant.base}'s grade, no more`;
  return `fails ${variant.fails.join('; ')}`;
}

/** What a variant's grade shows that it must not; empty when it is as the variant says. */
function variantProblems(variant: Variant, run: GradeRun, base: GradeRun, total: number): string[] {
  const problems: string[] = [];
  const failing = notPassing(run);
  if (run.checks.length !== total)
    problems.push(`the report lists ${run.checks.length} checks, not all ${total}`);
  if (isVoid(run)) problems.push('the graders or toolkit changed while it was graded');
  const missed = variant.fails.filter((name) => !failing.includes(name));
  if (missed.length > 0) problems.push(`still passing: ${missed.join('; ')}`);
  if (variant.failsAll) {
    const passing = run.checks.filter((check) => check.state === 'passed').map((c) => c.name);
    if (passing.length > 0) problems.push(`passing: ${passing.join('; ')}`);
  }
  if (variant.sameAsBase) {
    const gained = notPassing(base).filter((name) => !failing.includes(name));
    if (gained.length > 0)
      problems.push(`passing where the ${variant.base} fails: ${gained.join('; ')}`);
  }
  return problems;
}
