import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Exercise, UsageError } from '../kit.ts';

function git(root: string, args: string[]) {
  return spawnSync('git', args, { cwd: root, encoding: 'utf8' });
}

/**
 * Puts the starter back in `src/`. The learner's files are first copied to
 * `.workshop/backups/`, so nothing is lost. The starter comes from the kit's
 * own history: the commit the learner's branch forked from, when it tracks
 * one, otherwise the last commit.
 */
export function resetExercise(root: string, exercise: Exercise): number {
  const src = relative(root, join(exercise.dir, 'src'));
  const upstream = git(root, ['merge-base', 'HEAD', '@{upstream}']);
  const commit = upstream.status === 0 ? upstream.stdout.trim() : 'HEAD';
  if (git(root, ['cat-file', '-e', `${commit}:${src}`]).status !== 0) {
    throw new UsageError(
      `Cannot find the starter of ${exercise.name} in git (${commit}): is this a clone of the kit?`,
    );
  }
  const backup = join(
    root,
    '.workshop',
    'backups',
    `${exercise.name}-${new Date().toISOString().replace(/[:.]/g, '-')}`,
  );
  if (existsSync(join(root, src))) {
    cpSync(join(root, src), join(backup, 'src'), { recursive: true });
    rmSync(join(root, src), { recursive: true, force: true });
  }
  const restore = git(root, ['checkout', commit, '--', src]);
  if (restore.status !== 0) throw new Error(`git could not restore ${src}: ${restore.stderr}`);
  git(root, ['reset', '--quiet', '--', src]);
  console.log(
    `${src} is back to the starter (from ${commit === 'HEAD' ? 'the last commit' : commit.slice(0, 7)}).`,
  );
  console.log(`Your previous files are in ${relative(root, backup)}/src.`);
  return 0;
}
