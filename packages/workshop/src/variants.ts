import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseJsonFile } from '@kit/grading/results';
import { z } from 'zod';
import type { Exercise } from './kit.ts';

const variantSchema = z
  .object({
    name: z.string().min(1),
    /** The file of `src/` the variant changes. */
    file: z.string().min(1),
    /** Which copy it changes: the solution (a wrong solution) or the starter (an attack on a failing one). */
    base: z.enum(['solution', 'starter']).default('solution'),
    find: z.string().min(1).optional(),
    replace: z.string().optional(),
    /** Code put at the top of the file (imports a replacement needs, or an attack). */
    prepend: z.string().min(1).optional(),
    /** Checks that must not pass on it. */
    fails: z.array(z.string().min(1)).default([]),
    /** No check may pass on it. */
    failsAll: z.boolean().default(false),
    /** Its grade must be its base's, check for check: the change gains nothing. */
    sameAsBase: z.boolean().default(false),
  })
  .refine((variant) => (variant.find !== undefined) === (variant.replace !== undefined), {
    message: 'give find and replace together',
  })
  .refine((variant) => variant.find !== undefined || variant.prepend !== undefined, {
    message: 'give find/replace, prepend, or both',
  })
  .refine((variant) => variant.fails.length > 0 || variant.failsAll || variant.sameAsBase, {
    message: 'say what the variant must fail: fails, failsAll or sameAsBase',
  });

/**
 * A deliberately wrong copy of a solution (or an attack on the starter): one
 * text change in one file, and what its grade must show. Variants prove that
 * checks the untouched starter happens to pass can fail too.
 */
export type Variant = z.infer<typeof variantSchema>;

const promiseSchema = z.object({
  /** Words of one sentence of the README's task, as written. */
  says: z.string().min(1),
  /** The checks of the README's table that grade it. */
  checks: z.array(z.string().min(1)),
});

const variantsFileSchema = z.object({
  $comment: z.string().optional(),
  /** Every promise of the task and the checks that grade it: the self-check proves each can fail. */
  promises: z.array(promiseSchema).default([]),
  /** Words of the task's sentences that promise nothing: what is there already, how to try it. */
  context: z.array(z.string().min(1)).default([]),
  /** The `src/` file every grader loads first: where the hostile variants put their attack. */
  hostileEntry: z.string().min(1),
  variants: z.array(variantSchema),
});

/** The variants in `solutions/<exercise>/variants.json`, and its hostile entry file. */
export function readVariantsFile(exercise: Exercise): z.infer<typeof variantsFileSchema> {
  const file = join(exercise.solutionDir, 'variants.json');
  if (!existsSync(file)) return { hostileEntry: '', promises: [], context: [], variants: [] };
  return parseJsonFile(
    variantsFileSchema,
    readFileSync(file, 'utf8'),
    relative(process.cwd(), file) || file,
  );
}

/** Applies a variant to a copy of `src/`; a stale `find` is an error, never a silent no-op. */
export function applyVariant(variant: Variant, srcDir: string): void {
  const path = join(srcDir, variant.file);
  const original = readFileSync(path, 'utf8');
  const text = variant.prepend === undefined ? original : `${variant.prepend}\n${original}`;
  if (variant.find === undefined) {
    writeFileSync(path, text);
    return;
  }
  const find = variant.find;
  const occurrences = text.split(find).length - 1;
  if (occurrences !== 1) {
    throw new Error(
      `Variant "${variant.name}": expected its text to occur once in ${variant.file}, found it ${occurrences} times. Update variants.json to the solution.`,
    );
  }
  writeFileSync(path, text.replace(find, variant.replace ?? ''));
}
