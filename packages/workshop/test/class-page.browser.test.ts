import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ClassGrade } from '../src/commands/class-grade.ts';
import { toClassHtml } from '../src/commands/class-html.ts';
import { CHROMIUM_ARGS, findChromium } from './chromium.ts';

const SUITE = 'the class page in a real browser';
const executablePath = findChromium(SUITE);

const run = (points: number) => ({
  exercise: 'exercise-01-concurrent-awaits',
  source: 'x',
  checks: [
    {
      name: 'runAll starts every task at once',
      file: '1-run-all.grader.test.ts',
      points: 3,
      state: points > 0 ? ('passed' as const) : ('failed' as const),
      figures: [
        {
          label: 'peak in flight',
          measured: `${points > 0 ? 4 : 1} at once`,
          expected: '4',
          ok: points > 0,
        },
      ],
      ...(points > 0
        ? {}
        : {
            failure: {
              measured: '1 in flight',
              expected: '4 at once',
              meaning: 'one after another',
            },
          }),
    },
  ],
  errors: [],
  durationMs: 10,
});

const grade: ClassGrade = {
  exercise: 'exercise-01-concurrent-awaits',
  checks: [{ name: 'runAll starts every task at once', points: 3 }],
  rows: [
    { submission: 'bob', folder: '/s/bob', run: run(0) },
    { submission: 'alice', folder: '/s/alice', run: run(3) },
    { submission: 'carol', folder: '/s/carol', problem: 'carol does not exist' },
  ],
};

describe.skipIf(!executablePath)(SUITE, () => {
  let browser: Browser;
  let folder = '';
  let page = '';
  // Made here, not while the suite is collected: a skipped suite runs no hook that would remove it.
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kit-class-page-'));
    page = join(folder, 'class.html');
    writeFileSync(page, toClassHtml(grade));
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('the class report opens from disk with no request to the network, and sorts by any column', async () => {
    const tab = await browser.newPage();
    const requests: string[] = [];
    tab.on('request', (request) => requests.push(request.url()));
    await tab.goto(pathToFileURL(page).href);
    const submissions = () => tab.locator('#grid tbody td.submission').allTextContents();
    expect(await submissions()).toEqual(['bob', 'alice', 'carol']);
    await tab.locator('#grid th', { hasText: 'total' }).click();
    expect(await submissions()).toEqual(['alice', 'bob', 'carol']);
    await tab.locator('#grid th[data-column="0"]').click();
    expect(await submissions()).toEqual(['carol', 'bob', 'alice']);
    await tab.locator('#grid th[data-column="0"]').click();
    expect(await submissions()).toEqual(['alice', 'bob', 'carol']);
    expect(await tab.locator('#grid td.failed').getAttribute('title')).toContain(
      'measured: 1 in flight',
    );
    expect(await tab.locator('#figures circle').count()).toBe(2);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
  });
});
