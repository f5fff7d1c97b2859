import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NOT_GRADED_EXIT_CODE } from '@kit/grading/kit-failure';
import {
  classTargets,
  gradeClass,
  mergeClassGrades,
  shardOf,
  writeClassGrade,
} from './commands/class-grade.ts';
import { compareFolders } from './commands/compare.ts';
import { gradeForCi } from './commands/grade.ts';
import { showHint } from './commands/hint.ts';
import { checkNodeLine } from './commands/node-line.ts';
import { resetExercise } from './commands/reset.ts';
import { selfCheck } from './commands/self-check.ts';
import { serveExercise } from './commands/serve.ts';
import { showSolution } from './commands/solution.ts';
import { showHome } from './commands/start.ts';
import { gradeExercises } from './commands/test.ts';
import { type Exercise, findKitRoot, listExercises, resolveExercise, UsageError } from './kit.ts';
import { MANIFEST_FILE, writeManifest } from './manifest.ts';
import { red } from './output.ts';

const USAGE = `Usage: pnpm <command> [exercise] [options]

  pnpm start                         the workshop home: every exercise, its status, what to do next
      --web                          the workshop in your browser: lessons, live grades, timelines (--port <n>)
  pnpm test <exercise…>              grade your code in exercises/<exercise>/src
      --watch                        grade again on every save
      --solution                     grade the reference solution instead
      --target <dir>                 grade any folder laid out like the exercise (a student's submission)
      --only <check>                 grade one check alone: its number in the README's table, or words of its name
  pnpm test                          the kit's self-check (every grader against solution, starter, variants)
  pnpm serve <exercise>              start the exercise's app on a port (--solution, --target <dir>, --port <n>)
  pnpm hint <exercise> [n] [--all]   the next hint, hint n, or all of them
  pnpm solution <exercise>           your code against the solution, and the solution's notes
  pnpm reset <exercise>              put the starter back (your files are kept in .workshop/backups)
  pnpm compare <exercise> <dir…>     grade several folders side by side
  pnpm grade [exercise…]             grading for CI: --target <dir>, --json <file>, --junit <file>, --classroom <file>
  pnpm grade <exercise> --targets <dir…>   grade a class: one row per submission, one column per check
      --targets-file <file>          the submissions' folders, one a line (instead of or beside the names)
      --shard k/n                    grade the k-th of n equal parts, for a CI matrix
      --json / --csv / --markdown / --html <file>   the table as JSON (for merging), CSV, Markdown or one HTML page
  pnpm grade merge <json…>           join the shards' JSON into one table (--csv, --markdown, --html, --json)

  pnpm test --scores <file>          maintainers: the self-check, writing each solution's and starter's grade
  pnpm workshop self-check [ex…]     maintainers: the self-check of some exercises only (no package tests)
  pnpm workshop node-line --against <file>   maintainers: on this Node, every solution passes and every
                                     starter scores as in <file> (what CI runs on each supported Node line)
  pnpm workshop mutants <exercise>   maintainers: grade every small change to the solution (an await
                                     removed, a bound off by one…) and list those no check notices (--json)
  pnpm manifest                      maintainers: record the graders' and toolkit's hashes after changing them

An exercise is named by its number (03 or 3), its folder name or its slug.`;

function one(exercises: readonly Exercise[], names: readonly string[], command: string): Exercise {
  const [name] = names;
  if (!name) throw new UsageError(`Name an exercise: pnpm ${command} 01`);
  return resolveExercise(exercises, name);
}

/** Runs the workshop CLI; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      watch: { type: 'boolean', default: false },
      web: { type: 'boolean', default: false },
      solution: { type: 'boolean', default: false },
      target: { type: 'string' },
      all: { type: 'boolean', default: false },
      json: { type: 'string' },
      junit: { type: 'string' },
      classroom: { type: 'string' },
      targets: { type: 'boolean', default: false },
      'targets-file': { type: 'string' },
      shard: { type: 'string' },
      csv: { type: 'string' },
      markdown: { type: 'string' },
      html: { type: 'string' },
      port: { type: 'string' },
      scores: { type: 'string' },
      against: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...names] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const root = findKitRoot();
  const exercises = listExercises(root);
  // pnpm runs scripts from the kit's root; paths the user typed start where they typed them.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const named = () => names.map((name) => resolveExercise(exercises, name));

  switch (command) {
    case 'start':
      if (values.web) {
        // Loaded only here: the web workshop's server, Markdown and highlighting cost every other command a third of a second.
        const { startWeb } = await import('./commands/web.ts');
        return startWeb(root, exercises, values.port);
      }
      return showHome(root, exercises);
    case 'test':
      if (names.length === 0 && !values.solution && !values.target && !values.watch) {
        return selfCheck(root, exercises, {
          packages: true,
          scoresFile: values.scores && resolve(cwd, values.scores),
        });
      }
      if (names.length === 0)
        throw new UsageError('Name the exercise to grade, e.g. pnpm test 01 --solution');
      return gradeExercises({
        root,
        exercises: named(),
        solution: values.solution,
        target: values.target,
        watch: values.watch,
        only: values.only,
        cwd,
      });
    case 'serve':
      return serveExercise({
        exercise: one(exercises, names, 'serve'),
        solution: values.solution,
        target: values.target,
        port: values.port,
        cwd,
      });
    case 'hint': {
      const [, number] = names;
      return showHint(root, one(exercises, names, 'hint'), number, values.all);
    }
    case 'solution':
      return showSolution(root, one(exercises, names, 'solution'));
    case 'reset':
      return resetExercise(root, one(exercises, names, 'reset'));
    case 'compare':
      return compareFolders(one(exercises, names, 'compare'), names.slice(1), cwd);
    case 'grade': {
      const outputs = {
        json: values.json,
        csv: values.csv,
        markdown: values.markdown,
        html: values.html,
        cwd,
      };
      if (names[0] === 'merge') {
        writeClassGrade(mergeClassGrades(names.slice(1), cwd), outputs);
        return 0;
      }
      if (values.targets || values['targets-file']) {
        const exercise = one(exercises, names, 'grade');
        const targets = classTargets(names.slice(1), values['targets-file'], cwd);
        const grade = await gradeClass(
          exercise,
          values.shard ? shardOf(targets, values.shard) : targets,
          cwd,
        );
        writeClassGrade(grade, outputs);
        return grade.rows.some((row) => row.run?.kitFailure) ? NOT_GRADED_EXIT_CODE : 0;
      }
      return gradeForCi({
        exercises: names.length > 0 ? named() : exercises,
        target: values.target,
        json: values.json,
        junit: values.junit,
        classroom: values.classroom,
        cwd,
      });
    }
    case 'self-check':
      return selfCheck(root, names.length > 0 ? named() : exercises, {
        packages: names.length === 0,
        scoresFile: values.scores && resolve(cwd, values.scores),
      });
    case 'node-line':
      if (!values.against)
        throw new UsageError(
          'Name the scores to compare with: pnpm workshop node-line --against scores.json (written by pnpm test --scores scores.json on another Node)',
        );
      return checkNodeLine(names.length > 0 ? named() : exercises, resolve(cwd, values.against));
    case 'mutants': {
      // Loaded only here: the mutation test parses with the TypeScript compiler, a second to load.
      const { mutationTest } = await import('./commands/mutants.ts');
      return mutationTest(one(exercises, names, 'workshop mutants'), { json: values.json, cwd });
    }
    case 'manifest':
      console.log(
        `${MANIFEST_FILE}: ${writeManifest(root)} files of the graders and toolkit hashed.`,
      );
      return 0;
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

export function reportError(error: unknown): number {
  if (
    error instanceof UsageError ||
    (error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS'))
  ) {
    console.error(red(error.message));
    return 2;
  }
  console.error(red('The workshop CLI itself failed. This is a bug in the kit, not in your code:'));
  console.error(error);
  return 70;
}
