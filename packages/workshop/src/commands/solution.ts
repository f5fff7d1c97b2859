import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Exercise } from '../kit.ts';
import { bold, dim, useColor } from '../output.ts';

/** Shows how the learner's `src/` differs from the solution, then the solution's notes. */
export function showSolution(root: string, exercise: Exercise): number {
  const mine = relative(root, join(exercise.dir, 'src'));
  const theirs = relative(root, join(exercise.solutionDir, 'src'));
  console.log(`${bold(`Exercise ${exercise.id}: your code against the solution`)}`);
  console.log(dim(`--- ${mine} (yours)\n+++ ${theirs} (solution)\n`));
  const diff = spawnSync(
    'git',
    ['diff', '--no-index', `--color=${useColor ? 'always' : 'never'}`, '--', mine, theirs],
    { cwd: root, stdio: 'inherit' },
  );
  if (diff.error) {
    console.log(`git is not available to show the difference: compare ${mine} with ${theirs}.`);
  } else if (diff.status === 0) {
    console.log('Your src/ is the same as the solution.');
  }
  const notes = join(exercise.solutionDir, 'NOTES.md');
  if (existsSync(notes)) console.log(`\n${readFileSync(notes, 'utf8')}`);
  return 0;
}
