import { spawnSync } from 'node:child_process';
import { renderReport } from '@kit/grading/report';
import { type GradeRun, isPerfect, score } from '@kit/grading/results';
import { gradeFolder } from '../grade.ts';
import type { Exercise } from '../kit.ts';
import { bold, dim, green, red } from '../output.ts';
import { applyVariant, readVariants } from '../variants.ts';

interface Tally {
  passed: number;
  failed: number;
}

function verdict(tally: Tally, ok: boolean, text: string, detail?: string): void {
  if (ok) tally.passed += 1;
  else tally.failed += 1;
  console.log(`  ${ok ? green('✓') : red('✗')} ${text}`);
  if (!ok && detail) console.log(detail.replace(/^/gm, '      '));
}

const failedChecks = (run: GradeRun) =>
  run.checks.filter((check) => check.state !== 'passed').map((check) => check.name);

/**
 * The kit proving itself: every grader passes its solution, fails its
 * untouched starter and each wrong variant where it says it will, every check
 * is seen failing at least once, and the packages' own tests pass.
 */
export async function selfCheck(root: string, exercises: readonly Exercise[]): Promise<number> {
  const tally: Tally = { passed: 0, failed: 0 };

  console.log(bold('Package tests (turbo run test)'));
  const packages = spawnSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'test', '--output-logs=errors-only'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  verdict(tally, packages.status === 0, "the packages' own tests pass");

  for (const exercise of exercises) {
    console.log(`\n${bold(exercise.name)}`);
    const solution = await gradeFolder({ exercise, folder: exercise.solutionDir, copy: false });
    const { earned, possible, passed } = score(solution);
    verdict(
      tally,
      isPerfect(solution),
      `the solution passes every check (${passed}/${solution.checks.length}, ${earned}/${possible} pts, ${(solution.durationMs / 1000).toFixed(1)} s)`,
      renderReport(solution),
    );

    const starter = await gradeFolder({ exercise, folder: exercise.dir, copy: false });
    const starterFails = failedChecks(starter);
    verdict(
      tally,
      starterFails.length > 0 && starter.checks.length === solution.checks.length,
      starterFails.length > 0
        ? `the starter fails ${starterFails.length} of ${starter.checks.length} checks: ${starterFails.join('; ')}`
        : 'the starter fails at least one check',
      renderReport(starter),
    );

    const seenFailing = new Set(starterFails);
    for (const variant of readVariants(exercise)) {
      const run = await gradeFolder({
        exercise,
        folder: exercise.solutionDir,
        copy: true,
        edit: (srcDir) => applyVariant(variant, srcDir),
      });
      const fails = failedChecks(run);
      for (const name of fails) seenFailing.add(name);
      const missed = variant.fails.filter((name) => !fails.includes(name));
      verdict(
        tally,
        missed.length === 0,
        `wrong variant "${variant.name}" fails ${variant.fails.join('; ')}`,
        missed.length > 0 ? `still passing: ${missed.join('; ')}\n${renderReport(run)}` : undefined,
      );
    }

    const neverFailing = solution.checks
      .map((check) => check.name)
      .filter((name) => !seenFailing.has(name));
    verdict(
      tally,
      neverFailing.length === 0,
      'every check fails on the starter or on a wrong variant',
      `never seen failing (a check that cannot fail is a defect): ${neverFailing.join('; ')}`,
    );
  }

  console.log(
    '',
    dim('A ✗ above names what broke; `pnpm test <exercise> --solution` shows the full report.'),
  );
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed === 0 ? 0 : 1;
}
