import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The committed list of the graders' and toolkit's files with their SHA-256, as `sha256sum` writes it. */
export const MANIFEST_FILE = 'packages/workshop/graders.sha256';

/**
 * The files a grade depends on besides the graded `src/`: the graders, the
 * grading toolkit, its Vitest preset, the fake upstreams and this CLI.
 */
function guardedFiles(root: string): string[] {
  const roots = [
    'packages/grading/src',
    'packages/measure/src',
    'packages/measure/package.json',
    'packages/grading/package.json',
    'packages/vitest-config/index.ts',
    'packages/vitest-config/package.json',
    'packages/fake-upstream/src',
    'packages/workshop/bin',
    'packages/workshop/src',
    'packages/workshop/package.json',
  ];
  for (const name of readdirSync(join(root, 'exercises')).sort()) {
    roots.push(
      `exercises/${name}/test`,
      `exercises/${name}/vitest.config.ts`,
      `exercises/${name}/package.json`,
    );
  }
  return roots.flatMap((path) => filesBelow(root, path)).sort();
}

function filesBelow(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) => filesBelow(root, `${path}/${name}`));
}

function hashOf(root: string, path: string): string {
  return createHash('sha256')
    .update(readFileSync(join(root, path)))
    .digest('hex');
}

function currentHashes(root: string): Map<string, string> {
  return new Map(guardedFiles(root).map((path) => [path, hashOf(root, path)]));
}

function committedHashes(root: string): Map<string, string> {
  const file = join(root, MANIFEST_FILE);
  if (!existsSync(file)) return new Map();
  return new Map(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [, hash = '', path = line] = /^([0-9a-f]{64}) [ *](.+)$/.exec(line) ?? [];
        return [path, hash] as const;
      }),
  );
}

/** Writes the manifest of the tree as it is (maintainers, after changing a grader). */
export function writeManifest(root: string): number {
  const hashes = currentHashes(root);
  const lines = [...hashes].map(([path, hash]) => `${hash}  ${path}`);
  writeFileSync(join(root, MANIFEST_FILE), `${lines.join('\n')}\n`);
  return hashes.size;
}

/**
 * Where the graders and toolkit differ from the committed manifest, each as
 * a sentence that says how to put the file back; empty when they match.
 *
 * @example
 * manifestDifferences(root); // ['exercises/…/test/1-run-all.grader.test.ts was changed: git checkout -- …']
 */
export function manifestDifferences(root: string): string[] {
  const committed = committedHashes(root);
  if (committed.size === 0)
    return [`${MANIFEST_FILE} is missing: git checkout -- ${MANIFEST_FILE}`];
  const current = currentHashes(root);
  const differences: string[] = [];
  for (const [path, hash] of committed) {
    const now = current.get(path);
    if (now === undefined) differences.push(`${path} is missing: git checkout -- ${path}`);
    else if (now !== hash) differences.push(`${path} was changed: git checkout -- ${path}`);
  }
  for (const path of current.keys()) {
    if (!committed.has(path))
      differences.push(`${path} is not part of the kit: remove it (rm ${relative('.', path)})`);
  }
  return differences;
}

const VOID = 'This grade is void';

/** Whether a grade was voided because the graders or toolkit were not the kit's own. */
export function isVoid(run: { readonly errors: readonly string[] }): boolean {
  return run.errors.some((error) => error.startsWith(VOID));
}

/** The error a grade carries when the graders or toolkit were not the kit's own, before or after it. */
export function voidGrade(differences: readonly string[], when: 'before' | 'after'): string {
  return [
    `${VOID}: ${when === 'before' ? 'before grading' : 'after grading'}, the graders or the grading toolkit differed from the kit's manifest (${MANIFEST_FILE}).`,
    ...differences.map((difference) => `  - ${difference}`),
    'Put the files back as the commands say and grade again. (Maintainers who changed them on purpose: pnpm manifest.)',
  ].join('\n');
}
