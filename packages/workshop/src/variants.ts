import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from './kit.ts';

/**
 * A deliberately wrong copy of a solution: one text replacement in one file,
 * and the checks that must fail on it. Variants prove that checks the
 * untouched starter happens to pass can fail too.
 */
export interface Variant {
  readonly name: string;
  readonly file: string;
  readonly find: string;
  readonly replace: string;
  readonly fails: readonly string[];
}

/** The variants in `solutions/<exercise>/variants.json`, if any. */
export function readVariants(exercise: Exercise): Variant[] {
  const file = join(exercise.solutionDir, 'variants.json');
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, 'utf8')) as { variants: Variant[] }).variants;
}

/** Applies a variant to a copy of `src/`; a stale `find` is an error, never a silent no-op. */
export function applyVariant(variant: Variant, srcDir: string): void {
  const path = join(srcDir, variant.file);
  const text = readFileSync(path, 'utf8');
  const occurrences = text.split(variant.find).length - 1;
  if (occurrences !== 1) {
    throw new Error(
      `Variant "${variant.name}": expected its text to occur once in ${variant.file}, found it ${occurrences} times. Update variants.json to the solution.`,
    );
  }
  writeFileSync(path, text.replace(variant.find, variant.replace));
}
