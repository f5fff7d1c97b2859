#!/usr/bin/env node
// The workshop CLI is TypeScript: tsx loads it without a build step.
import { register } from 'tsx/esm/api';

register();
const { main, reportError } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2)).catch(reportError);
