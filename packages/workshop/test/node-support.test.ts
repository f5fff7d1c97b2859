import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { supportedRange, unsupportedHere } from '../bin/node-support.mjs';
import { findKitRoot } from '../src/kit.ts';

const root = findKitRoot();
const lines = JSON.parse(readFileSync(join(root, 'node-lines.json'), 'utf8'));

test('engines, node-lines.json and the grading template name the same Node lines', () => {
  const { engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  expect(engines.node).toBe(`>=${lines.minimum} <${lines.below}`);
  for (const [line, version] of Object.entries<string>(lines.pinned)) {
    expect(version.split('.')[0]).toBe(line);
  }
  expect(Object.keys(lines.pinned)).toContain(String(lines.recommended));
  const template = readFileSync(join(root, 'templates/github/grade-submission.yml'), 'utf8');
  expect(template).toContain(`NODE_VERSION: "${lines.recommended}"`);
  expect(template).toMatch(/node-version: \$\{\{ env\.NODE_VERSION \}\}/);
});

test('the CLI refuses a Node outside the range, saying the range and how to get a supported one', () => {
  for (const version of ['18.20.4', '20.18.3', '27.0.0']) {
    const refusal = unsupportedHere(version, 'linux');
    expect(refusal).toContain(`This is Node v${version}`);
    expect(refusal).toContain(supportedRange());
    expect(refusal).toMatch(/Install Node 26, the LTS line/);
  }
  for (const version of ['20.19.0', '22.23.5', '24.22.3', '26.12.1']) {
    expect(unsupportedHere(version, 'linux')).toBeUndefined();
  }
  expect(supportedRange()).toBe('Node.js 20.19 or newer, up to 26 (CI proves 20, 22, 24 and 26)');
});

test('on native Windows the CLI says to use WSL 2 instead of failing obscurely', () => {
  expect(unsupportedHere('26.12.1', 'win32')).toMatch(/POSIX process group.*Use WSL 2/);
  expect(unsupportedHere('26.12.1', 'darwin')).toBeUndefined();
});
