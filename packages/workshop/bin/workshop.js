#!/usr/bin/env node
// The workshop CLI is TypeScript: tsx loads it without a build step. Without
// its on-disk cache: the CLI leaves nothing in the learner's temp folder.
import { unsupportedHere } from './node-support.mjs';

const unsupported = unsupportedHere();
if (unsupported) {
  console.error(unsupported);
  // Neither a pass nor a fail: nothing was graded (the kit's NOT_GRADED_EXIT_CODE).
  process.exit(3);
}
// Piped into `head` or a pager that quit: the reader has what it wanted.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.env.TSX_DISABLE_CACHE = '1';
const { register } = await import('tsx/esm/api');

register();
const { main, reportError } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2)).catch(reportError);
