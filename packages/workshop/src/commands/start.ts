import { supportedRange } from '../../bin/node-support.mjs';
import type { Exercise } from '../kit.ts';
import { bold, dim, green, yellow } from '../output.ts';
import { nextExercise, readState } from '../state.ts';

/** The workshop home: every exercise with its last grade, the next one to do, and how. */
export function showHome(root: string, exercises: readonly Exercise[]): number {
  const state = readState(root);
  const { grades } = state;
  const next = nextExercise(exercises, state);

  console.log(bold('Async Node.js workshop'));
  console.log(
    dim('Concurrency, streaming and the event loop on Node.js and NestJS, graded by measurement.'),
  );
  console.log(dim(`Running on Node ${process.version}; the kit supports ${supportedRange()}.\n`));
  const titleWidth = Math.max(...exercises.map((exercise) => exercise.title.length));
  for (const exercise of exercises) {
    const grade = grades[exercise.name];
    const status = !grade
      ? dim('not graded yet')
      : grade.failed === 0
        ? green(`✓ done (${grade.earned}/${grade.possible})`)
        : yellow(
            `${grade.earned}/${grade.possible}, ${grade.failed} check${grade.failed === 1 ? '' : 's'} to go`,
          );
    const marker = exercise === next ? yellow('→') : ' ';
    console.log(`${marker} ${exercise.id}  ${exercise.title.padEnd(titleWidth)} ${status}`);
  }
  console.log('');
  if (next) {
    const folder = `exercises/${next.name}`;
    console.log(
      `${bold('Next:')} exercise ${next.id}. Read ${folder}/README.md, edit ${folder}/src/, then:`,
    );
    console.log(
      `  pnpm test ${next.id}            grade your code (add --watch to re-grade on save)`,
    );
    console.log(
      `  pnpm hint ${next.id}            the next hint, from a nudge to nearly the answer`,
    );
    console.log(`  pnpm solution ${next.id}        your code against the solution`);
    console.log(
      `  pnpm reset ${next.id}           back to the starter (your files are kept in .workshop/backups)`,
    );
  } else {
    console.log(
      green('Every exercise is done. `pnpm compare` and `pnpm grade` are there for instructors.'),
    );
  }
  return 0;
}
