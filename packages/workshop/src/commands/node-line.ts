import { renderReport } from '@kit/grading/report';
import { isPerfect } from '@kit/grading/results';
import { gradeFolder } from '../grade.ts';
import type { Exercise } from '../kit.ts';
import { lineDifferences, readLineScores, summarize } from '../node-line.ts';
import { bold } from '../output.ts';
import { seconds, type Tally, verdict } from '../tally.ts';

/**
 * The kit on this Node against its grades on another (the scores file the
 * self-check wrote there): every solution passes every check, and every
 * starter gets the same verdict on every check. CI runs it on each Node line
 * the kit supports.
 */
export async function checkNodeLine(
  exercises: readonly Exercise[],
  scoresFile: string,
): Promise<number> {
  const recorded = readLineScores(scoresFile);
  const tally: Tally = { passed: 0, failed: 0 };
  const started = Date.now();
  console.log(bold(`The exercises on Node ${process.version}, against ${recorded.node}`));
  for (const exercise of exercises) {
    const there = recorded.exercises[exercise.name];
    const solution = await gradeFolder({ exercise, folder: exercise.solutionDir, copy: false });
    verdict(
      tally,
      isPerfect(solution),
      `${exercise.name}: the solution passes every check (${seconds(solution.durationMs)})`,
      renderReport(solution),
    );
    const starter = await gradeFolder({ exercise, folder: exercise.dir, copy: false });
    const here = summarize(starter);
    const differences = there
      ? lineDifferences(here, there.starter, recorded.node)
      : [`${scoresFile} has no grade of ${exercise.name} from ${recorded.node}`];
    verdict(
      tally,
      differences.length === 0,
      `${exercise.name}: the starter scores ${here.earned}/${here.possible}, as on ${recorded.node}`,
      `${differences.join('\n')}\n${renderReport(starter)}`,
    );
  }
  console.log(`\n  ${'the whole check'.padEnd(40)} ${seconds(Date.now() - started).padStart(7)}`);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed === 0 ? 0 : 1;
}
