#!/usr/bin/env node
// The workshop CLI is TypeScript: tsx loads it without a build step. Without
// its on-disk cache: the CLI leaves nothing in the learner's temp folder.
process.env.TSX_DISABLE_CACHE = '1';
const { register } = await import('tsx/esm/api');

register();
const { main, reportError } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2)).catch(reportError);
