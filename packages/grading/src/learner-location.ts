import { relative } from 'node:path';
import { SOURCE_DIR_ENV } from './env.ts';

// Read when the toolkit loads, before graded code could change the environment.
const sourceDir = process.env[SOURCE_DIR_ENV];

/**
 * Where in the graded folder a stack frame's file is, as the learner sees it
 * (`src/file.ts`), or undefined for a file outside it (the toolkit, Node,
 * a library).
 *
 * @example
 * learnerLocation('file:///tmp/grade/src/start-within.ts'); // 'src/start-within.ts'
 * learnerLocation('node:internal/timers'); // undefined
 */
export function learnerLocation(file: string | null | undefined): string | undefined {
  const path = file?.replace(/^file:\/\//, '');
  if (!sourceDir || !path?.startsWith(sourceDir)) return undefined;
  return `src/${relative(sourceDir, path)}`;
}
