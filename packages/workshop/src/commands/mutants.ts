import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type GradeRun, isPerfect } from '@kit/grading/results';
import { sourceFiles } from '../folders.ts';
import { gradeFolder } from '../grade.ts';
import type { Exercise } from '../kit.ts';
import { type Mutant, mutantsOf, writtenLines } from '../mutants.ts';
import { bold, dim, green, red } from '../output.ts';
import { GRADE_JOBS, mapWithLimit } from '../parallel.ts';
import { seconds } from '../tally.ts';

/** What the grader made of one mutant. */
interface MutantVerdict {
  readonly file: string;
  readonly line: number;
  readonly description: string;
  /** Every point earned: no check noticed the change. */
  readonly survived: boolean;
  /** The checks that failed it. */
  readonly killedBy: readonly string[];
  /** Errors outside the checks (a file that did not load), when they killed it. */
  readonly errors: readonly string[];
}

/**
 * The mutants of what a learner writes: the lines of the solution's code that
 * its starter does not have (a whole file the starter lacks).
 */
function mutantsOfWrittenCode(exercise: Exercise): Mutant[] {
  const solutionSrc = join(exercise.solutionDir, 'src');
  return sourceFiles(solutionSrc)
    .filter((file) => /\.(ts|mts|js|mjs)$/.test(file) && !/\.d\.m?ts$/.test(file))
    .flatMap((file) => {
      const text = readFileSync(join(solutionSrc, file), 'utf8');
      const starterFile = join(exercise.dir, 'src', file);
      const starter = existsSync(starterFile) ? readFileSync(starterFile, 'utf8') : '';
      const written = writtenLines(starter, text);
      return mutantsOf(file, text, (line) => written.has(line));
    });
}

/**
 * The kit's mutation test of one exercise: every mutant of the solution's
 * lines that the learner writes (see {@link mutantsOf}) graded with the
 * exercise's whole grader, {@link GRADE_JOBS} at a time. A mutant that still
 * gets every point survived: a change to the solution no check notices, to be
 * read by a maintainer (a missing check, or a change no learner could get
 * wrong, such as a message's wording). Exits 1 when one survived.
 */
export async function mutationTest(
  exercise: Exercise,
  options: { readonly json?: string | undefined; readonly cwd: string },
): Promise<number> {
  const mutants = mutantsOfWrittenCode(exercise);
  const started = Date.now();
  console.log(
    dim(
      `${mutants.length} mutants of ${exercise.name}'s solution, each graded with every check, ${GRADE_JOBS} at a time.`,
    ),
  );
  let done = 0;
  const verdicts = await mapWithLimit(mutants, GRADE_JOBS, async (mutant: Mutant) => {
    const run = await gradeFolder({
      exercise,
      folder: exercise.solutionDir,
      copy: true,
      edit: (srcDir) => writeFileSync(join(srcDir, mutant.file), mutant.text),
    });
    const verdict = verdictOf(mutant, run);
    done += 1;
    const where = `${mutant.file}:${mutant.line} ${mutant.description}`;
    console.log(
      `[${done}/${mutants.length}] ${where} ${
        verdict.survived
          ? red('SURVIVED')
          : green(`killed by ${verdict.killedBy[0] ?? verdict.errors[0]?.split('\n')[0]}`)
      }`,
    );
    return verdict;
  });
  const survivors = verdicts.filter((verdict) => verdict.survived);
  console.log(
    `\n${bold(`${verdicts.length - survivors.length} of ${verdicts.length} mutants killed, ${survivors.length} survived`)} (${seconds(Date.now() - started)})`,
  );
  for (const survivor of survivors)
    console.log(`  ${red('✗')} ${survivor.file}:${survivor.line} ${survivor.description}`);
  if (options.json)
    writeFileSync(resolve(options.cwd, options.json), JSON.stringify(verdicts, null, 2));
  return survivors.length === 0 ? 0 : 1;
}

function verdictOf(mutant: Mutant, run: GradeRun): MutantVerdict {
  return {
    file: mutant.file,
    line: mutant.line,
    description: mutant.description,
    survived: isPerfect(run),
    killedBy: run.checks.filter((check) => check.state !== 'passed').map((check) => check.name),
    errors: [
      ...run.errors,
      ...(run.interruption ? [`the watchdog ended the run (${run.interruption.kind})`] : []),
    ],
  };
}
